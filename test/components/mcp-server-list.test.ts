import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/mcp-server-list/define.js';
import type { McpServerList } from '../../src/components/mcp-server-list/mcp-server-list.js';
import type { McpServerSelectEvent } from '../../src/events/events.js';
import { McpClient, type KeyValueStore } from '../../src/client.js';
import { keysOfServer } from '../../src/core/store/forget.js';
import { readSavedServers, saveDraft } from '../../src/core/store/records.js';
import { buttonNamed, controlByLabel, emptyStore, servers, typeInto } from '../helpers.js';

const DB = 'mcp-server-list-test';

describe('<mcp-server-list>', () => {
  let store: KeyValueStore;
  beforeEach(async () => (store = await emptyStore(DB)));

  const add = async (el: McpServerList, url: string, name: string) => {
    typeInto(controlByLabel(el, 'Server URL'), url);
    typeInto(controlByLabel(el, 'Name'), name);
    buttonNamed(el.shadowRoot!, 'Add server').click();
    await waitUntil(() => el.shadowRoot!.textContent!.includes(name), `${name} listed`);
  };

  it('adds, renames and removes saved servers, and keeps them in the store', async () => {
    const el = await fixture<McpServerList>(html`<mcp-server-list .store=${store}></mcp-server-list>`);
    await add(el, 'https://one.example/mcp', 'One');
    await add(el, 'https://two.example/mcp', 'Two');
    expect(await readSavedServers(store)).to.deep.equal([
      { url: 'https://one.example/mcp', name: 'One' },
      { url: 'https://two.example/mcp', name: 'Two' },
    ]);

    buttonNamed(el.shadowRoot!, 'Rename One').click();
    await el.updateComplete;
    const input = controlByLabel(el, 'New name for One');
    typeInto(input, 'First');
    buttonNamed(el.shadowRoot!, 'Save').click();
    await waitUntil(async () => (await readSavedServers(store))[0].name === 'First', 'renamed in the store');

    buttonNamed(el.shadowRoot!, 'Remove Two').click();
    await waitUntil(async () => (await readSavedServers(store)).length === 1, 'removed from the store');

    // A new list over the same store (a reload) shows what was saved.
    const again = await fixture<McpServerList>(html`<mcp-server-list .store=${store}></mcp-server-list>`);
    await waitUntil(() => again.shadowRoot!.textContent!.includes('First'), 'restored');
    expect(again.shadowRoot!.textContent).not.to.include('Two');
  });

  it('refuses a URL that is not http(s), with an alert', async () => {
    const el = await fixture<McpServerList>(html`<mcp-server-list .store=${store}></mcp-server-list>`);
    typeInto(controlByLabel(el, 'Server URL'), 'javascript:alert(1)');
    buttonNamed(el.shadowRoot!, 'Add server').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.include('http');
    expect(await readSavedServers(store)).to.deep.equal([]);
  });

  it('fires mcp-server-select with the URL when a server is chosen, and marks it pressed', async () => {
    const el = await fixture<McpServerList>(html`<mcp-server-list .store=${store}></mcp-server-list>`);
    await add(el, 'https://one.example/mcp', 'One');
    const chosen = oneEvent(el, 'mcp-server-select') as unknown as Promise<McpServerSelectEvent>;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=server]')!.click();
    expect((await chosen).url).to.equal('https://one.example/mcp');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~=server]')!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('forgets all data of a server: DELETE for its session, and none of its keys are left', async () => {
    const { proxy: url, proxyControl } = await servers();
    const client = new McpClient({ url, store, transport: 'streamable-http' });
    await client.connect();
    await client.listTools();
    await saveDraft(client.store!, url, 'echo', { message: 'draft' });
    await client.detach();
    const before = await keysOfServer(store, url);
    expect(before.length).to.be.greaterThan(2);

    const el = await fixture<McpServerList>(html`<mcp-server-list .store=${store}></mcp-server-list>`);
    await add(el, url, 'Proxied');
    await fetch(`${proxyControl}/log`, { method: 'DELETE' });
    buttonNamed(el.shadowRoot!, 'Forget data of Proxied').click();
    await el.updateComplete;
    const forgotten = oneEvent(el, 'mcp-server-forget');
    buttonNamed(el.shadowRoot!.querySelector('[part=confirm]') as unknown as ShadowRoot, 'Forget data').click();
    await forgotten;
    expect(await keysOfServer(store, url)).to.deep.equal([]);
    expect((await store.keys()).filter((k) => k.includes(url))).to.deep.equal([]);
    const log: { method: string; headers: Record<string, string> }[] = await (
      await fetch(`${proxyControl}/log`)
    ).json();
    expect(log.filter((e) => e.method === 'DELETE')).to.have.length(1);
    expect(log.find((e) => e.method === 'DELETE')!.headers['mcp-session-id']).to.be.a('string');
  });

  it('is accessible, with servers listed and a rename open', async () => {
    const el = await fixture<McpServerList>(html`<mcp-server-list .store=${store}></mcp-server-list>`);
    await expect(el).to.be.accessible();
    await add(el, 'https://one.example/mcp', 'One');
    await add(el, 'https://two.example/mcp', 'Two');
    await expect(el).to.be.accessible();
    buttonNamed(el.shadowRoot!, 'Rename One').click();
    buttonNamed(el.shadowRoot!, 'Forget data of Two').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
