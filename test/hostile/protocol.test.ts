import { expect, waitUntil } from '@open-wc/testing';
import { McpClient, McpError, McpFormatError, McpProtocolError } from '../../src/client.js';
import { expectTicking, heartbeat, servers } from '../helpers.js';
import { expectSafe, Tally } from './guard.js';

// The core client against the hostile server, without elements: invalid JSON-RPC, a response to a
// request never sent, garbage on the GET stream, SSE data that never ends, `__proto__` everywhere.
// Every bad answer must fail its own call with a typed, readable error (never a bare TypeError,
// never a hang) and leave the client ready for the next call.

const tally = new Tally('core client (protocol)');
after(() => tally.report());

const errors = (client: McpClient) => {
  const seen: Error[] = [];
  client.addEventListener('error', (e) => seen.push((e as CustomEvent<Error>).detail));
  return seen;
};
type Notification = { method: string; params?: Record<string, unknown> };
const notifications = (client: McpClient) => {
  const seen: Notification[] = [];
  client.addEventListener('notification', (e) => seen.push((e as CustomEvent<Notification>).detail));
  return seen;
};

describe('hostile server: the core client', () => {
  let client: McpClient;
  let seen: Error[];
  let heard: Notification[];

  before(async () => {
    client = new McpClient({ url: (await servers()).hostile });
    seen = errors(client);
    heard = notifications(client);
    await client.connect();
  });
  after(() => client.close());

  it('connects and keeps the hostile strings as data', () => {
    expect(client.state).to.equal('ready');
    expect(client.serverInfo!.name).to.contain('<script>');
    expect(client.instructions).to.contain('onerror=');
    expectSafe(tally, 'initialize');
  });

  it('survives garbage on the GET stream: reports it, drops the unsolicited responses, stays ready', async () => {
    // The stream sends log lines, garbage (jsonrpc 1.0, an array, a number, null, a null result,
    // responses to requests never sent, odd notifications), "hostile stream ready" and, last, truncated
    // JSON: once that is reported, every message before it has been handled.
    await waitUntil(
      () =>
        heard.some((n) => n.params?.data === 'hostile stream ready') &&
        seen.some((e) => /malformed JSON/.test(e.message)),
      'the whole GET stream read',
      { timeout: 10_000 },
    );
    // One case per message whose outcome is checked here: a typed error, or a notification kept as data.
    // (A response to a request never sent leaves no trace to check; 'unsolicited' covers it on a POST stream.)
    const handled = seen.length + heard.length;
    expect(seen.length, 'format errors reported').to.be.at.least(4);
    expect(
      seen.every((e) => e instanceof McpError),
      seen.map((e) => `${e.name}: ${e.message}`).join('\n'),
    ).to.equal(true);
    expect(seen.some((e) => e instanceof McpFormatError)).to.equal(true);
    expect(
      heard.some((n) => n.method.startsWith('<script>')),
      'a method name of markup kept as text',
    ).to.equal(true);
    expect(client.state).to.equal('ready');
    expect(await client.callTool('deep_schema', {})).to.have.nested.property('content[0].text', 'deep ok');
    tally.count += handled;
    expectSafe(tally, 'GET stream garbage');
  });

  const invalid: [tool: string, expected: RegExp][] = [
    ['jsonrpc_1_0', /JSON-RPC 2\.0/],
    ['array_answer', /JSON-RPC 2\.0/],
    ['number_answer', /JSON-RPC 2\.0/],
    ['null_result', /neither result nor error/],
    ['wrong_id', /response|answer/i],
    ['wrong_id_sse', /closed the response stream before answering/],
    ['endless_line', /exceeded 16 MB/],
  ];
  for (const [tool, expected] of invalid) {
    it(`fails ${tool} with a clear, typed error and recovers`, async () => {
      const beat = heartbeat();
      try {
        const error = await client.callTool(tool, {}, { timeout: 20_000 }).then(
          () => undefined,
          (e: Error) => e,
        );
        expect(error, `${tool} did not fail`).to.be.instanceOf(McpError);
        expect(error!.message).to.match(expected);
        expect(beat.timeouts).to.be.greaterThan(0);
      } finally {
        beat.stop();
      }
      expect(client.state).to.equal('ready');
      expect(await client.callTool('deep_schema', {})).to.have.nested.property('content[0].text', 'deep ok');
      expectSafe(tally, tool);
    });
  }

  it('fails error_message with the server text as data, not markup', async () => {
    const error = await client.callTool('error_message', {}).catch((e: Error) => e);
    expect(error).to.be.instanceOf(McpProtocolError);
    expect((error as Error).message).to.contain('<script>window.__pwned=1</script>');
    expectSafe(tally, 'error_message');
  });

  it('ignores responses to requests it never sent and still gets the real answer', async () => {
    const result = await client.callTool('unsolicited', {});
    expect(result.content[0]).to.deep.include({ text: 'the real answer' });
    expectSafe(tally, 'unsolicited');
  });

  it('keeps __proto__ keys in results as data', async () => {
    const result = (await client.callTool('proto_keys', {})) as unknown as Record<string, unknown> & {
      structuredContent: Record<string, unknown>;
    };
    expect(Object.hasOwn(result.structuredContent, '__proto__')).to.equal(true);
    expect(Object.getPrototypeOf(result.structuredContent)).to.equal(Object.prototype);
    expectSafe(tally, 'proto_keys');
  });

  it('can cancel an endless progress stream while the page keeps running', async () => {
    const beat = heartbeat();
    const abort = new AbortController();
    let progress = 0;
    const call = client
      .callTool('endless_progress', {}, { signal: abort.signal, onProgress: () => progress++ })
      .catch((e: Error) => e);
    try {
      await waitUntil(() => progress > 1000, 'progress flowing', { timeout: 20_000 });
      await expectTicking(beat, 20, 'the page stopped while progress streamed');
      abort.abort();
      expect(((await call) as Error).name).to.equal('McpAbortError');
    } finally {
      beat.stop();
    }
    const control = (await servers()).hostileControl;
    await waitUntil(
      async () => (await (await fetch(`${control}/stats`)).json()).openStreams === 0,
      'the server saw the stream closed',
      { timeout: 10_000 },
    );
    expect((await (await fetch(`${control}/stats`)).json()).cancelled.length).to.be.greaterThan(0);
    expect(await client.callTool('deep_schema', {})).to.have.nested.property('content[0].text', 'deep ok');
    expectSafe(tally, 'endless_progress');
  });
});

describe('hostile server: GET streams that never end an event', () => {
  for (const mode of ['line', 'event']) {
    it(`stops reading a GET stream whose ${mode} never ends at the buffer limit, says why, and stays usable`, async () => {
      const client = new McpClient({ url: `${(await servers()).hostile}?get=${mode}` });
      const seen = errors(client);
      const beat = heartbeat();
      try {
        await client.connect();
        await waitUntil(() => seen.some((e) => /exceeded 16 MB/.test(e.message)), 'buffer limit reported', {
          timeout: 30_000,
        });
        await expectTicking(beat);
        expect(client.state).to.equal('ready');
        expect(await client.callTool('deep_schema', {})).to.have.nested.property('content[0].text', 'deep ok');
      } finally {
        beat.stop();
        await client.close();
      }
      expectSafe(tally, `GET ${mode}`);
    });
  }
});
