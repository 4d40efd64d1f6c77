// The chat completions sampling handler (src/sampling/openai.ts) against a stand-in LLM provider on
// loopback (servers/chat-completions.mjs: no real provider can run here): what the provider receives,
// how its answers map back, and its streamed reply in the real dialog inside <mcp-client> against
// real MCP servers of both eras.
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { McpClient, type CreateMessageParams, type CreateMessageResult } from '../../src/client.js';
import { memoryStore } from '../../src/store.js';
import { openaiSampling, type OpenAiSamplingOptions } from '../../src/sampling/openai.js';
import { buttonNamed, controlByLabel, firstText, servers, typeInto, widget } from '../helpers.js';
import { dialogOf, hasButton, refuseOpenDialogsAndCleanUp, signal } from './dialog.js';

let tags = 0;
/** A path of the stand-in of this test's own, and its controls. */
async function provider() {
  const base = (await servers()).chatCompletions;
  const tag = `t${Date.now()}-${++tags}`;
  return {
    baseUrl: `${base}/${tag}/v1`,
    /**
     * The next answers, in order: `{json}` or `{chunks, hold?}` (hold: send that many chunks, then wait for release()).
     */
    script: (...answers: object[]) =>
      fetch(`${base}/_script/${tag}`, { method: 'POST', body: JSON.stringify(answers) }).then((r) => r.json()),
    release: () => fetch(`${base}/_release/${tag}`, { method: 'POST' }),
    received: (): Promise<{
      requests: { headers: Record<string, string | undefined>; body: Record<string, unknown> }[];
      closedEarly: number;
    }> => fetch(`${base}/_received/${tag}`).then((r) => r.json()),
  };
}

const chunk = (delta: object, finish: string | null = null, extra: object = {}) => ({
  id: 'c1',
  object: 'chat.completion.chunk',
  model: 'stand-in-model',
  choices: [{ index: 0, delta, finish_reason: finish, ...extra }],
});
const completion = (message: object, finish: string, extra: object = {}) => ({
  id: 'c1',
  object: 'chat.completion',
  model: 'stand-in-model',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish, ...extra }],
});

const reply = (root: ShadowRoot) => controlByLabel<HTMLTextAreaElement>(root, 'Reply');

/**
 * A widget on the legacy server whose sampling goes to a stand-in scripted to stream `chunks` and hold
 * after the first; its request for `prompt` approved in the dialog, once `shown` is in the review step.
 */
async function approvedWhileStreaming(
  chunks: object[],
  shown: string,
  prompt: string,
  options: Omit<OpenAiSamplingOptions, 'baseUrl'>,
) {
  const p = await provider();
  await p.script({ chunks, hold: 1 });
  const el = await widget((await servers()).legacy, {
    samplingHandler: openaiSampling({ baseUrl: p.baseUrl, ...options }),
  });
  const call = el.client!.callTool('ask_llm', { prompt });
  const root = await dialogOf(el);
  buttonNamed(root, 'Approve').click();
  await waitUntil(
    () => root.querySelector<HTMLTextAreaElement>('#reply')?.value === shown,
    'the first streamed text in the review step',
  );
  return { p, call, root };
}

afterEach(refuseOpenDialogsAndCleanUp);

