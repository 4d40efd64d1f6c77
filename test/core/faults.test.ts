import { expect } from '@open-wc/testing';
import { McpClient, McpFormatError, McpHttpError, McpTimeoutError } from '../../src/client.js';
import { firstText, proxyFault, proxyLog, servers } from '../helpers.js';

// Faults injected by the proxy in front of its own legacy fixture server (SDK 1.x Streamable HTTP),
// grouped by what goes wrong: a call's stream cut (abruptly or ended cleanly, at every point), events
// doubled, reordered or malformed, answers that are not what they say, time, the session and a server
// restart. Each case checks the call completes exactly once (one tools/call reached the server, the
// progress sequence is whole and single) or fails with a clear error, and that the client serves the
// next call. Last, errors a person can act on, from servers without the proxy.
describe('faults between the client and a legacy server', () => {
  let client: McpClient;
  let control: string;
  let proxyUrl: string;
  const errors: Error[] = [];

  const calls = async (method = 'tools/call') => (await proxyLog()).filter((e) => e.bodyJsonRpcMethod === method);
  const resumes = async () => (await proxyLog()).filter((e) => e.method === 'GET' && e.headers['last-event-id']);
  const stillWorks = async (c = client) =>
    expect(firstText(await c.callTool('echo', { message: 'next' }))).to.equal('Echo: next');
  /** slow(steps) with every progress value it reported. */
  const slowCall = async (steps: number, delayMs: number, options: { timeout?: number } = {}) => {
    const progress: number[] = [];
    const result = await client.callTool(
      'slow',
      { steps, delayMs },
      { ...options, onProgress: (p) => progress.push(p.progress) },
    );
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

  describe("a call's stream cut", () => {
    // slow(3) answers with 5 events: priming, progress 1, 2, 3, result.
    const points = [
      [1, 'after the priming event, before any progress'],
      [2, 'after the first progress'],
      [3, 'after the second progress'],
      [4, 'right before the result'],
    ] as const;

    for (const [after, where] of points) {
      it(`resumes a call whose stream is cut abruptly ${where}, with Last-Event-ID: result once, progress 1-2-3 once`, async () => {
        await proxyFault({ match: { jsonrpcMethod: 'tools/call' }, cutAfterEvents: after });
        expect(await slowCall(3, 60)).to.deep.equal({ text: 'done after 3 steps', progress: [1, 2, 3] });
        expect(await calls(), 'the call reached the server once').to.have.length(1);
        expect(await resumes()).to.have.length.greaterThan(0);
        await stillWorks();
      });
    }

    for (const [after, where] of points) {
      it(`resumes a call whose stream the server ends cleanly ${where}: result once, progress 1-2-3 once`, async () => {
        await proxyFault({ match: { jsonrpcMethod: 'tools/call' }, cutAfterEvents: after, graceful: true });
        expect(await slowCall(3, 60)).to.deep.equal({ text: 'done after 3 steps', progress: [1, 2, 3] });
        expect(await calls()).to.have.length(1);
        await stillWorks();
      });
    }

    for (const [graceful, how, says] of [
      [false, 'cut', 'closed the response stream before answering'],
      [
        true,
        'ended cleanly by the server',
        'closed the response stream before answering, with no event id to resume from',
      ],
    ] as const) {
      it(`fails clearly when the stream is ${how} before any event, and recovers`, async () => {
        await proxyFault({ match: { jsonrpcMethod: 'tools/call' }, cutAfterEvents: 0, graceful });
        const error = await slowCall(1, 20).catch((e) => e);
        expect(error).to.be.instanceOf(McpHttpError);
        expect(error.message).to.contain(says);
        await stillWorks();
      });
    }

    it('survives a cut of the resumed stream too, resuming from the newest event id', async () => {
      await proxyFault([
        { match: { jsonrpcMethod: 'tools/call' }, cutAfterEvents: 2 },
        { match: { httpMethod: 'GET' }, cutAfterEvents: 1 },
      ]);
      expect(await slowCall(4, 80)).to.deep.equal({ text: 'done after 4 steps', progress: [1, 2, 3, 4] });
      const ids = (await resumes()).map((e) => Number(e.headers['last-event-id']));
      expect(ids.length).to.be.greaterThan(1);
      expect(ids[1], 'the second resume starts after the first').to.be.greaterThan(ids[0]);
      expect(await calls()).to.have.length(1);
    });
  });

  describe('events doubled, reordered or malformed', () => {
    it('handles each doubled SSE event once', async () => {
      await proxyFault({ match: { jsonrpcMethod: 'tools/call' }, duplicateEvents: true });
      expect(await slowCall(3, 20)).to.deep.equal({ text: 'done after 3 steps', progress: [1, 2, 3] });
    });

    it('delivers out-of-order progress once each, in arrival order', async () => {
      // priming, p1, p2, p3 held and sent reversed: p3, p2, p1, priming; then the result.
      await proxyFault({ match: { jsonrpcMethod: 'tools/call' }, reorderEvents: 4 });
      expect(await slowCall(3, 30)).to.deep.equal({ text: 'done after 3 steps', progress: [3, 2, 1] });
      await stillWorks();
    });

    it('resolves once when the result overtakes its progress, and never reports progress after the result', async () => {
      // priming, p1, p2, result held and sent reversed: the result arrives first.
      await proxyFault({ match: { jsonrpcMethod: 'tools/call' }, reorderEvents: 4 });
      const progress: number[] = [];
      let settled = false;
      const late: number[] = [];
      const result = await client.callTool(
        'slow',
        { steps: 2, delayMs: 30 },
        {
          onProgress: (p) => (settled ? late : progress).push(p.progress),
        },
      );
      settled = true;
      expect(firstText(result)).to.equal('done after 2 steps');
      expect(progress).to.deep.equal([]);
      await stillWorks();
      expect(late, 'progress after the result').to.deep.equal([]);
    });

    it('handles doubled and reordered events with a cut in between: each progress once, result once', async () => {
      await proxyFault([
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

    it('survives a malformed SSE frame before the answer, reporting it as an error event', async () => {
      await proxyFault({ match: { jsonrpcMethod: 'tools/call' }, injectFrame: 'data: {not json\n\n' });
      expect((await slowCall(1, 10)).text).to.equal('done after 1 steps');
      expect(errors.some((e) => e instanceof McpFormatError)).to.equal(true);
    });
  });

  describe('answers that are not what they say', () => {
    // What the proxy answers to a tools/call instead of the server, and the error the caller gets.
    const answers: {
      what: string;
      answer: object;
      error: typeof McpHttpError | typeof McpFormatError;
      fields?: object;
      says: string[];
    }[] = [
      {
        what: 'turns an HTML error page into a readable error',
        answer: {
          status: 502,
          contentType: 'text/html',
          body: '<!doctype html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
        },
        error: McpHttpError,
        fields: { kind: 'html', status: 502 },
        says: ['502 Bad Gateway'],
      },
      {
        what: 'reports a 500 with the server text',
        answer: { status: 500, body: 'database exploded' },
        error: McpHttpError,
        fields: { kind: 'status' },
        says: ['500', 'database exploded'],
      },
      {
        what: 'turns a 200 with an HTML body into a readable error',
        answer: {
          status: 200,
          contentType: 'text/html',
          body: '<!doctype html><html><head><title>Sign in to the Wi-Fi</title></head><body>portal</body></html>',
        },
        error: McpHttpError,
        fields: { kind: 'html', status: 200 },
        says: ['HTML page', 'Sign in to the Wi-Fi'],
      },
      {
        what: 'turns a 200 whose HTML body claims to be JSON into a readable error',
        answer: {
          status: 200,
          contentType: 'application/json',
          body: '<html><body>Service temporarily unavailable</body></html>',
        },
        error: McpHttpError,
        fields: { kind: 'html' },
        says: [],
      },
      {
        what: 'treats a 200 with a truncated JSON body as a format error',
        answer: { status: 200, contentType: 'application/json', body: '{"jsonrpc":"2.0","id":' },
        error: McpFormatError,
        says: ['malformed JSON'],
      },
      {
        what: 'reports a JSON body cut off in transit as a clear error, not a bare TypeError',
        answer: { status: 200, contentType: 'application/json', body: '{"jsonrpc":"2.0","id":', truncate: true },
        error: McpHttpError,
        fields: { kind: 'network' },
        says: ['connection'],
      },
      {
        what: 'reports a truncated JSON-RPC message inside an SSE event as a format error',
        answer: { status: 200, contentType: 'text/event-stream', body: 'id: x1\ndata: {"jsonrpc":"2.0","id":\n\n' },
        error: McpFormatError,
        says: ['malformed JSON'],
      },
    ];
    for (const { what, answer, error: kind, fields = {}, says } of answers) {
      it(`${what}, and recovers`, async () => {
        await proxyFault({ match: { jsonrpcMethod: 'tools/call' }, ...answer });
        const error = await client.callTool('echo', { message: 'x' }).catch((e) => e);
        expect(error).to.be.instanceOf(kind);
        for (const [name, value] of Object.entries(fields)) expect(error[name], name).to.equal(value);
        for (const part of says) expect(error.message).to.contain(part);
        await stillWorks();
      });
    }

    it('fails connect clearly when every answer is an HTML page, then connects once it is gone', async () => {
      await proxyFault({
        match: { httpMethod: 'POST' },
        persistent: true,
        status: 200,
        contentType: 'text/html',
        body: '<!doctype html><title>Captive portal</title>',
      });
      const other = new McpClient({
        url: proxyUrl,
        transport: 'streamable-http',
        eraCache: { get: () => undefined, set: () => {} },
      });
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
  });

  describe('time', () => {
    it('times out a call held past its timeout and recovers', async () => {
      await proxyFault({ match: { jsonrpcMethod: 'tools/call' }, delayMs: 1500 });
      const error = await client.callTool('echo', { message: 'slow' }, { timeout: 300 }).catch((e) => e);
      expect(error).to.be.instanceOf(McpTimeoutError);
      await stillWorks();
    });

    it('times out a call whose server stalls mid-stream, tells the server, ignores late progress, and recovers', async () => {
      const progress: number[] = [];
      let failed = false;
      const late: number[] = [];
      const error = await client
        .callTool(
          'slow',
          { steps: 2, delayMs: 1200 },
          { timeout: 300, onProgress: (p) => (failed ? late : progress).push(p.progress) },
        )
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
      expect(await slowCall(5, 150, { timeout: 1000 })).to.deep.equal({
        text: 'done after 5 steps',
        progress: [1, 2, 3, 4, 5],
      });
    });
  });

  describe('the session', () => {
    it('starts a new session when the server answers 404 for the old one, and completes the call', async () => {
      const before = (await proxyLog()).length;
      await proxyFault({
        match: { jsonrpcMethod: 'tools/call' },
        status: 404,
        body: '{"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null}',
        contentType: 'application/json',
      });
      const result = await client.callTool('echo', { message: 'after expiry' });
      expect(firstText(result)).to.equal('Echo: after expiry');
      const entries = (await proxyLog()).slice(before);
      const expired = entries.find((e) => e.status === 404)!;
      const init = entries.find((e) => e.bodyJsonRpcMethod === 'initialize')!;
      expect(init, 'a new initialize').to.exist;
      expect(init.headers).to.not.have.property('mcp-session-id');
      const retried = entries.filter((e) => e.bodyJsonRpcMethod === 'tools/call').at(-1)!;
      expect(retried.headers['mcp-session-id']).to.be.a('string').and.not.equal(expired.headers['mcp-session-id']);
      expect(client.state).to.equal('ready');
    });

    it('sends DELETE with the session id when closed', async () => {
      const other = new McpClient({ url: (await servers()).proxy, transport: 'streamable-http' });
      await other.connect();
      await other.close();
      const del = (await proxyLog()).find((e) => e.method === 'DELETE');
      expect(del?.headers['mcp-session-id']).to.be.a('string').and.not.empty;
    });
  });
});

describe('a server restart behind the proxy', () => {
  let client: McpClient;
  let control: string;

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
    const oldSession = (await proxyLog()).find((e) => e.bodyJsonRpcMethod === 'tools/call')!.headers['mcp-session-id'];
    expect(await restart()).to.deep.equal({ restarted: true });
    expect(firstText(await client.callTool('echo', { message: 'after' }))).to.equal('Echo: after');
    const entries = await proxyLog();
    expect(
      entries.filter((e) => e.bodyJsonRpcMethod === 'initialize'),
      'one new initialize',
    ).to.have.length(1);
    const answered = entries.filter((e) => e.bodyJsonRpcMethod === 'tools/call' && e.status === 200);
    expect(answered, 'the call ran once').to.have.length(2); // 'before' and 'after'
    expect(answered[1].headers['mcp-session-id']).to.be.a('string').and.not.equal(oldSession);
    expect(client.state).to.equal('ready');
  });

  it('fails a call cut by a restart mid-progress with a clear error instead of running it again, then recovers', async () => {
    const progress: number[] = [];
    let restarted: Promise<unknown> | undefined;
    const error = await client
      .callTool(
        'slow',
        { steps: 3, delayMs: 300 },
        {
          onProgress: (p) => {
            progress.push(p.progress);
            restarted ??= restart();
          },
        },
      )
      .catch((e) => e);
    await restarted;
    expect(error).to.be.instanceOf(McpHttpError);
    expect(error.message).to.contain('session ended while the request was running');
    expect(progress, 'no progress doubled by a re-run').to.deep.equal([1]);
    const ran = (await proxyLog()).filter((e) => e.bodyJsonRpcMethod === 'tools/call');
    expect(ran, `not re-sent on the new session: ${JSON.stringify(await proxyLog())}`).to.have.length(1);
    expect(firstText(await client.callTool('echo', { message: 'next' }))).to.equal('Echo: next');
  });
});

describe('errors a person can act on', () => {
  it('says which CORS headers a server must send when the browser blocks it', async () => {
    const client = new McpClient({ url: (await servers()).noCors });
    const error = await client.connect().catch((e) => e);
    expect(error).to.be.instanceOf(McpHttpError);
    expect(error.kind).to.equal('cors');
    expect(error.message)
      .to.contain('Access-Control-Allow-Origin')
      .and.contain('Access-Control-Allow-Headers')
      .and.contain('content-type');
    expect(client.state).to.equal('idle');
  });

  it('says a server cannot be reached when nothing listens', async () => {
    const client = new McpClient({ url: 'http://127.0.0.1:9/mcp' });
    const error = await client.connect().catch((e) => e);
    expect(error).to.be.instanceOf(McpHttpError);
    expect(error.kind).to.equal('network');
    expect(error.message).to.match(/Cannot reach the MCP server at http:\/\/127\.0\.0\.1:9\/mcp/);
  });
});
