import { expect } from '@open-wc/testing';
import { McpClient } from '../../src/client.js';
import { clickTo, freshStore, servers } from '../helpers.js';

// Reverse tabnabbing: the sign-in popup shows the authorization server's pages, which must not be
// able to navigate the host tab through window.opener. The loopback AS (servers/oauth.mjs) is told
// to serve, once, an authorization page that sets opener.location before redirecting back.
const redirectUri = new URL('/test/core/auth-callback.html', location.href).href;

describe('the sign-in popup and window.opener', () => {
  let client: McpClient | undefined;
  after(() => client?.close());

  it('an authorization page that sets opener.location changes nothing here, and the sign-in still completes', async () => {
    const { oauthMcp, oauthControl } = await servers();
    const target = `${location.href.split('#')[0]}#tabnabbed`;
    await fetch(`${oauthControl}/tabnab`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target }),
    });
    client = new McpClient({ url: oauthMcp, store: freshStore('popup-opener'), auth: { redirectUri } });
    await clickTo('Sign in', () => client!.authorize());
    expect(client.authState).to.equal('signed-in');
    expect(location.hash).to.not.equal('#tabnabbed');
  });

  it('a sign-in window closed before signing in ends the flow within the bound, and its stored PKCE record with it', async () => {
    const { oauthMcp, oauthControl } = await servers();
    await fetch(`${oauthControl}/close-next`, { method: 'POST' });
    const store = freshStore('popup-closed');
    client = new McpClient({ url: oauthMcp, store, auth: { redirectUri, popupClosedMs: 1000 } });
    let failure: Error | undefined;
    await clickTo('Sign in', () => client!.authorize().catch((e: Error) => void (failure = e)));
    expect(failure?.message).to.contain('The sign-in window was closed');
    expect(client.authState).to.not.equal('signing-in');
    expect(await store.keys('mcp-auth-flow:')).to.deep.equal([]);
  });
});
