import { expect } from '@open-wc/testing';
import { McpClient, McpFormatError, McpHttpError, McpTimeoutError } from '../../src/client.js';
import { firstText, servers } from '../helpers.js';

// Faults injected by the proxy in front of the legacy fixture server. Each case checks the call
// completes exactly once or fails with a clear error, and that the next call works.
interface LogEntry {
  method: string;
  headers: Record<string, string>;
  status: number | null;
  bodyJsonRpcMethod: string | null;
  faults: string[];
}

describe('faults between the client and a legacy server', () => {
  let client: McpClient;
  let control: string;
  const errors: Error[] = [];

  const fault = (rule: object) => fetch(control, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rule) }).then((r) => r.json());
  const log = (): Promise<LogEntry[]> => fetch(`${control}/log`).then((r) => r.json());
  const stillWorks = async () => expect(firstText(await client.callTool('echo', { message: 'next' }))).to.equal('Echo: next');

  before(async () => {
    const urls = await servers();
    control = urls.proxyControl;
    client = new McpClient({ url: urls.proxy, transport: 'streamable-http' });
    client.addEventListener('error', (e) => errors.push((e as CustomEvent<Error>).detail));
    await client.connect();
  });
  beforeEach(async () => {
    await fetch(control, { method: 'DELETE' });
    await fetch(`${control}/log`, { method: 'DELETE' });
    errors.length = 0;
  });
  after(() => client.close());

  it('resumes a call whose SSE stream is cut mid-progress with Last-Event-ID, delivering the result once', async () => {
    // Priming event + first progress event, then the connection drops.
    await fault({ match: { jsonrpcMethod: 'tools/call' }, cutAfterEvents: 2 });
    const steps: number[] = [];
    const result = await client.callTool('slow', { steps: 3, delayMs: 150 }, { onProgress: (p) => steps.push(p.progress) });
    expect(firstText(result)).to.equal('done after 3 steps');
    expect(steps).to.deep.equal([1, 2, 3]);
    const resume = (await log()).filter((e) => e.method === 'GET' && e.headers['last-event-id']);
    expect(resume).to.have.length.greaterThan(0);
    await stillWorks();
  });

  it('resumes when the stream is cut after the priming event, before any progress', async () => {
    await fault({ match: { jsonrpcMethod: 'tools/call' }, cutAfterEvents: 1 });
    const steps: number[] = [];
    const result = await client.callTool('slow', { steps: 2, delayMs: 100 }, { onProgress: (p) => steps.push(p.progress) });
    expect(firstText(result)).to.equal('done after 2 steps');
    expect(steps).to.deep.equal([1, 2]);
  });

  it('fails clearly when the stream is cut before any event, and recovers', async () => {
    await fault({ match: { jsonrpcMethod: 'tools/call' }, cutAfterEvents: 0 });
    const error = await client.callTool('slow', { steps: 1, delayMs: 50 }).catch((e) => e);
    expect(error).to.be.instanceOf(McpHttpError);
    expect(error.message).to.contain('closed the response stream before answering');
    await stillWorks();
  });

  it('starts a new session when the server answers 404 for the old one, and completes the call', async () => {
    const before = (await log()).length;
    await fault({ match: { jsonrpcMethod: 'tools/call' }, status: 404, body: '{"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null}', contentType: 'application/json' });
    const result = await client.callTool('echo', { message: 'after expiry' });
    expect(firstText(result)).to.equal('Echo: after expiry');
    const entries = (await log()).slice(before);
    const expired = entries.find((e) => e.status === 404)!;
    const init = entries.find((e) => e.bodyJsonRpcMethod === 'initialize')!;
    expect(init, 'a new initialize').to.exist;
    expect(init.headers).to.not.have.property('mcp-session-id');
    const retried = entries.filter((e) => e.bodyJsonRpcMethod === 'tools/call').at(-1)!;
    expect(retried.headers['mcp-session-id']).to.be.a('string').and.not.equal(expired.headers['mcp-session-id']);
    expect(client.state).to.equal('ready');
  });

  it('turns an HTML error page into a readable error and recovers', async () => {
    await fault({ match: { jsonrpcMethod: 'tools/call' }, status: 502, body: '<!doctype html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', contentType: 'text/html' });
    const error = await client.callTool('echo', { message: 'x' }).catch((e) => e);
    expect(error).to.be.instanceOf(McpHttpError);
    expect(error.kind).to.equal('html');
    expect(error.status).to.equal(502);
    expect(error.message).to.contain('502 Bad Gateway');
    await stillWorks();
  });

  it('reports a 500 with the server text and recovers', async () => {
    await fault({ match: { jsonrpcMethod: 'tools/call' }, status: 500, body: 'database exploded' });
    const error = await client.callTool('echo', { message: 'x' }).catch((e) => e);
    expect(error).to.be.instanceOf(McpHttpError);
    expect(error.kind).to.equal('status');
    expect(error.message).to.contain('500').and.contain('database exploded');
    await stillWorks();
  });

  it('treats a 200 with a truncated JSON body as a format error', async () => {
    await fault({ match: { jsonrpcMethod: 'tools/call' }, status: 200, body: '{"jsonrpc":"2.0","id":', contentType: 'application/json' });
    const error = await client.callTool('echo', { message: 'x' }).catch((e) => e);
    expect(error).to.be.instanceOf(McpFormatError);
    expect(error.message).to.contain('malformed JSON');
    await stillWorks();
  });

  it('survives a malformed SSE frame before the answer, reporting it as an error event', async () => {
    await fault({ match: { jsonrpcMethod: 'tools/call' }, injectFrame: 'data: {not json\n\n' });
    const result = await client.callTool('slow', { steps: 1, delayMs: 10 });
    expect(firstText(result)).to.equal('done after 1 steps');
    expect(errors.some((e) => e instanceof McpFormatError)).to.equal(true);
  });

  it('handles each doubled SSE event once', async () => {
    await fault({ match: { jsonrpcMethod: 'tools/call' }, duplicateEvents: true });
    const steps: number[] = [];
    const result = await client.callTool('slow', { steps: 3, delayMs: 20 }, { onProgress: (p) => steps.push(p.progress) });
    expect(firstText(result)).to.equal('done after 3 steps');
    expect(steps).to.deep.equal([1, 2, 3]);
  });

  it('times out a call held past its timeout and recovers', async () => {
    await fault({ match: { jsonrpcMethod: 'tools/call' }, delayMs: 1500 });
    const error = await client.callTool('echo', { message: 'slow' }, { timeout: 300 }).catch((e) => e);
    expect(error).to.be.instanceOf(McpTimeoutError);
    await stillWorks();
  });

  it('sends DELETE with the session id when closed', async () => {
    const other = new McpClient({ url: (await servers()).proxy, transport: 'streamable-http' });
    await other.connect();
    await other.close();
    const del = (await log()).find((e) => e.method === 'DELETE');
    expect(del?.headers['mcp-session-id']).to.be.a('string').and.not.empty;
  });
});

describe('errors a person can act on', () => {
  it('says which CORS headers a server must send when the browser blocks it', async () => {
    const client = new McpClient({ url: (await servers()).noCors });
    const error = await client.connect().catch((e) => e);
    expect(error).to.be.instanceOf(McpHttpError);
    expect(error.kind).to.equal('cors');
    expect(error.message).to.contain('Access-Control-Allow-Origin').and.contain('Access-Control-Allow-Headers').and.contain('content-type');
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
