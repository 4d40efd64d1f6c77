import { expect } from '@open-wc/testing';
import { McpAbortError, McpClient, McpTimeoutError, samplingRejected } from '../../src/client.js';
import type { CreateMessageParams, ElicitParams } from '../../src/client.js';
import { connectedClient, firstText, nextEvent, servers } from '../helpers.js';

// The legacy fixture server on the official SDK 1.x, over both of its transports.
describe('legacy Streamable HTTP (SDK 1.x fixture)', () => {
  let client: McpClient;
  const sampled: CreateMessageParams[] = [];
  const elicited: ElicitParams[] = [];
  let rejectNextSampling = false;

  before(async () => {
    client = new McpClient({
      url: (await servers()).legacy,
      onSampling: async (params) => {
        sampled.push(params);
        if (rejectNextSampling) throw samplingRejected();
        return { role: 'assistant', content: { type: 'text', text: 'a haiku about tests' }, model: 'page-llm' };
      },
      onElicitation: async (params) => {
        elicited.push(params);
        return { action: 'accept', content: { name: 'Ada', age: 36 } };
      },
    });
    await client.connect();
  });
  after(() => client.close());

  it('initializes a session with the newest legacy version and sends the session headers after', async () => {
    expect(client.era).to.equal('legacy');
    expect(client.protocolVersion).to.equal('2025-11-25');
    const headers = JSON.parse(firstText(await client.callTool('record_headers')));
    expect(headers['mcp-session-id']).to.be.a('string').and.not.empty;
    expect(headers['mcp-protocol-version']).to.equal('2025-11-25');
  });

  it('calls tools and returns structured content', async () => {
    expect(firstText(await client.callTool('echo', { message: 'héllo' }))).to.equal('Echo: héllo');
    const sum = await client.callTool('add', { a: 2, b: 40 });
    expect(sum.structuredContent).to.deep.equal({ sum: 42 });
  });

  it('reports every progress step and lets progress extend the timeout', async () => {
    const steps: number[] = [];
    // 4 steps of 250 ms take a second, far past the 600 ms timeout, but each step resets it.
    const result = await client.callTool(
      'slow',
      { steps: 4, delayMs: 250 },
      { timeout: 600, onProgress: (p) => steps.push(p.progress) },
    );
    expect(steps).to.deep.equal([1, 2, 3, 4]);
    expect(firstText(result)).to.equal('done after 4 steps');
  });

  it('times out a silent request with a readable error and stays usable', async () => {
    const error = await client.callTool('slow', { steps: 3, delayMs: 300 }, { timeout: 200 }).catch((e) => e);
    expect(error).to.be.instanceOf(McpTimeoutError);
    expect(error.message).to.match(/tools\/call timed out after \d+ ms/);
    expect(firstText(await client.callTool('echo', { message: 'still here' }))).to.equal('Echo: still here');
  });

  it('cancels a running call through its AbortSignal', async () => {
    const controller = new AbortController();
    const call = client.callTool(
      'slow',
      { steps: 5, delayMs: 200 },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    expect(await call.catch((e) => e)).to.be.instanceOf(McpAbortError);
    expect(firstText(await client.callTool('echo', { message: 'after abort' }))).to.equal('Echo: after abort');
  });

  it('reads text and blob resources, lists templates and completes a template variable', async () => {
    const uris = (await client.listResources()).map((r) => r.uri);
    expect(uris).to.include.members(['fixture://greeting', 'fixture://blob']);
    expect((await client.readResource('fixture://greeting')).contents[0].text).to.equal('Hello from a resource');
    const blob = (await client.readResource('fixture://blob')).contents[0].blob!;
    expect([...atob(blob)].map((c) => c.charCodeAt(0))).to.deep.equal([...Array(16).keys()]);
    expect((await client.listResourceTemplates()).map((t) => t.uriTemplate)).to.include('fixture://items/{id}');
    const completion = await client.complete(
      { type: 'ref/resource', uri: 'fixture://items/{id}' },
      { name: 'id', value: 'ga' },
    );
    expect(completion.values).to.deep.equal(['gamma']);
  });

  it('gets a prompt and completes its argument', async () => {
    const prompt = await client.getPrompt('greet', { name: 'Bob' });
    expect(prompt.messages[0].content).to.deep.include({ type: 'text', text: 'Please greet Bob (friendly)' });
    expect(
      (await client.complete({ type: 'ref/prompt', name: 'greet' }, { name: 'name', value: 'C' })).values,
    ).to.deep.equal(['Carol']);
  });

  it('delivers resource updates after subscribe', async () => {
    await client.subscribe('fixture://greeting');
    const updated = nextEvent<{ uri: string }>(client, 'resourceupdated');
    await client.callTool('touch_resource', { uri: 'fixture://greeting' });
    expect((await updated).uri).to.equal('fixture://greeting');
  });

  it('sets the log level and delivers log notifications', async () => {
    await client.setLogLevel('info');
    const log = nextEvent<{ level: string; data: unknown }>(client, 'log');
    await client.callTool('log_and_notify');
    expect(await log).to.deep.include({ level: 'info', data: 'hello log' });
  });

  it('answers a sampling request from the server through onSampling, and a rejection as an error', async () => {
    const result = await client.callTool('ask_llm', { prompt: 'write a haiku' });
    expect(firstText(result)).to.equal('LLM said: a haiku about tests');
    expect(sampled.at(-1)!.messages[0].content).to.deep.equal({ type: 'text', text: 'write a haiku' });
    expect(sampled.at(-1)!.maxTokens).to.equal(100);

    rejectNextSampling = true;
    const rejected = await client.callTool('ask_llm', { prompt: 'again' });
    rejectNextSampling = false;
    expect(rejected.isError).to.equal(true);
    expect(firstText(rejected)).to.match(/User rejected sampling request/);
  });

  it('answers an elicitation request through onElicitation', async () => {
    const result = await client.callTool('ask_user', { question: 'Who are you?' });
    expect(elicited.at(-1)).to.deep.include({ message: 'Who are you?', mode: 'form' });
    expect(firstText(result)).to.equal('action=accept content={"name":"Ada","age":36}');
  });

  it('hears notifications on the standalone GET stream', async () => {
    const changed = nextEvent(client, 'toolschanged');
    await client.callTool('notify_later', { delayMs: 100 });
    await changed;
  });
});

describe('2024-11-05 HTTP+SSE (SDK 1.x fixture)', () => {
  let client: McpClient;
  before(async () => (client = await connectedClient('legacySse')));
  after(() => client.close());

  it('falls back to HTTP+SSE given only the /sse URL and calls tools with progress', async () => {
    expect(client.era).to.equal('sse');
    expect(firstText(await client.callTool('echo', { message: 'over sse' }))).to.equal('Echo: over sse');
    const steps: number[] = [];
    await client.callTool('slow', { steps: 2, delayMs: 50 }, { onProgress: (p) => steps.push(p.progress) });
    expect(steps).to.deep.equal([1, 2]);
  });
});
