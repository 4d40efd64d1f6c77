import { expect } from '@open-wc/testing';
import { McpClient, McpFormatError, McpHttpError, McpTimeoutError } from '../../src/client.js';
import { firstText, servers } from '../helpers.js';

// More faults through the proxy in front of its own legacy fixture server (see faults.test.ts for the
// first set): a cut at every point of a call, clean and abrupt; events out of order; a server restart;
// a server that stalls mid-stream; HTML and truncated bodies with a 200. Each case checks the call
// completes exactly once (one tools/call reached the server, the progress sequence is whole and
// single) or fails with a clear error, and that the client serves the next call.
interface LogEntry {
  method: string;
  path: string;
  headers: Record<string, string>;
  status: number | null;
  bodyJsonRpcMethod: string | null;
  faults: string[];
}

describe('faults at every point of a call', () => {
  let client: McpClient;
  let control: string;
  let proxyUrl: string;
  const errors: Error[] = [];

  const fault = (rule: object) => fetch(control, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) }).then((r) => r.json());
  const log = (): Promise<LogEntry[]> => fetch(`${control}/log`).then((r) => r.json());
  const calls = async (method = 'tools/call') => (await log()).filter((e) => e.bodyJsonRpcMethod === method);
  const stillWorks = async (c = client) => expect(firstText(await c.callTool('echo', { message: 'next' }))).to.equal('Echo: next');
  /** slow(steps) with every progress value it reported. */
  const slowCall = async (steps: number, delayMs: number, options: { timeout?: number } = {}) => {
    const progress: number[] = [];
    const result = await client.callTool('slow', { steps, delayMs }, { ...options, onProgress: (p) => progress.push(p.progress) });
    return { text: firstText(result), progress };
  };

  before(async () => {
    const urls = await servers();
    control = urls.proxyControl;
    proxyUrl = urls.proxy;
    client = new McpClient({ url: proxyUrl, transport: 'streamable-http' });
    client.addEventListener('error', (e) => errors.push((e as CustomEvent<Error>).detail));
    await client.connect();
  });
  beforeEach(async () => {
    await fetch(control, { method: 'DELETE' });
    await fetch(`${control}/log`, { method: 'DELETE' });
    errors.length = 0;
  });
  after(() => client.close());

  // slow(3) answers with 5 events: priming, progress 1, 2, 3, result. faults.test.ts covers abrupt cuts after 0, 1 and 2.
  for (const [after, where] of [
    [3, 'mid-progress, after the second step'],
    [4, 'right before the result'],
  ] as const) {
    it(`resumes a call whose stream is cut abruptly ${where} (after ${after} events): result once, progress 1-2-3 once`, async () => {
      await fault({ match: { jsonrpcMethod: 'tools/call' }, cutAfterEvents: after });
      expect(await slowCall(3, 60)).to.deep.equal({ text: 'done after 3 steps', progress: [1, 2, 3] });
      expect(await calls(), 'the call reached the server once').to.have.length(1);
      expect((await log()).filter((e) => e.method === 'GET' && e.headers['last-event-id'])).to.have.length.greaterThan(0);
      await stillWorks();
    });
  }

  it('fails clearly when the server ends the stream cleanly before any event, and recovers', async () => {
    await fault({ match: { jsonrpcMethod: 'tools/call' }, cutAfterEvents: 0, graceful: true });
    const error = await slowCall(1, 20).catch((e) => e);
    expect(error).to.be.instanceOf(McpHttpError);
    expect(error.message).to.contain('closed the response stream before answering, with no event id to resume from');
    await stillWorks();
  });

  for (const [after, where] of [
    [1, 'after the priming event'],
    [2, 'after the first progress'],
    [3, 'after the second progress'],
    [4, 'right before the result'],
  ] as const) {
    it(`resumes a call whose stream the server ends cleanly ${where}: result once, progress 1-2-3 once`, async () => {
      await fault({ match: { jsonrpcMethod: 'tools/call' }, cutAfterEvents: after, graceful: true });
      expect(await slowCall(3, 60)).to.deep.equal({ text: 'done after 3 steps', progress: [1, 2, 3] });
      expect(await calls()).to.have.length(1);
      await stillWorks();
    });
  }

  it('survives a cut of the resumed stream too, resuming from the newest event id', async () => {
    await fault([
      { match: { jsonrpcMethod: 'tools/call' }, cutAfterEvents: 2 },
      { match: { httpMethod: 'GET' }, cutAfterEvents: 1 },
    ]);
    expect(await slowCall(4, 80)).to.deep.equal({ text: 'done after 4 steps', progress: [1, 2, 3, 4] });
    const resumes = (await log()).filter((e) => e.method === 'GET' && e.headers['last-event-id']);
    expect(resumes.length).to.be.greaterThan(1);
    const ids = resumes.map((e) => Number(e.headers['last-event-id']));
    expect(ids[1], 'the second resume starts after the first').to.be.greaterThan(ids[0]);
    expect(await calls()).to.have.length(1);
  });

  it('delivers out-of-order progress once each, in arrival order', async () => {
    // priming, p1, p2, p3 held and sent reversed: p3, p2, p1, priming; then the result.
    await fault({ match: { jsonrpcMethod: 'tools/call' }, reorderEvents: 4 });
    const { text, progress } = await slowCall(3, 30);
    expect(text).to.equal('done after 3 steps');
    expect(progress).to.deep.equal([3, 2, 1]);
    await stillWorks();
  });

  it('resolves once when the result overtakes its progress, and never reports progress after the result', async () => {
    // priming, p1, p2, result held and sent reversed: the result arrives first.
    await fault({ match: { jsonrpcMethod: 'tools/call' }, reorderEvents: 4 });
    const progress: number[] = [];
    let settled = false;
    const late: number[] = [];
    const result = await client.callTool('slow', { steps: 2, delayMs: 30 }, {
      onProgress: (p) => (settled ? late : progress).push(p.progress),
    });
    settled = true;
    expect(firstText(result)).to.equal('done after 2 steps');
    expect(progress).to.deep.equal([]);
    await stillWorks();
    expect(late, 'progress after the result').to.deep.equal([]);
  });

  it('handles doubled and reordered events with a cut in between: each progress once, result once', async () => {
    await fault([
      { match: { jsonrpcMethod: 'tools/call' }, duplicateEvents: true },
      { match: { jsonrpcMethod: 'tools/call' }, reorderEvents: 3 },
      { match: { jsonrpcMethod: 'tools/call' }, cutAfterEvents: 3 },
    ]);
    const { text, progress } = await slowCall(3, 60);
    expect(text).to.equal('done after 3 steps');
    expect([...progress].sort(), 'every step once').to.deep.equal([1, 2, 3]);
    expect(await calls()).to.have.length(1);
    await stillWorks();
  });

  it('times out a call whose server stalls mid-stream, tells the server, ignores late progress, and recovers', async () => {
    const progress: number[] = [];
    let failed = false;
    const late: number[] = [];
    const error = await client
      .callTool('slow', { steps: 2, delayMs: 1200 }, { timeout: 300, onProgress: (p) => (failed ? late : progress).push(p.progress) })
      .catch((e) => e);
    failed = true;
    expect(error).to.be.instanceOf(McpTimeoutError);
    expect(error.message).to.match(/^tools\/call timed out after \d+ ms$/);
    expect(progress).to.deep.equal([]);
    expect(await calls('notifications/cancelled'), 'notifications/cancelled sent').to.have.length(1);
    await stillWorks();
    // A step as long, started after the timeout: its progress comes after the stalled call's first step was due.
    const marker: number[] = [];
    await client.callTool('slow', { steps: 1, delayMs: 1200 }, { onProgress: (p) => marker.push(p.progress) });
    expect(marker, 'the later call reported its step').to.deep.equal([1]);
    expect(late).to.deep.equal([]);
  });

  it('keeps a slow call alive while progress keeps coming, even past its timeout in total', async () => {
    expect(await slowCall(5, 150, { timeout: 1000 })).to.deep.equal({ text: 'done after 5 steps', progress: [1, 2, 3, 4, 5] });
  });

  it('turns a 200 with an HTML body into a readable error and recovers', async () => {
    await fault({ match: { jsonrpcMethod: 'tools/call' }, status: 200, contentType: 'text/html', body: '<!doctype html><html><head><title>Sign in to the Wi-Fi</title></head><body>portal</body></html>' });
    const error = await client.callTool('echo', { message: 'x' }).catch((e) => e);
    expect(error).to.be.instanceOf(McpHttpError);
    expect(error.kind).to.equal('html');
    expect(error.status).to.equal(200);
    expect(error.message).to.contain('HTML page').and.contain('Sign in to the Wi-Fi');
    await stillWorks();
  });

  it('turns a 200 whose HTML body claims to be JSON into a readable error', async () => {
    await fault({ match: { jsonrpcMethod: 'tools/call' }, status: 200, contentType: 'application/json', body: '<html><body>Service temporarily unavailable</body></html>' });
    const error = await client.callTool('echo', { message: 'x' }).catch((e) => e);
    expect(error).to.be.instanceOf(McpHttpError);
    expect(error.kind).to.equal('html');
    await stillWorks();
  });

  it('fails connect clearly when every answer is an HTML page, then connects once it is gone', async () => {
    await fault({ match: { httpMethod: 'POST' }, persistent: true, status: 200, contentType: 'text/html', body: '<!doctype html><title>Captive portal</title>' });
    const other = new McpClient({ url: proxyUrl, transport: 'streamable-http', eraCache: { get: () => undefined, set: () => {} } });
    const error = await other.connect().catch((e) => e);
    expect(error).to.be.instanceOf(McpHttpError);
    expect(error.kind).to.equal('html');
    expect(error.message).to.contain('Captive portal');
    expect(other.state).to.equal('idle');
    await fetch(control, { method: 'DELETE' });
    await other.connect();
    await stillWorks(other);
    await other.close();
  });

  it('reports a JSON body cut off in transit as a clear error, not a bare TypeError, and recovers', async () => {
    await fault({ match: { jsonrpcMethod: 'tools/call' }, status: 200, contentType: 'application/json', body: '{"jsonrpc":"2.0","id":', truncate: true });
    const error = await client.callTool('echo', { message: 'x' }).catch((e) => e);
    expect(error).to.be.instanceOf(McpHttpError);
    expect(error.kind).to.equal('network');
    expect(error.message).to.contain('connection');
    await stillWorks();
  });

  it('reports a truncated JSON-RPC message inside an SSE event as a format error', async () => {
    await fault({ match: { jsonrpcMethod: 'tools/call' }, status: 200, contentType: 'text/event-stream', body: 'id: x1\ndata: {"jsonrpc":"2.0","id":\n\n' });
    const error = await client.callTool('echo', { message: 'x' }).catch((e) => e);
    expect(error).to.be.instanceOf(McpFormatError);
    expect(error.message).to.contain('malformed JSON');
    await stillWorks();
  });
});

