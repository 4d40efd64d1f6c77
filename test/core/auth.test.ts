import { expect } from '@open-wc/testing';
import { McpAuthError, McpClient, type KeyValueStore } from '../../src/client.js';
import { idbStore } from '../../src/store.js';
import { clickTo, firstText, servers } from '../helpers.js';

// OAuth against a real authorization server on loopback (the SDK's mcpAuthRouter with refresh
// tokens added, servers/oauth.mjs) and an MCP server that requires its tokens.
const redirectUri = new URL('/test/core/auth-callback.html', location.href).href;
const DB = `mcp-auth-test-${Date.now()}`;

interface Stats {
  authorizations: number;
  codeExchanges: number;
  refreshes: number;
  revocations: number;
  lastResource: string;
  lastScope: string;
}
const stats = async (): Promise<Stats> => fetch(`${(await servers()).oauthControl}/stats`).then((r) => r.json());

describe('authorization (OAuth 2.1 against a loopback authorization server)', () => {
  let url: string;
  let store: KeyValueStore;
  const clients: McpClient[] = [];
  const newClient = (userAgent: 'popup' | 'redirect' = 'popup') => {
    const client = new McpClient({ url, store, auth: { redirectUri, userAgent } });
    clients.push(client);
    return client;
  };

  before(async () => {
    url = (await servers()).oauthMcp;
    store = idbStore(DB);
  });
  after(() => Promise.all(clients.map((c) => c.close())));

  it('rejects connect() with needsAuthorization when no token is stored, and says so in authState', async () => {
    const client = newClient();
    const states: string[] = [];
    client.addEventListener('authchange', (e) => states.push((e as CustomEvent).detail));
    const error = await client.connect().then(
      () => undefined,
      (e) => e,
    );
    expect(await store.keys('mcp-auth-token:')).to.deep.equal([]);
    expect(error).to.be.instanceOf(McpAuthError);
    expect(error.needsAuthorization).to.equal(true);
    expect(error.status).to.equal(401);
    expect(client.authState).to.equal('needed');
    expect(states).to.deep.equal(['needed']);
  });

  it('reports a refused sign-in as authState denied, without acting on the error text', async () => {
    await fetch(`${(await servers()).oauthControl}/deny-next`, { method: 'POST' });
    const client = newClient();
    const error = await clickTo('Sign in', () => client.authorize()).then(
      () => undefined,
      (e) => e,
    );
    expect(error).to.be.instanceOf(McpAuthError);
    expect(error.message).to.include('access_denied').and.not.include('<img');
    expect(client.authState).to.equal('denied');
    expect(client.state).to.not.equal('ready');
    expect(await store.keys('mcp-auth-flow:')).to.deep.equal([]); // the flow's state is single-use
  });

  it('signs in through a popup opened by a real click, then calls a protected tool', async () => {
    const before = await stats();
    const client = newClient();
    await clickTo('Sign in', () => client.authorize());
    expect(client.state).to.equal('ready');
    expect(client.authState).to.equal('signed-in');
    const who = JSON.parse(firstText(await client.callTool('whoami')));
    expect(who.resource).to.equal(url); // RFC 8707: the token is bound to this server
    expect(who.scopes).to.include('mcp:tools');
    const after = await stats();
    expect(after.authorizations).to.equal(before.authorizations + 1);
    expect(after.lastResource).to.equal(url);
    expect(after.lastScope.split(' ')).to.have.members(['mcp:tools', 'offline_access']);
    // Tokens are kept per (issuer, resource), the registration per issuer.
    expect(await store.keys('mcp-auth-token:')).to.deep.equal([
      `mcp-auth-token:${(await servers()).oauthIssuer} ${url}`,
    ]);
    expect(await store.keys('mcp-auth-client:')).to.have.length(1);
  });

  it('survives a reload: a new client over the same IndexedDB store connects with the stored token', async () => {
    const before = await stats();
    const client = newClient();
    await client.connect();
    expect(client.authState).to.equal('signed-in');
    expect(JSON.parse(firstText(await client.callTool('whoami'))).resource).to.equal(url);
    expect((await stats()).authorizations).to.equal(before.authorizations);
  });

  it('refreshes an expired access token, keeps the rotated refresh token, and repeats the call', async () => {
    const client = newClient();
    await client.connect();
    const [key] = await store.keys('mcp-auth-token:');
    const old = (await store.get<{ access_token: string; refresh_token: string }>(key))!;
    const before = await stats();
    await fetch(`${(await servers()).oauthControl}/expire`, { method: 'POST' });
    const who = JSON.parse(firstText(await client.callTool('whoami')));
    expect(who.resource).to.equal(url);
    expect((await stats()).refreshes).to.equal(before.refreshes + 1);
    const next = (await store.get<{ access_token: string; refresh_token: string }>(key))!;
    expect(next.access_token).to.not.equal(old.access_token);
    expect(next.refresh_token).to.be.a('string').and.not.equal(old.refresh_token);
    expect(client.authState).to.equal('signed-in');
  });

  it('steps up on 403 insufficient_scope: needs a sign-in with the union of scopes, then the call succeeds', async () => {
    const client = newClient();
    await client.connect();
    const error = await client.callTool('admin_report').then(
      () => undefined,
      (e) => e,
    );
    expect(error).to.be.instanceOf(McpAuthError);
    expect(error.status).to.equal(403);
    expect(client.authState).to.equal('needed');
    await clickTo('Allow more', () => client.authorize());
    expect((await stats()).lastScope.split(' ')).to.have.members(['mcp:tools', 'offline_access', 'mcp:admin']);
    expect(firstText(await client.callTool('admin_report'))).to.equal('report');
    expect(client.authState).to.equal('signed-in');
  });

  it('signs out: forgets and revokes the tokens, and the next connect needs authorization again', async () => {
    const client = newClient();
    await client.connect();
    const before = await stats();
    await client.signOut();
    expect(client.authState).to.equal('none');
    expect(await store.keys('mcp-auth-token:')).to.deep.equal([]);
    expect((await stats()).revocations).to.equal(before.revocations + 2); // refresh and access token
    const error = await newClient()
      .connect()
      .then(
        () => undefined,
        (e) => e,
      );
    expect(error?.needsAuthorization).to.equal(true);
  });

  it('signs in by full-page redirect in a frame and resumes the flow after the return', async () => {
    const frame = document.createElement('iframe');
    const phases: Record<string, unknown>[] = [];
    const done = new Promise<Record<string, unknown>>((resolve) => {
      addEventListener('message', function onMessage(e) {
        if (e.origin !== location.origin || e.data?.type !== 'mcp-auth-app') return;
        phases.push(e.data);
        if (e.data.phase !== 'leaving') {
          removeEventListener('message', onMessage);
          resolve(e.data);
        }
      });
    });
    frame.src = `/test/core/auth-app.html?${new URLSearchParams({ server: url, db: `${DB}-redirect` })}`;
    document.body.append(frame);
    try {
      const result = await done;
      expect(phases.map((p) => p.phase)).to.deep.equal(['leaving', 'signed-in']);
      expect(result.authState).to.equal('signed-in');
      expect(JSON.parse(result.text as string).resource).to.equal(url);
      expect(frame.contentWindow!.location.pathname).to.equal('/test/core/auth-app.html');
      expect(frame.contentWindow!.location.search).to.not.include('code=');
    } finally {
      frame.remove();
    }
  });
});
