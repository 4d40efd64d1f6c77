// Persistence (ARCHITECTURE.md, Persistence): a reload resumes the legacy session and replays what it missed, a 404
// starts anew, the era cache skips probes, tabs share one GET stream, forgetting removes everything.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { McpClient, type KeyValueStore } from '../../src/client.js';
import { idbStore } from '../../src/store.js';
import { keysOfServer } from '../../src/core/store/forget.js';
import { eraKey, serverKey } from '../../src/core/store/keys.js';
import { appendHistory, saveDraft, type ServerRecord } from '../../src/core/store/records.js';
import { emptyStore, firstText, proxyLog, servers } from '../helpers.js';

const DB = 'mcp-persistence-test';

async function clearProxyLog(): Promise<void> {
  await fetch(`${(await servers()).proxyControl}/log`, { method: 'DELETE' });
}

/** Resolves when a log message with this data arrives. */
function logged(client: McpClient, data: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no log "${data}" within ${timeoutMs} ms`)), timeoutMs);
    client.addEventListener('log', (e) => {
      if ((e as CustomEvent<{ data: unknown }>).detail.data === data) (clearTimeout(timer), resolve());
    });
  });
}

describe('persistence', function () {
  this.timeout(30_000);
  let store: KeyValueStore;
  let url: string;
  const clients: McpClient[] = [];
  const client = () => {
    const c = new McpClient({ url, store, transport: 'streamable-http' });
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    url = (await servers()).proxy;
    store = await emptyStore(DB);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
  });

  it('a reload mid-session keeps the same session id and delivers a notification sent while the page was gone', async () => {
    const first = client();
    await first.connect();
    const sessionId = JSON.parse(firstText(await first.callTool('record_headers')))['mcp-session-id'];
    // One event on the GET stream gives the page a position to resume from.
    const heard = logged(first, 'later 1');
    await first.callTool('notify_later', { delayMs: 0, count: 1 });
    await heard;
    // The server sends "later 1" again 400 ms from now, while no page listens.
    await first.callTool('notify_later', { delayMs: 400, count: 1 });
    await first.detach();
    // An observer on a session of its own asks for the same after the same delay, later: once it hears
    // its message, the server's timer for the detached session has fired too.
    const observer = new McpClient({ url, transport: 'streamable-http' });
    clients.push(observer);
    await observer.connect();
    const observed = logged(observer, 'later 1');
    await observer.callTool('notify_later', { delayMs: 400, count: 1 });
    await observed;
    await observer.close();

    await clearProxyLog();
    const second = client();
    const missed = logged(second, 'later 1');
    await second.connect();
    await missed;
    expect(JSON.parse(firstText(await second.callTool('record_headers')))['mcp-session-id']).to.equal(sessionId);
    const log = await proxyLog();
    expect(
      log.filter((e) => e.bodyJsonRpcMethod === 'initialize' || e.bodyJsonRpcMethod === 'server/discover'),
    ).to.deep.equal([]);
    const get = log.find((e) => e.method === 'GET')!;
    expect(get.headers['last-event-id']).to.be.a('string');
    expect(get.headers['mcp-session-id']).to.equal(sessionId);
    expect(second.serverInfo?.name).to.equal('legacy-fixture'); // restored, not asked for again
  });

  it('starts a new session cleanly when the stored one is gone (404)', async () => {
    const first = client();
    await first.connect();
    const old = (await store.get<ServerRecord>(serverKey(url)))?.sessionId;
    await first.detach();
    await fetch(`${(await servers()).proxyControl}/restart`, { method: 'POST' });

    await clearProxyLog();
    const second = client();
    await second.connect();
    expect(firstText(await second.callTool('echo', { message: 'hi' }))).to.equal('Echo: hi');
    await second.store!.flush();
    const fresh = (await store.get<ServerRecord>(serverKey(url)))?.sessionId;
    expect(fresh).to.be.a('string').and.not.equal(old);
    const log = await proxyLog();
    expect(log.filter((e) => e.status === 404)).to.have.length(1);
    expect(log.filter((e) => e.bodyJsonRpcMethod === 'initialize')).to.have.length(1);
    expect(log.find((e) => e.bodyJsonRpcMethod === 'initialize')!.headers['mcp-session-id']).to.equal(undefined);
  });

  it('remembers the era across a reload, so a cold connect to a legacy server skips the modern probe (MV-09)', async () => {
    const first = client();
    await first.connect();
    await first.close(); // ends the session: the next connect starts anew, but knows the era
    expect((await store.get<ServerRecord>(serverKey(url)))?.sessionId).to.equal(undefined);
    await clearProxyLog();
    const second = client();
    await second.connect();
    const posts = (await proxyLog()).filter((e) => e.method === 'POST').map((e) => e.bodyJsonRpcMethod);
    expect(posts[0]).to.equal('initialize');
    expect(posts).not.to.include('server/discover');
  });

  it('keeps the catalogue, so a reload has the tools before the network answers', async () => {
    const first = client();
    await first.connect();
    const names = (await first.listTools()).map((t) => t.name);
    await first.detach();
    const second = client();
    const restored = oneEvent(second, 'catalogue');
    const connecting = second.connect();
    await restored;
    expect(second.state).to.equal('connecting');
    expect(second.catalogue.tools?.map((t) => t.name)).to.deep.equal(names);
    await connecting;
  });

  /**
   * The store, answering reads only once `opened` settles (as a first visit's IndexedDB does while it
   * opens); `answered` says whether a read came back. `peek` gives the synchronous hint the IndexedDB
   * store gives from localStorage: `hint` for the era, or nothing known (a first visit).
   */
  const slow = (inner: KeyValueStore, opened: Promise<unknown>, hint?: string) => {
    const s = {
      answered: false,
      ...inner,
      get: async <T>(key: string) => (await opened, (s.answered = true), inner.get<T>(key)),
      peek: (key: string) => (key === eraKey(url) ? hint : undefined),
    };
    return s;
  };
  const posts = async () => (await proxyLog()).filter((e) => e.method === 'POST').map((e) => e.bodyJsonRpcMethod);

  it('a first visit (the hint knows no era) does not wait for a slow store: connected before it answers, discovery first', async () => {
    let open!: () => void;
    const kept = slow(store, new Promise<void>((r) => (open = r)));
    let fetched = false;
    const c = new McpClient({
      url,
      store: kept,
      transport: 'streamable-http',
      fetch: (input, init) => ((fetched = true), fetch(input, init)),
    });
    clients.push(c);
    await clearProxyLog();
    // The store answers nothing until the client is connected: a client that waited for it would never connect.
    await c.connect();
    expect(kept.answered, 'connected before the store answered').to.equal(false);
    expect(fetched, 'the handshake went out while the store was still opening').to.equal(true);
    open();
    expect((await posts()).slice(0, 2)).to.deep.equal(['server/discover', 'initialize']);
    expect(c.era).to.equal('legacy');
    expect(firstText(await c.callTool('echo', { message: 'hi' }))).to.equal('Echo: hi');
  });

  it('a slow store whose hint knows the era still has its kept session resumed: nothing goes early, no new session starts', async () => {
    const first = client();
    await first.connect();
    const sessionId = (await store.get<ServerRecord>(serverKey(url)))?.sessionId;
    await first.detach();
    await clearProxyLog();
    const second = new McpClient({
      url,
      store: slow(store, new Promise((r) => setTimeout(r, 300)), 'legacy'),
      transport: 'streamable-http',
    });
    clients.push(second);
    await second.connect();
    const log = await proxyLog();
    expect(
      log.filter((e) => e.bodyJsonRpcMethod === 'initialize' || e.bodyJsonRpcMethod === 'server/discover'),
    ).to.deep.equal([]);
    expect(log.find((e) => e.method === 'GET')?.headers['mcp-session-id']).to.equal(sessionId);
    expect(JSON.parse(firstText(await second.callTool('record_headers')))['mcp-session-id']).to.equal(sessionId);
  });

  it('with listToolsEarly the tool list goes out right after the handshake (not after the GET stream), and the first listTools() takes it', async () => {
    const c = new McpClient({ url, store, transport: 'streamable-http', listToolsEarly: true });
    clients.push(c);
    await clearProxyLog();
    await c.connect();
    const listed = () => proxyLog().then((log) => log.filter((e) => e.bodyJsonRpcMethod === 'tools/list').length);
    await waitUntil(async () => (await listed()) === 1, 'tools/list sent during the handshake');
    const posts = (await proxyLog()).filter((e) => e.method === 'POST').map((e) => e.bodyJsonRpcMethod);
    expect(posts.indexOf('tools/list')).to.be.greaterThan(posts.indexOf('notifications/initialized'));
    expect((await c.listTools()).map((t) => t.name)).to.include('echo');
    expect(await listed()).to.equal(1);
    expect((await c.listTools()).map((t) => t.name)).to.include('echo'); // the next one asks again
    expect(await listed()).to.equal(2);
  });

  it("the IndexedDB store's era hint says it cannot tell where localStorage cannot be written, so a session is still resumed", async () => {
    const first = client();
    await first.connect();
    const sessionId = (await store.get<ServerRecord>(serverKey(url)))?.sessionId;
    await first.detach();
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      localStorage.clear(); // as if the hint had never been written
      const unwritable = idbStore(DB);
      expect(unwritable.peek!(eraKey(url))).to.equal(null);
      await clearProxyLog();
      const second = new McpClient({ url, store: unwritable, transport: 'streamable-http' });
      clients.push(second);
      await second.connect();
      expect(JSON.parse(firstText(await second.callTool('record_headers')))['mcp-session-id']).to.equal(sessionId);
      expect(await posts()).not.to.include('initialize');
    } finally {
      Storage.prototype.setItem = setItem;
    }
  });

  it('forgetting a server sends DELETE and removes every key of that URL', async () => {
    const first = client();
    await first.connect();
    await first.listTools();
    await appendHistory(first.store!, url, { tool: 'echo', arguments: { message: 'x' }, at: Date.now(), ok: true });
    await saveDraft(first.store!, url, 'echo', { message: 'draft' });
    const sessionId = (await store.get<ServerRecord>(serverKey(url)))?.sessionId;
    expect(sessionId).to.be.a('string');
    await first.detach();
    expect(await keysOfServer(store, url)).to.have.length.greaterThan(3);
    expect(store.peek!(eraKey(url)), "the era's synchronous hint").to.equal('legacy');

    await clearProxyLog();
    await new McpClient({ url, store }).forget();
    expect(await keysOfServer(store, url)).to.deep.equal([]);
    expect((await store.keys()).filter((k) => k.includes(url))).to.deep.equal([]);
    expect(store.peek!(eraKey(url)), 'the hint forgotten too').to.equal(undefined);
    expect(Object.keys(localStorage).filter((k) => k.includes(url))).to.deep.equal([]);
    const del = (await proxyLog()).find((e) => e.method === 'DELETE');
    expect(del?.headers['mcp-session-id']).to.equal(sessionId);
  });

  describe('two tabs', () => {
    const frames: HTMLIFrameElement[] = [];
    const messages: Record<string, unknown>[] = [];
    const onMessage = (e: MessageEvent) => e.data?.type === 'mcp-tab' && messages.push(e.data);
    before(() => addEventListener('message', onMessage));
    after(() => removeEventListener('message', onMessage));
    afterEach(() => frames.splice(0).forEach((f) => f.remove()));

    const until = async (test: () => boolean, what: string) => {
      await waitUntil(test, what, { timeout: 10_000 }).catch(() => {
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(messages)}`);
      });
    };
    const openTab = async (name: string) => {
      const frame = document.createElement('iframe');
      frame.src = `/test/core/persistence-tab.html?name=${name}&db=${DB}&server=${encodeURIComponent(url)}`;
      document.body.append(frame);
      frames.push(frame);
      await until(() => messages.some((m) => m.name === name && (m.ready || m.failed)), `${name} to connect`);
      expect(messages.find((m) => m.name === name && m.failed)).to.equal(undefined);
      return frame;
    };
    const heard = (name: string, log: string) => messages.some((m) => m.name === name && m.log === log);

    it('share one session and one GET stream; the other tab hears its notifications, and takes over when the owner closes', async () => {
      messages.length = 0;
      await clearProxyLog();
      const a = await openTab('a');
      const b = await openTab('b');
      b.contentWindow!.postMessage({ call: 'notify_later', arguments: { delayMs: 0, count: 1 } }, location.origin);
      await until(() => heard('a', 'later 1') && heard('b', 'later 1'), 'both tabs to hear the notification');

      let log = await proxyLog();
      expect(log.filter((e) => e.bodyJsonRpcMethod === 'initialize')).to.have.length(1);
      expect(log.filter((e) => e.method === 'GET')).to.have.length(1);
      expect(new Set(log.map((e) => e.headers['mcp-session-id']).filter(Boolean)).size).to.equal(1);

      // The owner tab goes away: the other one opens the GET stream from where the owner left it.
      a.remove();
      messages.length = 0;
      await waitUntil(
        async () => (await proxyLog()).filter((e) => e.method === 'GET').length >= 2,
        'the remaining tab to open its GET stream',
        { timeout: 10_000 },
      );
      b.contentWindow!.postMessage({ call: 'notify_later', arguments: { delayMs: 0, count: 2 } }, location.origin);
      await until(() => heard('b', 'later 2'), 'the remaining tab to hear the next notification');
      log = await proxyLog();
      const gets = log.filter((e) => e.method === 'GET');
      expect(gets.length).to.be.greaterThanOrEqual(2);
      expect(gets[1].headers['last-event-id']).to.be.a('string');
      expect(log.filter((e) => e.bodyJsonRpcMethod === 'initialize')).to.have.length(1);
    });
  });
});
