// Runs in the bench page. Puts the three clients behind one small interface (open, call, close)
// and exposes the measurements the driver (bench/run.mjs) asks for as window.bench.
import * as ours from '/bench/.build/dist/client.js'; // a copy of dist/ taken at the start of the run
import * as sdk1 from '/bench/.build/sdk1.js';
import * as sdk2 from '/bench/.build/sdk2.js';

const info = { name: 'mcp-web-components-bench', version: '1.0.0' };
const LONG = 300_000; // no client may give up on a long progress burst

/** name -> {open(url), call(client, tool, args, onProgress?), close(client)}; open resolves once tools are listed. */
const adapters = {
  ours: {
    async open(url) {
      const client = new ours.McpClient({ url });
      await client.connect();
      await client.listTools();
      return client;
    },
    call: (c, name, args, onProgress) => c.callTool(name, args, onProgress ? { onProgress, timeout: LONG } : {}),
    close: (c) => c.close(),
  },
  // Ours told the server's protocol version (the `protocolVersion` option): no server/discover probe.
  oursDeclared: {
    async open(url) {
      const client = new ours.McpClient({ url, protocolVersion: '2025-11-25' });
      await client.connect();
      await client.listTools();
      return client;
    },
    call: (c, name, args) => c.callTool(name, args),
    close: (c) => c.close(),
  },
  sdk1: {
    async open(url) {
      const client = new sdk1.Client(info, { capabilities: {} });
      const transport = new sdk1.StreamableHTTPClientTransport(new URL(url));
      await client.connect(transport);
      await client.listTools();
      return { client, transport };
    },
    call: (c, name, args, onProgress) =>
      c.client.callTool(
        { name, arguments: args },
        undefined,
        onProgress ? { onprogress: onProgress, resetTimeoutOnProgress: true, timeout: LONG } : undefined,
      ),
    // terminateSession sends the DELETE our close() sends, so both leave the server in the same state.
    close: async (c) => {
      await c.transport.terminateSession().catch(() => {});
      await c.client.close();
    },
  },
  sdk2: {
    async open(url) {
      const client = new sdk2.Client(info, { capabilities: {} });
      const transport = new sdk2.StreamableHTTPClientTransport(new URL(url));
      await client.connect(transport);
      await client.listTools();
      return { client, transport };
    },
    call: (c, name, args, onProgress) =>
      c.client.callTool(
        { name, arguments: args },
        onProgress ? { onprogress: onProgress, resetTimeoutOnProgress: true, timeout: LONG } : undefined,
      ),
    close: async (c) => {
      await c.transport.terminateSession().catch(() => {});
      await c.client.close();
    },
  },
};

const open = new Map(); // handle -> {kind, client}
let nextHandle = 1;
const now = () => performance.now();
const text = (r) => r?.content?.[0]?.text;

window.bench = {
  // oursDeclared is measured cold only (bench/run.mjs), beside ours.
  kinds: Object.keys(adapters).filter((k) => k !== 'oursDeclared'),

  /** Connects and lists tools; resolves to {handle, ms}. */
  async open(kind, url) {
    const t0 = now();
    const client = await adapters[kind].open(url);
    const ms = now() - t0;
    const handle = nextHandle++;
    open.set(handle, { kind, client });
    return { handle, ms };
  },

  async close(handle) {
    const { kind, client } = open.get(handle);
    open.delete(handle);
    await adapters[kind].close(client);
  },

  /** `n` echo calls one after another; resolves to ms. */
  async sequential(handle, n) {
    const { kind, client } = open.get(handle);
    const t0 = now();
    for (let i = 0; i < n; i++) {
      const r = await adapters[kind].call(client, 'echo', { message: `m${i}` });
      if (text(r) !== `Echo: m${i}`) throw new Error(`${kind}: wrong answer ${JSON.stringify(r)}`);
    }
    return now() - t0;
  },

  /** `n` echo calls at once; resolves to ms until the last answer. */
  async concurrent(handle, n) {
    const { kind, client } = open.get(handle);
    const t0 = now();
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => adapters[kind].call(client, 'echo', { message: `c${i}` })),
    );
    const ms = now() - t0;
    results.forEach((r, i) => {
      if (text(r) !== `Echo: c${i}`) throw new Error(`${kind}: wrong answer ${JSON.stringify(r)}`);
    });
    return ms;
  },

  /**
   * One call that streams `count` progress notifications; resolves to {ms, received, inOrder, longTasks,
   * longestTaskMs}.
   */
  async progress(handle, count) {
    const { kind, client } = open.get(handle);
    let received = 0;
    let inOrder = true;
    const longTasks = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    const t0 = now();
    const r = await adapters[kind].call(client, 'progress_burst', { count }, (p) => {
      received++;
      if (p.progress !== received) inOrder = false;
    });
    const ms = now() - t0;
    await new Promise((r) => setTimeout(r, 0)); // let the observer report the last task
    longTasks.push(...observer.takeRecords().map((e) => e.duration));
    observer.disconnect();
    if (text(r) !== `sent ${count}`) throw new Error(`${kind}: wrong answer ${JSON.stringify(r)}`);
    return { ms, received, inOrder, longTasks: longTasks.length, longestTaskMs: Math.max(0, ...longTasks) };
  },

  /** `n` echo calls, `width` at a time (to get through 10,000 in seconds, not minutes); resolves to ms. */
  async many(handle, n, width) {
    const { kind, client } = open.get(handle);
    const t0 = now();
    for (let i = 0; i < n; i += width) {
      await Promise.all(
        Array.from({ length: Math.min(width, n - i) }, (_, j) =>
          adapters[kind].call(client, 'echo', { message: `h${i + j}` }),
        ),
      );
    }
    return now() - t0;
  },
};
window.benchReady = true;
