// Many elements on one server share one connection (issue 30): what the server receives, read from
// the fault proxy's request log in front of the real legacy server (SDK 1.x), not from timings.
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import '../../src/components/mcp-client/define.js';
import '../../src/components/mcp-tool-form/define.js';
import type { KeyValueStore } from '../../src/client.js';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import type { McpToolForm } from '../../src/components/mcp-tool-form/mcp-tool-form.js';
import { freshStore, proxyLog, servers } from '../helpers.js';

let pages = 0;
/** The proxied legacy server under a path of this test's own, so the log tells its requests apart. */
const serverUrl = async () => `${(await servers()).proxy}?page=shared-${Date.now()}-${++pages}`;
/** The JSON-RPC methods and HTTP methods the server received on `url`. */
const received = async (url: string) =>
  (await proxyLog()).filter((r) => url.endsWith(r.path)).map((r) => r.bodyJsonRpcMethod ?? r.method);
const count = (list: string[], m: string) => list.filter((x) => x === m).length;
const runButton = (form: McpToolForm) =>
  [...(form.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === 'Run');

describe('one connection per server per page', () => {
  let store: KeyValueStore;
  beforeEach(() => (store = freshStore('shared-client-test')));
  afterEach(() => fixtureCleanup());

  it('ten standalone forms and an <mcp-client> send one initialize and one tools/list', async () => {
    const url = await serverUrl();
    const page = await fixture<HTMLElement>(html`<div>
      <mcp-client url=${url} .store=${store}></mcp-client>
      ${Array.from({ length: 10 }, () => html`<mcp-tool-form url=${url} tool="echo" .store=${store}></mcp-tool-form>`)}
    </div>`);
    const forms = [...page.querySelectorAll('mcp-tool-form')];
    const widget = page.querySelector<McpClientElement>('mcp-client')!;
    await waitUntil(() => forms.every(runButton), 'every form shows its Run button', { timeout: 15_000 });
    await waitUntil(() => widget.client?.state === 'ready', 'the widget connected');
    expect(new Set([widget.client, ...forms.map((f) => f.client)]).size, 'one client').to.equal(1);

    const log = await received(url);
    expect(count(log, 'initialize'), 'initialize').to.equal(1);
    expect(count(log, 'server/discover'), 'server/discover').to.be.at.most(1);
    expect(count(log, 'tools/list'), log.join(' ')).to.equal(1);
  });

  it('closes the session when the last element has gone, and not while one remains', async () => {
    const url = await serverUrl();
    const page = await fixture<HTMLElement>(html`<div>
      <mcp-tool-form url=${url} tool="echo" .store=${store}></mcp-tool-form>
      <mcp-tool-form url=${url} tool="echo" .store=${store}></mcp-tool-form>
    </div>`);
    const [first, second] = page.querySelectorAll('mcp-tool-form');
    await waitUntil(() => runButton(first) && runButton(second), 'both forms show Run', { timeout: 15_000 });
    const client = first.client!;
    await waitUntil(() => client.state === 'ready', 'connected');

    first.remove();
    // The other form still holds the connection: it stays open past the grace, and its Run works.
    await new Promise((r) => setTimeout(r, 100)); // past the pool's grace (the end of the task): a wait for a non-event
    expect(client.state).to.equal('ready');
    expect(count(await received(url), 'DELETE'), 'no session ended').to.equal(0);

    second.remove();
    await waitUntil(
      async () => count(await received(url), 'DELETE') === 1,
      `the session was ended (DELETE): ${(await received(url)).join(' ')}, ${client.state}`,
      { timeout: 10_000 },
    );
    expect(client.state).to.equal('closed');
  });

  it('a form moved in the DOM keeps its connection', async () => {
    const url = await serverUrl();
    const page = await fixture<HTMLElement>(html`<div>
      <section></section>
      <mcp-tool-form url=${url} tool="echo" .store=${store}></mcp-tool-form>
    </div>`);
    const form = page.querySelector('mcp-tool-form')!;
    await waitUntil(() => runButton(form), 'Run shown', { timeout: 15_000 });
    const client = form.client!;
    page.querySelector('section')!.append(form);
    expect(form.client).to.equal(client);
    expect(client.state).to.equal('ready');
    expect(count(await received(url), 'initialize')).to.equal(1);
  });

  it('forms with different sign-in settings or stores get different clients and sessions', async () => {
    const url = await serverUrl();
    const other = freshStore('shared-client-test');
    const auth = (path: string) => ({ redirectUri: `${location.origin}/${path}` });
    const page = await fixture<HTMLElement>(html`<div>
      <mcp-tool-form url=${url} tool="echo" .store=${store} .auth=${auth('a')}></mcp-tool-form>
      <mcp-tool-form url=${url} tool="echo" .store=${store} .auth=${auth('b')}></mcp-tool-form>
      <mcp-tool-form url=${url} tool="echo" .store=${store} .auth=${auth('b')}></mcp-tool-form>
      <mcp-tool-form url=${url} tool="echo" .store=${other} .auth=${auth('b')}></mcp-tool-form>
    </div>`);
    const forms = [...page.querySelectorAll('mcp-tool-form')];
    await waitUntil(() => forms.every(runButton), 'every form shows Run', { timeout: 15_000 });
    const clients = forms.map((f) => f.client);
    expect(clients[0], 'other sign-in settings').not.to.equal(clients[1]);
    expect(clients[1], 'the same settings, by value').to.equal(clients[2]);
    expect(clients[3], 'another store').not.to.equal(clients[2]);
    // Each store keeps its own session; clients on one store resume its session as two tabs would.
    expect(count(await received(url), 'initialize')).to.equal(2);
  });

  it("switching <mcp-client>'s url never shows the previous server's state with the new one", async () => {
    const { legacy, modern } = await servers();
    const el = await fixture<McpClientElement>(html`<mcp-client url=${legacy} .store=${store}></mcp-client>`);
    await waitUntil(() => el.client?.state === 'ready', 'connected to the first server', { timeout: 15_000 });
    const status = () => el.shadowRoot!.querySelector('[part=status]')!;
    const seen: string[] = [];
    const watch = new MutationObserver(() => seen.push(status().textContent!.replace(/\s+/g, ' ').trim()));
    watch.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    el.url = modern;
    await waitUntil(() => el.client?.url === modern && el.client.state === 'ready', 'connected to the second', {
      timeout: 15_000,
    });
    await el.updateComplete;
    watch.disconnect();
    expect(
      seen.filter((s) => /^Connected\b/.test(s) && !/\d{4}-\d{2}-\d{2}/.test(s)),
      seen.join(' | '),
    ).to.be.empty;
    expect(status().textContent).to.include(el.client!.protocolVersion!);
  });
});
