// The first screen's requests (issue 29): the tool list leaves once the handshake's last message is taken
// (its 202), ahead of the GET stream; a declared protocol version skips
// the era probe, and a wrong one still connects. Read from the fault proxy's request log.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/mcp-client/define.js';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import { McpClient, type LogEntry, type McpClientOptions } from '../../src/client.js';
import { freshStore, proxyFault, proxyLog, servers } from '../helpers.js';

describe('the first screen', function () {
  this.timeout(30_000);
  let url: string;
  const clients: McpClient[] = [];
  /** A first visit: a store of its own, so nothing is known of the server. */
  const client = (options: Partial<McpClientOptions> = {}) => {
    const c = new McpClient({ url, store: freshStore('mcp-first-screen-test'), listToolsEarly: true, ...options });
    clients.push(c);
    return c;
  };
  const posts = async () => (await proxyLog()).filter((e) => e.method === 'POST').map((e) => e.bodyJsonRpcMethod);

  beforeEach(async () => {
    url = (await servers()).proxy;
    await fetch(`${(await servers()).proxyControl}`, { method: 'DELETE' });
    await fetch(`${(await servers()).proxyControl}/log`, { method: 'DELETE' });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
  });

  it('asks for the tools before it opens the GET stream', async () => {
    await client().connect();
    await waitUntil(async () => (await proxyLog()).some((e) => e.method === 'GET'), 'the GET stream opened');
    const log = await proxyLog();
    const tools = log.findIndex((e) => e.bodyJsonRpcMethod === 'tools/list');
    expect(tools).to.be.greaterThan(log.findIndex((e) => e.bodyJsonRpcMethod === 'notifications/initialized'));
    expect(tools).to.be.lessThan(log.findIndex((e) => e.method === 'GET'));
  });

  it('asks for the tools only once the server has taken notifications/initialized', async () => {
    // Two POSTs may be handled in either order: a server that makes tools when told it is initialized
    // (server-everything) or refuses requests before it (the Python SDK) needs the notification's 202 first. The
    // proxy holds that 202.
    await proxyFault({ match: { jsonrpcMethod: 'notifications/initialized' }, delayMs: 400 });
    await client().connect();
    await waitUntil(async () => (await posts()).includes('tools/list'), 'tools/list sent');
    const log = await proxyLog();
    const initialized = log.find((e) => e.bodyJsonRpcMethod === 'notifications/initialized')!;
    const tools = log.find((e) => e.bodyJsonRpcMethod === 'tools/list')!;
    expect(initialized.faults).to.include('delayMs');
    expect(tools.at).to.be.at.least(initialized.answeredAt!);
  });

  it('lists the tools server-everything makes when told it is initialized, in the first list', async () => {
    const c = new McpClient({
      url: (await servers()).everythingHttp,
      store: freshStore('mcp-first-screen-test'),
      listToolsEarly: true,
      onElicitation: async () => ({ action: 'decline' }),
    });
    clients.push(c);
    // The first list as the server answered it (a fresh store restores none), not one asked again on list_changed.
    const first = new Promise<string[]>((resolve) =>
      c.addEventListener('catalogue', () => c.catalogue.tools && resolve(c.catalogue.tools.map((t) => t.name))),
    );
    await c.connect();
    expect(await first).to.include('simulate-research-query');
  });

  it('sends no server/discover when the protocol version is declared', async () => {
    const c = client({ protocolVersion: '2025-11-25' });
    await c.connect();
    expect(c.era).to.equal('legacy');
    expect((await posts())[0]).to.equal('initialize');
    expect(await posts()).not.to.include('server/discover');
    expect((await c.listTools()).length).to.be.greaterThan(0);
  });

  it('<mcp-client protocol-version> skips the probe too', async () => {
    const el = await fixture<McpClientElement>(
      html`<mcp-client protocol-version="2025-11-25" url=${url} .store=${freshStore('mcp-first-screen-test')}></mcp-client>`,
    );
    await waitUntil(() => el.client?.state === 'ready', 'connected', { timeout: 15_000 });
    expect((await posts())[0]).to.equal('initialize');
    expect(await posts()).not.to.include('server/discover');
  });

  it('still connects when the declared version is wrong, and logs what the server speaks', async () => {
    const c = client({ protocolVersion: '2026-07-28' });
    const logged = oneEvent(c, 'log');
    await c.connect();
    expect(c.era).to.equal('legacy');
    const entry = (await logged).detail as LogEntry;
    expect(entry.level).to.equal('warning');
    expect(String(entry.data)).to.include('2026-07-28').and.include(c.protocolVersion!);
    expect(await posts()).to.include.members(['server/discover', 'initialize']);
  });

  it('treats a version it does not speak as no declaration, with a log entry', async () => {
    const c = client({ protocolVersion: '1999-01-01' });
    const logged = oneEvent(c, 'log');
    await c.connect();
    expect(c.era).to.equal('legacy');
    expect(String(((await logged).detail as LogEntry).data)).to.include('1999-01-01');
  });
});