describe('openaiSampling against a stand-in chat completions provider', () => {
  it('stand-in provider receives exactly the mapped request: system, text, image, audio, tool use and result, limits, hints and tools', async () => {
    const p = await provider();
    await p.script({ json: completion({ content: 'ok' }, 'stop') });
    const options: OpenAiSamplingOptions = {
      baseUrl: p.baseUrl,
      model: 'fallback-model',
      models: ['gpt-4o-mini', 'claude-3-5-sonnet'],
      apiKey: async () => 'sk-test',
      headers: { 'x-proxy-token': 'proxy-1' },
      stream: false,
    };
    const params: CreateMessageParams = {
      systemPrompt: 'Be brief.',
      maxTokens: 64,
      temperature: 0.2,
      stopSequences: ['END'],
      modelPreferences: { hints: [{ name: 'gemini' }, { name: 'sonnet' }], intelligencePriority: 0.9 },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture?' },
            { type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' },
            { type: 'audio', mimeType: 'audio/wav', data: 'UklGRg==' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Let me check the weather.' },
            { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [{ type: 'tool_result', toolUseId: 'call_1', content: [{ type: 'text', text: '18 C, sunny' }] }],
        },
        { role: 'user', content: { type: 'text', text: 'And tomorrow?' } },
      ],
      tools: [
        {
          name: 'weather',
          description: 'Weather by city',
          inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      ],
      toolChoice: { mode: 'auto' },
    };
    const result = await openaiSampling(options)(params, { signal: signal() });
    const { requests } = await p.received();
    expect(requests).to.have.length(1);
    expect(requests[0].headers).to.deep.equal({
      authorization: 'Bearer sk-test',
      'content-type': 'application/json',
      accept: 'application/json',
      'x-proxy-token': 'proxy-1',
    });
    expect(requests[0].body).to.deep.equal({
      model: 'claude-3-5-sonnet', // the first hint that names a listed model ("gemini" names none)
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Let me check the weather.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '18 C, sunny' },
        { role: 'user', content: 'And tomorrow?' },
      ],
      max_tokens: 64,
      temperature: 0.2,
      stop: ['END'],
      tools: [
        {
          type: 'function',
          function: {
            name: 'weather',
            description: 'Weather by city',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        },
      ],
      tool_choice: 'auto',
    });
    expect(result).to.deep.equal({
      role: 'assistant',
      model: 'stand-in-model',
      content: { type: 'text', text: 'ok' },
      stopReason: 'endTurn',
    });
  });

  it('stand-in provider: without a matching hint the configured model is used; max_completion_tokens when asked', async () => {
    const p = await provider();
    await p.script({ json: completion({ content: 'a' }, 'stop') });
    await openaiSampling({
      baseUrl: p.baseUrl,
      model: 'fallback-model',
      models: ['gpt-4o-mini'],
      stream: false,
      maxTokensField: 'max_completion_tokens',
    })(
      {
        maxTokens: 5,
        modelPreferences: { hints: [{ name: 'sonnet' }] },
        messages: [{ role: 'user', content: { type: 'text', text: 'x' } }],
      },
      { signal: signal() },
    );
    const { body, headers } = (await p.received()).requests[0];
    expect(body).to.deep.equal({
      model: 'fallback-model',
      messages: [{ role: 'user', content: 'x' }],
      max_completion_tokens: 5,
    });
    expect(headers.authorization, 'no key getter, no Authorization').to.equal(undefined);
  });

  it('stand-in provider: finish_reason maps to stopReason (stop, a stop sequence, length, tool_calls), tool_calls to tool_use blocks', async () => {
    const p = await provider();
    await p.script(
      { json: completion({ content: 'done' }, 'stop') },
      { json: completion({ content: 'one two' }, 'stop', { stop_reason: 'END' }) },
      { json: completion({ content: 'cut' }, 'length') },
      {
        json: completion(
          {
            content: null,
            tool_calls: [
              { id: 'call_9', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
            ],
          },
          'tool_calls',
        ),
      },
    );
    const ask = openaiSampling({ baseUrl: p.baseUrl, model: 'm', stream: false });
    const params: CreateMessageParams = {
      maxTokens: 10,
      stopSequences: ['END'],
      messages: [{ role: 'user', content: { type: 'text', text: 'x' } }],
    };
    const results: CreateMessageResult[] = [];
    for (let i = 0; i < 4; i++) results.push(await ask(params, { signal: signal() }));
    expect(results.map((r) => r.stopReason)).to.deep.equal(['endTurn', 'stopSequence', 'maxTokens', 'toolUse']);
    expect(results[3].content).to.deep.equal([
      { type: 'tool_use', id: 'call_9', name: 'weather', input: { city: 'Oslo' } },
    ]);
  });

  it('stand-in provider: a streamed reply (SSE chunks, tool_calls deltas) is reported as it arrives and ends as text plus tool_use', async () => {
    const p = await provider();
    await p.script({
      chunks: [
        chunk({ role: 'assistant', content: 'Check' }),
        chunk({ content: 'ing.' }),
        chunk({
          tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'weather', arguments: '' } }],
        }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Rome"}' } }] }),
        chunk({}, 'tool_calls'),
      ],
    });
    const partials: string[] = [];
    const result = await openaiSampling({ baseUrl: p.baseUrl, model: 'm' })(
      {
        maxTokens: 10,
        messages: [{ role: 'user', content: { type: 'text', text: 'weather?' } }],
        tools: [{ name: 'weather', inputSchema: { type: 'object' } }],
        toolChoice: { mode: 'required' },
      },
      { signal: signal(), onPartial: (r) => partials.push((r.content as { text: string }).text) },
    );
    const { body, headers } = (await p.received()).requests[0];
    expect(body.stream).to.equal(true);
    expect(body.tool_choice).to.equal('required');
    expect(headers.accept).to.equal('text/event-stream');
    expect(partials).to.deep.equal(['Check', 'Checking.']);
    expect(result).to.deep.equal({
      role: 'assistant',
      model: 'stand-in-model',
      stopReason: 'toolUse',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'call_a', name: 'weather', input: { city: 'Rome' } },
      ],
    });
  });

  it('stand-in provider: an error it answers, an error event mid-stream, or a stream cut short rejects with a clear error', async () => {
    const p = await provider();
    await p.script(
      { status: 401, json: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } } },
      { chunks: [chunk({ content: 'Hi' }), { error: { message: 'overloaded' } }] },
    );
    const ask = openaiSampling({ baseUrl: p.baseUrl, model: 'm' });
    const params: CreateMessageParams = {
      maxTokens: 10,
      messages: [{ role: 'user', content: { type: 'text', text: 'x' } }],
    };
    const first = await ask(params, { signal: signal() }).catch((e: Error) => e);
    expect((first as Error).message).to.equal(
      'The model provider answered 401 Unauthorized: Incorrect API key provided.',
    );
    const second = await ask(params, { signal: signal() }).catch((e: Error) => e);
    expect((second as Error).message).to.equal('The model provider failed while answering: overloaded');
    await p.script(
      { chunks: [chunk({ content: 'Half a rep' })], cut: true },
      { chunks: [chunk({ content: 'Whole' }, 'stop')], cut: true },
    );
    const cut = await ask(params, { signal: signal() }).catch((e: Error) => e);
    expect((cut as Error).message, 'a stream cut before its end').to.equal(
      "The model provider's stream ended before the reply was complete",
    );
    expect(await ask(params, { signal: signal() }), 'a finish_reason without [DONE] is complete').to.deep.include({
      content: { type: 'text', text: 'Whole' },
      stopReason: 'endTurn',
    });
  });

  it('a block chat completions cannot take is refused with a clear error before anything is sent', async () => {
    const p = await provider();
    const e = await openaiSampling({ baseUrl: p.baseUrl, model: 'm' })(
      {
        maxTokens: 10,
        messages: [{ role: 'user', content: { type: 'audio', mimeType: 'audio/ogg', data: 'T2dnUw==' } }],
      },
      { signal: signal() },
    ).catch((x: Error) => x);
    expect((e as Error).message).to.equal('Chat completions cannot take audio/ogg audio (only WAV and MP3)');
    expect((await p.received()).requests).to.have.length(0);
  });
});