describe('a server restart behind the proxy', () => {
  let client: McpClient;
  let control: string;

  const log = (): Promise<LogEntry[]> => fetch(`${control}/log`).then((r) => r.json());
  const restart = () => fetch(`${control}/restart`, { method: 'POST' }).then((r) => r.json());

  before(async () => {
    const urls = await servers();
    control = urls.proxyControl;
    await fetch(control, { method: 'DELETE' });
    client = new McpClient({ url: urls.proxy, transport: 'streamable-http' });
    await client.connect();
  });
  beforeEach(() => fetch(`${control}/log`, { method: 'DELETE' }));
  after(() => client.close());

  it('starts a new session after a restart between calls and runs the next call exactly once', async () => {
    expect(firstText(await client.callTool('echo', { message: 'before' }))).to.equal('Echo: before');
    const oldSession = (await log()).find((e) => e.bodyJsonRpcMethod === 'tools/call')!.headers['mcp-session-id'];
    expect(await restart()).to.deep.equal({ restarted: true });
    expect(firstText(await client.callTool('echo', { message: 'after' }))).to.equal('Echo: after');
    const entries = await log();
    expect(entries.filter((e) => e.bodyJsonRpcMethod === 'initialize'), 'one new initialize').to.have.length(1);
    const answered = entries.filter((e) => e.bodyJsonRpcMethod === 'tools/call' && e.status === 200);
    expect(answered, 'the call ran once').to.have.length(2); // 'before' and 'after'
    expect(answered[1].headers['mcp-session-id']).to.be.a('string').and.not.equal(oldSession);
    expect(client.state).to.equal('ready');
  });

  it('fails a call cut by a restart mid-progress with a clear error instead of running it again, then recovers', async () => {
    const progress: number[] = [];
    let restarted: Promise<unknown> | undefined;
    const error = await client
      .callTool('slow', { steps: 3, delayMs: 300 }, {
        onProgress: (p) => {
          progress.push(p.progress);
          restarted ??= restart();
        },
      })
      .catch((e) => e);
    await restarted;
    expect(error).to.be.instanceOf(McpHttpError);
    expect(error.message).to.contain('session ended while the request was running');
    expect(progress, 'no progress doubled by a re-run').to.deep.equal([1]);
    const ran = (await log()).filter((e) => e.bodyJsonRpcMethod === 'tools/call');
    expect(ran, `not re-sent on the new session: ${JSON.stringify(await log())}`).to.have.length(1);
    expect(firstText(await client.callTool('echo', { message: 'next' }))).to.equal('Echo: next');
  });
});
