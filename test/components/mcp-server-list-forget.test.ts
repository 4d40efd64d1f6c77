// "Forget data" in <mcp-server-list> deletes the sign-in too: after a real OAuth sign-in (loopback
// authorization server, test/servers/oauth.mjs) no token, binding, registration or pending flow of
// that server is left, even though the list has no auth options to sign out with.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/mcp-server-list/define.js';
import type { McpServerList } from '../../src/components/mcp-server-list/mcp-server-list.js';
import { McpClient, type KeyValueStore } from '../../src/client.js';
import { flowKey } from '../../src/core/auth/keys.js';
import { keysToForget } from '../../src/core/store/forget.js';
import { buttonNamed, clickTo, controlByLabel, emptyStore, servers, typeInto } from '../helpers.js';

const DB = 'mcp-server-list-forget-test';
const redirectUri = new URL('/test/core/auth-callback.html', location.href).href;

describe('<mcp-server-list> Forget data and sign-in', () => {
  let store: KeyValueStore;
  beforeEach(async () => (store = await emptyStore(DB)));

  it('deletes the tokens, binding, registration and pending sign-ins of the server, and only of that server', async () => {
    const url = (await servers()).oauthMcp;
    const client = new McpClient({ url, store, auth: { redirectUri } });
    await clickTo('Sign in', () => client.authorize());
    expect(client.authState).to.equal('signed-in');
    await client.close();
    expect(await store.keys('mcp-auth-token:')).to.have.length(1);
    expect(await store.keys('mcp-auth-binding:')).to.have.length(1);
    expect(await store.keys('mcp-auth-client:')).to.have.length(1);
    // A sign-in this server started and never finished, and one of another server.
    await store.set(flowKey('unfinished'), { state: 'unfinished', serverUrl: url });
    await store.set(flowKey('elsewhere'), { state: 'elsewhere', serverUrl: 'https://other.example/mcp' });

    const el = await fixture<McpServerList>(html`<mcp-server-list .store=${store}></mcp-server-list>`);
    typeInto(controlByLabel(el, 'Server URL'), url);
    typeInto(controlByLabel(el, 'Name'), 'Protected');
    buttonNamed(el.shadowRoot!, 'Add server').click();
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Protected'), 'listed');
    buttonNamed(el.shadowRoot!, 'Forget data of Protected').click();
    await el.updateComplete;
    const forgotten = oneEvent(el, 'mcp-server-forget');
    buttonNamed(el.shadowRoot!.querySelector('[part=confirm]') as unknown as ShadowRoot, 'Forget data').click();
    await forgotten;

    expect(await store.keys('mcp-auth-token:')).to.deep.equal([]);
    expect(await store.keys('mcp-auth-binding:')).to.deep.equal([]);
    expect(await store.keys('mcp-auth-client:')).to.deep.equal([]);
    expect(await store.keys('mcp-auth-flow:')).to.deep.equal([flowKey('elsewhere')]);
    expect(await keysToForget(store, url)).to.deep.equal([]);
    // The sign-in is really gone: a new client over the same store must sign in again.
    const error = await new McpClient({ url, store, auth: { redirectUri } }).connect().then(
      () => undefined,
      (e) => e,
    );
    expect(error?.needsAuthorization).to.equal(true);
  });
});
