import { expect } from '@open-wc/testing';
import { McpAuthError, McpClient } from '../../src/client.js';
import { clickTo, firstText, freshStore, servers } from '../helpers.js';

// The OAuth mix-up attack with two real authorization servers on loopback: the honest one
// (servers/oauth.mjs, the SDK's mcpAuthRouter) and a hostile one named by a hostile MCP server's
// resource metadata, which bounces the sign-in popup to the honest AS as the host's own client there
// (servers/mixup.mjs). Nothing the honest AS issued, and no pre-registered secret, may reach it.
const redirectUri = new URL('/test/core/auth-callback.html', location.href).href;

interface MixUpStats {
  authorizations: number;
  registrations: { redirect_uris: string[] }[];
  tokenRequests: Record<string, string>[];
}
const mixupStats = async (): Promise<MixUpStats> =>
  fetch(`${(await servers()).mixupControl}/stats`).then((r) => r.json());

/** A client the host registered with the honest AS beforehand, with a secret. */
async function preRegisteredClient() {
  const { oauthIssuer } = await servers();
  const res = await fetch(new URL('register', oauthIssuer), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'host app',
      redirect_uris: [redirectUri],
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    }),
  });
  const client = await res.json();
  return { clientId: client.client_id as string, clientSecret: client.client_secret as string };
}

describe('OAuth mix-up: a hostile MCP server naming a hostile authorization server', () => {
  const opened: McpClient[] = [];
  after(() => Promise.all(opened.map((c) => c.close())));

  it('never posts the honest AS code, nor the pre-registered secret, to the hostile AS', async () => {
    const { mixupMcp, mixupControl, oauthIssuer } = await servers();
    const pre = await preRegisteredClient();
    await fetch(`${mixupControl}/target`, {
      method: 'POST',
      body: JSON.stringify({ clientId: pre.clientId, redirectUri }),
    });
    const before = await mixupStats();
    const store = freshStore('mixup');
    const client = new McpClient({ url: mixupMcp, store, auth: { redirectUri, clients: { [oauthIssuer]: pre } } });
    opened.push(client);

    const error = await clickTo('Sign in', () => client.authorize()).then(
      () => undefined,
      (e) => e,
    );

    const after = await mixupStats();
    expect(after.authorizations, 'the popup went through the hostile AS').to.equal(before.authorizations + 1);
    expect(
      after.tokenRequests.slice(before.tokenRequests.length),
      'requests at the hostile token endpoint',
    ).to.deep.equal([]);
    // The hostile AS got a registration of its own, at a redirect URI of its own issuer.
    const registered = after.registrations.at(-1)!.redirect_uris;
    expect(registered).to.have.length(1);
    expect(registered[0]).to.not.equal(redirectUri);
    expect(new URL(registered[0]).searchParams.get('mcp_as')).to.match(/^[\w-]{12}$/);
    expect(error).to.be.instanceOf(McpAuthError);
    expect(error.message).to.include('another authorization server');
    expect(client.authState).to.not.equal('signed-in');
    expect(await store.keys('mcp-auth-flow:')).to.deep.equal([]);
    expect(await store.keys('mcp-auth-token:')).to.deep.equal([]);
  });

  it('uses a pre-registered client with its own issuer only, and signs in there', async () => {
    const { oauthMcp, oauthIssuer } = await servers();
    const pre = await preRegisteredClient();
    const store = freshStore('mixup-honest');
    const client = new McpClient({ url: oauthMcp, store, auth: { redirectUri, clients: { [oauthIssuer]: pre } } });
    opened.push(client);
    await clickTo('Sign in', () => client.authorize());
    expect(JSON.parse(firstText(await client.callTool('whoami'))).clientId).to.equal(pre.clientId);
    expect(await store.keys('mcp-auth-client:'), 'no dynamic registration').to.deep.equal([]);
  });

  it('refuses an auth.clientId that is bound to no issuer instead of showing it to every AS', async () => {
    const { mixupMcp, mixupControl } = await servers();
    const before = await mixupStats();
    const client = new McpClient({
      url: mixupMcp,
      store: freshStore('mixup-unbound'),
      auth: { redirectUri, clientId: 'host-client', clientSecret: 'host-secret' } as never,
    });
    opened.push(client);
    const error = await clickTo('Sign in', () => client.authorize()).then(
      () => undefined,
      (e) => e,
    );
    expect(error).to.be.instanceOf(McpAuthError);
    expect(error.message).to.include('auth.clients');
    const after = await fetch(`${mixupControl}/stats`).then((r) => r.json());
    expect(after.authorizations).to.equal(before.authorizations);
    expect(JSON.stringify(after)).to.not.include('host-secret');
  });
});
