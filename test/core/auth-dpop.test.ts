import { expect } from '@open-wc/testing';
import { McpClient, type KeyValueStore } from '../../src/client.js';
import { idbStore } from '../../src/store.js';
import { clickTo, firstText, servers } from '../helpers.js';

// DPoP (RFC 9449) against a real authorization server and MCP server on loopback that bind tokens
// to the client's key and ask for nonces (servers/oauth-dpop.mjs): the sign-in click through the
// popup, proofs on the token request and on every MCP request, a stolen token refused.
const redirectUri = new URL('/test/core/auth-callback.html', location.href).href;
const DB = `mcp-auth-dpop-test-${Date.now()}`;

interface Stats {
  tokenRequests: number;
  tokenRequestsWithValidProof: number;
  asNonceChallenges: number;
  asNonceAnswered: number;
  refreshes: number;
  mcpRequests: number;
  mcpRequestsWithValidProof: number;
  schemes: string[];
  rsNonceChallenges: number;
  rsNonceAnswered: number;
  refused: string[];
}
const stats = async (): Promise<Stats> => fetch(`${(await servers()).dpopControl}/stats`).then((r) => r.json());

describe('DPoP-bound tokens (RFC 9449 against a loopback authorization server)', () => {
  let url: string;
  let store: KeyValueStore;
  const clients: McpClient[] = [];
  const newClient = () => {
    const client = new McpClient({ url, store, auth: { redirectUri } });
    clients.push(client);
    return client;
  };
  /** What a thief who read IndexedDB holds: the stored token set. */
  const storedTokens = async () => {
    const [key] = await store.keys('mcp-auth-token:');
    return (await store.get<{ access_token: string; token_type: string; refresh_token: string }>(key))!;
  };

  before(async () => {
    url = (await servers()).dpopMcp;
    store = idbStore(DB);
  });
  after(() => Promise.all(clients.map((c) => c.close())));

  it('signs in by a click with a proof on the token request, then calls a tool with DPoP, answering both nonces', async () => {
    const before = await stats();
    const client = newClient();
    await clickTo('Sign in', () => client.authorize());
    expect(client.authState).to.equal('signed-in');
    const who = JSON.parse(firstText(await client.callTool('whoami')));
    const after = await stats();
    // The token request: a valid proof, refused once for want of the AS's nonce, then answered with it.
    expect(after.tokenRequestsWithValidProof - before.tokenRequestsWithValidProof).to.equal(2);
    expect(after.asNonceChallenges - before.asNonceChallenges).to.equal(1);
    expect(after.asNonceAnswered - before.asNonceAnswered).to.equal(1);
    // Every MCP request carried the token as DPoP with a valid proof; the server's nonce was asked for once.
    const mcp = after.mcpRequests - before.mcpRequests;
    expect(mcp).to.be.greaterThan(2);
    expect(after.mcpRequestsWithValidProof - before.mcpRequestsWithValidProof).to.equal(mcp);
    expect(after.schemes.slice(before.schemes.length)).to.deep.equal(Array(mcp).fill('DPoP'));
    expect(after.rsNonceChallenges - before.rsNonceChallenges).to.equal(1);
    expect(after.refused).to.deep.equal(before.refused);
    expect(who.jkt).to.be.a('string');
    expect((await storedTokens()).token_type).to.equal('dpop');
  });

  it('keeps the private key in IndexedDB as a CryptoKey that cannot be exported', async () => {
    const keys = await store.get<CryptoKeyPair>(`mcp-auth-dpop:${(await servers()).dpopIssuer}`);
    expect(keys?.privateKey).to.be.instanceOf(CryptoKey);
    expect(keys!.privateKey.extractable).to.equal(false);
    const exported = await crypto.subtle.exportKey('jwk', keys!.privateKey).then(
      () => 'exported',
      (e: DOMException) => e.name,
    );
    expect(exported).to.equal('InvalidAccessError');
  });

  it('refuses a stolen access token replayed without a proof, as Bearer or as DPoP; the page goes on working', async () => {
    const { access_token } = await storedTokens();
    const call = { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} };
    const replay = (authorization: string) =>
      fetch(url, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify(call),
      });
    const asBearer = await replay(`Bearer ${access_token}`);
    const asDpop = await replay(`DPoP ${access_token}`);
    expect([asBearer.status, asDpop.status]).to.deep.equal([401, 401]);
    expect(asDpop.headers.get('www-authenticate')).to.include('invalid_dpop_proof');
    // A reload (a new client over the same store) connects with the stored token and its own key.
    const client = newClient();
    await client.connect();
    expect(client.authState).to.equal('signed-in');
    expect((await client.listTools()).map((t) => t.name)).to.include('whoami');
  });

  it('refreshes an expired DPoP token with a proof of the same key, then repeats the call', async () => {
    const client = newClient();
    await client.connect();
    const before = await stats();
    const { jkt } = JSON.parse(firstText(await client.callTool('whoami')));
    await fetch(`${(await servers()).dpopControl}/expire`, { method: 'POST' });
    const again = JSON.parse(firstText(await client.callTool('whoami')));
    const after = await stats();
    expect(after.refreshes - before.refreshes).to.equal(1); // the AS checks the refresh proof's key
    expect(again.jkt).to.equal(jkt);
  });

  it('answers a new nonce from each server without a new sign-in', async () => {
    const client = newClient();
    await client.connect();
    await fetch(`${(await servers()).dpopRsControl}/new-nonces`, { method: 'POST' });
    const before = await stats();
    await client.callTool('whoami');
    const after = await stats();
    expect(after.rsNonceChallenges - before.rsNonceChallenges).to.equal(1);
    expect(after.rsNonceAnswered - before.rsNonceAnswered).to.equal(1);
    expect(client.authState).to.equal('signed-in');
  });

  it('deletes the key with the rest of the sign-in when the server is forgotten', async () => {
    const client = newClient();
    await client.connect();
    expect(await store.keys('mcp-auth-dpop:')).to.have.length(1);
    await client.forget();
    expect(await store.keys('mcp-auth-dpop:')).to.deep.equal([]);
    expect(await store.keys('mcp-auth-token:')).to.deep.equal([]);
  });
});
