// McpWorkspace, headless (issue 30): several real servers as one tool list, each call on its own
// server, one server down without holding up the rest, and clients shared with the page's pool.
import { expect } from '@open-wc/testing';
import { McpClient, McpHttpError } from '../../src/client.js';
import { McpWorkspace, sharedClient } from '../../src/workspace.js';
import { firstText, freshStore, servers } from '../helpers.js';

/** A port nothing listens on (Chromium allows it; 9 and 1 are on its blocked list but answer the same way). */
const DOWN = 'http://127.0.0.1:47/mcp';

describe('McpWorkspace (headless, several servers)', () => {
  let ws: McpWorkspace;
  afterEach(() => ws?.close());

  it('merges the tools of a legacy and a 2026-07-28 server, each name unique, and runs each on its server', async () => {
    const { legacy, modern } = await servers();
    ws = new McpWorkspace({
      store: freshStore('workspace'),
      servers: [
        { url: legacy, name: 'Legacy' },
        { url: modern, name: 'Modern' },
      ],
    });
    const tools = await ws.listTools();
    const names = tools.map((t) => t.name);
    expect(names).to.include.members(['legacy__echo', 'modern__echo', 'modern__record_headers']);
    expect(new Set(names).size, 'no name twice').to.equal(names.length);
    expect(tools.find((t) => t.name === 'modern__echo')!.server.name).to.equal('Modern');

    expect(firstText(await ws.callTool('legacy__echo', { message: 'one' }))).to.equal('Echo: one');
    expect(firstText(await ws.callTool('modern__echo', { message: 'two' }))).to.equal('Echo: two');
    const eras = ws.servers.map((s) => s.client.era);
    expect(eras).to.deep.equal(['legacy', 'modern']);
    await ws.callTool('nowhere__echo').then(
      () => expect.fail('an unknown prefix must not run'),
      (e: Error) => expect(e.message).to.include('nowhere__echo'),
    );
  });

  it('keeps a server that is down to its own entry: the others list and run', async () => {
    const { modern } = await servers();
    ws = new McpWorkspace({ store: freshStore('workspace'), servers: [{ url: DOWN }, { url: modern }] });
    const tools = await ws.listTools();
    const [down, up] = ws.servers;
    expect(down.error).to.be.instanceOf(McpHttpError);
    expect(up.error).to.equal(undefined);
    expect(tools.length).to.be.greaterThan(0);
    expect(tools.every((t) => t.server === up)).to.equal(true);
    expect(down.prefix, 'two hosts alike get two prefixes').not.to.equal(up.prefix);
  });

  it('sends a server its own headers and no other server', async () => {
    const { modern, legacy } = await servers();
    ws = new McpWorkspace({
      store: freshStore('workspace'),
      servers: [
        { url: modern, name: 'keyed', headers: { 'x-api-key': 'secret-1234' } },
        { url: legacy, name: 'plain' },
      ],
    });
    const seen = JSON.parse(firstText(await ws.callTool('keyed__record_headers')) ?? '{}');
    expect(seen['x-api-key']).to.equal('secret-1234');
    const plain = ws.servers[1].client;
    expect(plain.options.headers, 'the other server has no header function').to.equal(undefined);
  });

  it("shares a server's client with the rest of the page, and gives it up when removed", async () => {
    const { modern } = await servers();
    const store = freshStore('workspace');
    ws = new McpWorkspace({ store, servers: [{ url: modern }] });
    const page = sharedClient({ url: modern, store });
    expect(page.client).to.equal(ws.servers[0].client);
    await ws.connect();
    await ws.remove(modern, { forget: true });
    expect(ws.servers).to.be.empty;
    expect(page.client.state, 'forgetting ends the session for everyone').to.equal('closed');
    page.release(true);
    expect(await store.keys()).to.satisfy((keys: string[]) => keys.every((k) => !k.endsWith(modern)));
  });

  it('reports each server change as a change event', async () => {
    const { legacy } = await servers();
    ws = new McpWorkspace({ store: freshStore('workspace') });
    const changed: string[] = [];
    ws.addEventListener('change', (e) => changed.push((e as CustomEvent<{ url: string }>).detail.url));
    ws.add({ url: legacy });
    await ws.connect();
    expect(changed.filter((u) => u === new URL(legacy).href).length).to.be.at.least(2); // added, then connected
    expect(ws.servers[0].client).to.be.instanceOf(McpClient);
    expect(ws.servers[0].name, 'its title once known').to.equal('legacy-fixture');
  });
});
