// <mcp-workspace> (issue 30, item 2): several real loopback servers in one element, driven by role and name as a
// person would: add, rename, remove; each server's problem on its own entry; one catalogue across servers; a reload
// on the same store; the data of a removed server forgotten; a header the person gives reaching only its server.
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/mcp-workspace/define.js';
import '../../src/components/mcp-client/define.js';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import type { KeyValueStore } from '../../src/client.js';
import { idbStore } from '../../src/store.js';
import type { McpWorkspaceElement } from '../../src/components/mcp-workspace/mcp-workspace.js';
import type { McpToolForm } from '../../src/components/mcp-tool-form/mcp-tool-form.js';
import { keysToForget } from '../../src/core/store/forget.js';
import { serverKey } from '../../src/core/store/keys.js';
import type { ServerRecord } from '../../src/core/store/records.js';
import type { McpToolResultEvent } from '../../src/events/events.js';
import type { McpServerAddEvent, McpServerRemoveEvent } from '../../src/components/mcp-workspace/events.js';
import {
  buttonNamed,
  controlByLabel,
  formOf,
  freshStore,
  proxyLog,
  realClick,
  servers,
  toolFormReady,
  typeInto,
} from '../helpers.js';

const redirectUri = new URL('/test/core/auth-callback.html', location.href).href;
/** A loopback port nothing listens on. */
const DOWN = 'http://127.0.0.1:9/mcp';

const shadow = (el: McpWorkspaceElement) => el.shadowRoot!;

async function workspace(store: KeyValueStore, props: Partial<McpWorkspaceElement> = {}): Promise<McpWorkspaceElement> {
  const el = await fixture<McpWorkspaceElement>(
    html`<mcp-workspace redirect-uri=${redirectUri} .store=${store} .headers=${props.headers}></mcp-workspace>`,
  );
  return el;
}

/** Fills the Add server form as a person does and presses Add; resolves when the server's entry is listed. */
async function add(el: McpWorkspaceElement, url: string, header?: [string, string]): Promise<void> {
  typeInto(controlByLabel(el, 'Server URL'), url);
  if (header) {
    typeInto(controlByLabel(el, 'Header name (optional)'), header[0]);
    typeInto(controlByLabel(el, 'Header value'), header[1]);
  }
  const added = oneEvent(el, 'mcp-server-add');
  buttonNamed(shadow(el), 'Add').click();
  expect(((await added) as unknown as McpServerAddEvent).url).to.equal(new URL(url).href);
}

/** The list item of the server whose entry shows `text` (its title or its URL). */
const entry = (el: McpWorkspaceElement, text: string) =>
  [...shadow(el).querySelectorAll<HTMLElement>('[part=list] > li')].find((li) => li.textContent!.includes(text));

const statusOf = (el: McpWorkspaceElement, text: string) =>
  entry(el, text)?.querySelector('[part=server-status]')?.textContent;

const waitStatus = (el: McpWorkspaceElement, text: string, status: string) =>
  waitUntil(() => statusOf(el, text) === status, `${text}: ${status}`, { timeout: 15_000 });

/** The button named `name` on the server entry showing `text`. */
const entryButton = (el: McpWorkspaceElement, text: string, name: string) =>
  [...entry(el, text)!.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);

/** The catalogue's entries, as their accessible text (tool title, then server). */
const catalogue = (el: McpWorkspaceElement) =>
  [...shadow(el).querySelectorAll('[part~=tool]')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim());