describe('openaiSampling as the headless client\u2019s onSampling (stand-in provider, real MCP server)', () => {
  it('the page\u2019s own code decides (no dialog): the stand-in\u2019s streamed reply goes to the server', async () => {
    const p = await provider();
    await p.script({ chunks: [chunk({ content: 'from ' }), chunk({ content: 'the model' }), chunk({}, 'stop')] });
    const client = new McpClient({
      url: (await servers()).legacy,
      store: memoryStore(),
      onSampling: openaiSampling({ baseUrl: p.baseUrl, model: 'stand-in-model' }),
    });
    await client.connect();
    try {
      expect(firstText(await client.callTool('ask_llm', { prompt: 'Headless' }))).to.equal('LLM said: from the model');
      expect((await p.received()).requests[0].body.messages).to.deep.equal([{ role: 'user', content: 'Headless' }]);
    } finally {
      await client.close();
    }
  });
});

describe('openaiSampling in the sampling dialog inside <mcp-client> (stand-in provider, real MCP servers)', () => {
  it('legacy server: the stand-in\u2019s streamed reply shows in the review step as it arrives; Send only once it is done', async () => {
    const chunks = [chunk({ role: 'assistant', content: 'Hel' }), chunk({ content: 'lo there' }), chunk({}, 'stop')];
    const { p, call, root } = await approvedWhileStreaming(chunks, 'Hel', 'Say hi', {
      model: 'stand-in-model',
      apiKey: () => 'sk-1',
    });
    expect(reply(root).readOnly, 'not editable while it streams').to.equal(true);
    expect(hasButton(root, 'Send'), 'no Send while it streams').to.equal(false);
    expect(hasButton(root, 'Stop')).to.equal(true);
    expect(root.querySelector('[role=status]')!.textContent).to.equal('The model is writing a reply…');
    await p.release();
    await waitUntil(() => hasButton(root, 'Send'), 'Send once the stream is done');
    expect(reply(root).value).to.equal('Hello there');
    expect(reply(root).readOnly).to.equal(false);
    expect(root.textContent).to.contain('Model: stand-in-model');
    const { requests } = await p.received();
    expect(requests[0].body).to.deep.equal({
      model: 'stand-in-model',
      messages: [{ role: 'user', content: 'Say hi' }],
      max_tokens: 100,
      stream: true,
    });
    expect(requests[0].headers.authorization).to.equal('Bearer sk-1');
    typeInto(reply(root), 'Hello there, edited');
    buttonNamed(root, 'Send').click();
    expect(firstText(await call)).to.equal('LLM said: Hello there, edited');
  });

  it('modern server (MRTR): the stand-in\u2019s reply reaches the review step and then the server', async () => {
    const p = await provider();
    await p.script({ chunks: [chunk({ content: 'Bonjour' }), chunk({}, 'stop')] });
    const el = await widget((await servers()).modern, {
      samplingHandler: openaiSampling({ baseUrl: p.baseUrl, model: 'stand-in-model' }),
    });
    const call = el.client!.callTool('ask_llm', { prompt: 'Greet me', tag: `openai-${Date.now()}` });
    const root = await dialogOf(el);
    buttonNamed(root, 'Approve').click();
    await waitUntil(() => hasButton(root, 'Send'), 'the review step');
    expect(reply(root).value).to.equal('Bonjour');
    expect((await p.received()).requests[0].body).to.deep.include({
      messages: [{ role: 'user', content: 'Greet me' }],
      max_tokens: 50,
    });
    buttonNamed(root, 'Send').click();
    expect(firstText(await call)).to.match(/^LLM said: Bonjour state=llm-openai-/);
  });

  it('Reject while the stand-in streams aborts the provider request, and the server receives -1', async () => {
    const { p, call, root } = await approvedWhileStreaming(
      [chunk({ content: 'Partial' }), chunk({ content: ' rest' }), chunk({}, 'stop')],
      'Partial',
      'x',
      { model: 'm' },
    );
    expect((await p.received()).closedEarly).to.equal(0);
    buttonNamed(root, 'Reject').click();
    expect(firstText(await call)).to.contain('User rejected sampling request');
    await waitUntil(
      async () => (await p.received()).closedEarly === 1,
      'the stand-in saw its stream closed by the page',
    );
  });

  it('Stop while the stand-in streams keeps the text so far for review; the person edits and sends it', async () => {
    const { p, call, root } = await approvedWhileStreaming(
      [chunk({ content: 'Once upon' }), chunk({ content: ' a time' }), chunk({}, 'stop')],
      'Once upon',
      'Tell a story',
      { model: 'stand-in-model' },
    );
    buttonNamed(root, 'Stop').click();
    await waitUntil(() => hasButton(root, 'Send'), 'the review step after Stop');
    expect(reply(root).value).to.equal('Once upon');
    expect(root.querySelector('[role=alert]'), 'stopping is no error').to.equal(null);
    await waitUntil(async () => (await p.received()).closedEarly === 1, 'Stop closed the provider stream');
    typeInto(reply(root), 'Once upon a midnight');
    buttonNamed(root, 'Send').click();
    expect(firstText(await call)).to.equal('LLM said: Once upon a midnight');
  });

  it('a provider error shows in the dialog, and the person can still write the reply by hand', async () => {
    const p = await provider();
    await p.script({ status: 429, json: { error: { message: 'Rate limit reached for requests' } } });
    const el = await widget((await servers()).legacy, {
      samplingHandler: openaiSampling({ baseUrl: p.baseUrl, model: 'm' }),
    });
    const call = el.client!.callTool('ask_llm', { prompt: 'x' });
    const root = await dialogOf(el);
    buttonNamed(root, 'Approve').click();
    await waitUntil(() => root.querySelector('[role=alert]'), 'the error');
    expect(root.querySelector('[role=alert]')!.textContent).to.equal(
      'The model provider answered 429 Too Many Requests: Rate limit reached for requests.',
    );
    expect(reply(root).readOnly, 'the person may write the reply').to.equal(false);
    typeInto(reply(root), 'written by hand');
    buttonNamed(root, 'Send').click();
    expect(firstText(await call)).to.equal('LLM said: written by hand');
  });
});