describe('<mcp-workspace>', () => {
  afterEach(() => fixtureCleanup());

  it('keeps a down server to its own entry while a legacy and a 2026-07-28 server list and run their tools', async () => {
    const { legacy, modern } = await servers();
    const el = await workspace(freshStore('mcp-workspace-side'));
    await add(el, DOWN);
    await add(el, legacy);
    await add(el, modern);

    await waitStatus(el, 'legacy-fixture', 'Connected');
    await waitStatus(el, 'modern-fixture', 'Connected');
    await waitStatus(el, DOWN, 'Unreachable');
    expect(entry(el, DOWN)!.querySelector('.error')!.textContent, 'the problem, on its entry').to.not.equal('');
    expect(entryButton(el, DOWN, 'Remove'), 'the down server can be removed').to.exist;
    expect(entryButton(el, DOWN, 'Sign in'), 'nothing to sign in to').to.equal(undefined);

    // Both servers have an `echo`: each entry says which server it runs on.
    await waitUntil(() => catalogue(el).filter((t) => t.startsWith('echo')).length === 2, 'both echos listed');
    expect(catalogue(el)).to.include.members(['echo legacy-fixture', 'echo modern-fixture']);
    typeInto(shadow(el).querySelector<HTMLInputElement>('[aria-label="Search tools"]')!, 'echo');
    await el.updateComplete;
    expect(catalogue(el)).to.deep.equal(['echo legacy-fixture', 'echo modern-fixture']);

    const modernEcho = [...shadow(el).querySelectorAll<HTMLButtonElement>('[part~=tool]')][1];
    modernEcho.click();
    await el.updateComplete;
    const form = shadow(el).querySelector<McpToolForm>('mcp-tool-form')!;
    expect(form.client, "the form runs on the chosen tool's server").to.equal(
      el.servers.find((s) => s.url === new URL(modern).href)!.client,
    );
    await toolFormReady(form);
    await formOf(form).updateComplete;
    typeInto(controlByLabel(formOf(form), 'message'), 'one catalogue');
    const done = oneEvent(el, 'mcp-tool-result');
    buttonNamed(form.shadowRoot!, 'Run').click();
    const result = (await done) as unknown as McpToolResultEvent;
    expect(result.result!.content[0]).to.deep.include({ type: 'text', text: 'Echo: one catalogue' });

    el.style.width = '320px';
    await expect(el).to.be.accessible();
  });

  it('shows the refusal of a server that refuses the page origin, not a sign-in', async () => {
    const { legacyOriginChecked } = await servers();
    const el = await workspace(freshStore('mcp-workspace-refused'));
    await add(el, legacyOriginChecked);
    await waitStatus(el, legacyOriginChecked, 'Refuses this page');
    const li = entry(el, legacyOriginChecked)!;
    expect(li.textContent).to.include(location.origin).and.include('operator must allow');
    expect(li.textContent).not.to.match(/sign in/i);
    expect(el.matches(':state(error)')).to.equal(true);
    expect(el.matches(':state(needs-auth)')).to.equal(false);
  });

  it('signs in to an OAuth server through the popup from its own entry, and adds its tools to the catalogue', async () => {
    const { oauthMcp, legacy } = await servers();
    const el = await workspace(freshStore('mcp-workspace-oauth'));
    await add(el, oauthMcp);
    await add(el, legacy);
    await waitStatus(el, oauthMcp, 'Needs sign-in');
    await waitStatus(el, 'legacy-fixture', 'Connected');
    expect(el.matches(':state(needs-auth)')).to.equal(true);
    await expect(el).to.be.accessible();

    await realClick(entryButton(el, oauthMcp, 'Sign in')!);
    await waitStatus(el, 'oauth-fixture', 'Connected');
    await waitUntil(() => catalogue(el).includes('whoami oauth-fixture'), 'the protected tools join the catalogue', {
      timeout: 10_000,
    });
    expect(catalogue(el)).to.include('echo legacy-fixture');
  });

  it('renames a server, restores the list and its sessions on reload, and forgets all of a removed server', async () => {
    const { legacy, modern } = await servers();
    const db = `mcp-workspace-reload-${Date.now()}`;
    const before = await workspace(idbStore(db));
    await add(before, legacy);
    await add(before, modern);
    await waitStatus(before, 'legacy-fixture', 'Connected');
    await waitStatus(before, 'modern-fixture', 'Connected');

    entryButton(before, 'legacy-fixture', 'Rename')!.click();
    await before.updateComplete;
    typeInto(controlByLabel(before, 'New name for legacy-fixture'), 'Alpha');
    buttonNamed(shadow(before), 'Save').click();
    await waitUntil(() => entry(before, 'Alpha'), 'renamed');
    const store = idbStore(db);
    const sessionOf = async () => (await store.get<ServerRecord>(serverKey(new URL(legacy).href)))?.sessionId;
    await waitUntil(sessionOf, 'the legacy session is kept');
    const session = await sessionOf();

    // A reload: the old page goes away without closing anything, a new one opens the same database (another store
    // object, so not the old page's clients from the pool).
    const el = await workspace(store);
    await waitStatus(el, 'Alpha', 'Connected');
    await waitStatus(el, 'modern-fixture', 'Connected');
    expect(await sessionOf(), 'the legacy session resumed').to.equal(session);
    const old = before.servers.map((s) => s.client);
    before.remove();
    await waitUntil(() => old.every((c) => c.state === 'closed'), 'the old page let go', { timeout: 5_000 });

    expect(await keysToForget(store, new URL(legacy).href)).to.not.be.empty;
    const removed = oneEvent(el, 'mcp-server-remove');
    entryButton(el, 'Alpha', 'Remove')!.click();
    expect(((await removed) as unknown as McpServerRemoveEvent).url).to.equal(new URL(legacy).href);
    expect(entry(el, 'Alpha')).to.equal(undefined);
    expect(
      await keysToForget(store, new URL(legacy).href),
      'the store keeps nothing of the removed server',
    ).to.deep.equal([]);
    expect(await keysToForget(store, new URL(modern).href), 'the other server keeps its data').to.not.be.empty;
    expect((await store.get<{ url: string }[]>('mcp-saved-servers'))!.map((s) => s.url)).to.deep.equal([
      new URL(modern).href,
    ]);
  });

  it('sends a header the person gave only to its server, shows it masked, and forgets it with the server', async () => {
    const { proxy, proxyControl, modern } = await servers();
    await fetch(`${proxyControl}/log`, { method: 'DELETE' });
    const store = freshStore('mcp-workspace-header');
    const el = await workspace(store);
    const secret = 'Bearer sk-workspace-5678';
    await add(el, proxy, ['Authorization', secret]);
    await add(el, modern);
    await waitStatus(el, 'legacy-fixture', 'Connected');
    await waitStatus(el, 'modern-fixture', 'Connected');

    const sent = (await proxyLog()).filter((r) => r.bodyJsonRpcMethod);
    expect(sent).to.not.be.empty;
    expect(sent.every((r) => r.headers.authorization === secret)).to.equal(true);
    const modernClient = el.servers.find((s) => s.url === new URL(modern).href)!.client;
    const seen = await modernClient.callTool('record_headers', {});
    expect(JSON.stringify(seen)).not.to.include('sk-workspace');

    expect(entry(el, 'legacy-fixture')!.querySelector('[part=header-value]')!.textContent).to.equal(
      'Authorization: \u2022\u2022\u2022\u20225678',
    );
    expect(shadow(el).textContent).not.to.include(secret);
    expect(await store.get(`mcp-header:${new URL(proxy).href}`)).to.deep.equal({
      name: 'Authorization',
      value: secret,
    });

    entryButton(el, 'legacy-fixture', 'Remove')!.click();
    await oneEvent(el, 'mcp-server-remove');
    expect(await store.get(`mcp-header:${new URL(proxy).href}`)).to.equal(undefined);
  });

  it('asks the person about every server in one queue of dialogs, each named after the server that asks', async () => {
    const { legacy, modern } = await servers();
    const el = await workspace(freshStore('mcp-workspace-ask'));
    await add(el, legacy);
    await add(el, modern);
    await waitStatus(el, 'legacy-fixture', 'Connected');
    await waitStatus(el, 'modern-fixture', 'Connected');
    const open = () =>
      [...shadow(el).querySelectorAll('mcp-elicitation-dialog')]
        .map((d) => d.shadowRoot!.querySelector('dialog[open]'))
        .filter((d): d is HTMLDialogElement => !!d)
        .map((d) =>
          d
            .getAttribute('aria-labelledby')!
            .split(' ')
            .map((id) => (d.getRootNode() as ShadowRoot).getElementById(id)!.textContent!.trim())
            .join(' '),
        );
    const [a, b] = el.servers.map((s) => s.client.callTool('ask_user', { question: 'Who are you?' }));
    const asked: string[] = [];
    for (let n = 0; n < 2; n++) {
      await waitUntil(() => open().length, `a dialog (${n} answered)`, { timeout: 10_000 });
      expect(open(), 'one dialog at a time').to.have.length(1);
      asked.push(open()[0]);
      const dialog = [...shadow(el).querySelectorAll('mcp-elicitation-dialog')].find((d) =>
        d.shadowRoot!.querySelector('dialog[open]'),
      )!.shadowRoot!;
      buttonNamed(dialog, 'Decline').click();
      await waitUntil(() => !open().length || open()[0] !== asked[n], 'answered');
    }
    expect(asked).to.have.members(['legacy-fixture asks for information', 'modern-fixture asks for information']);
    await Promise.all([a, b]);
  });

  it("sends the host's headers (the headers property) to the server it names", async () => {
    const { proxy, proxyControl } = await servers();
    await fetch(`${proxyControl}/log`, { method: 'DELETE' });
    const headers = (url: string) => (url === new URL(proxy).href ? { authorization: 'Bearer host-key' } : undefined);
    const el = await workspace(freshStore('mcp-workspace-host-headers'), { headers });
    await add(el, proxy);
    await waitStatus(el, 'legacy-fixture', 'Connected');
    const sent = (await proxyLog()).filter((r) => r.bodyJsonRpcMethod);
    expect(sent.map((r) => r.headers.authorization)).to.include('Bearer host-key');
  });
});

describe('<mcp-client headers>', () => {
  afterEach(() => fixtureCleanup());

  it('sends the host headers to its server, and two widgets given the same function share one client', async () => {
    const { proxy, proxyControl } = await servers();
    await fetch(`${proxyControl}/log`, { method: 'DELETE' });
    const headers = (url: string) => (url === proxy ? { authorization: 'Bearer widget-key' } : undefined);
    const store = freshStore('mcp-client-headers');
    const [a, b] = await Promise.all(
      [0, 1].map(() =>
        fixture<McpClientElement>(html`<mcp-client url=${proxy} .headers=${headers} .store=${store}></mcp-client>`),
      ),
    );
    await waitUntil(() => a.client?.state === 'ready', 'connected', { timeout: 15_000 });
    expect(b.client, 'one client for both').to.equal(a.client);
    const sent = (await proxyLog()).filter((r) => r.bodyJsonRpcMethod);
    expect(sent.length).to.be.greaterThan(0);
    expect(sent.every((r) => r.headers.authorization === 'Bearer widget-key')).to.equal(true);
  });
});
