// The Prompt API sampling handler (src/sampling/browser.ts): against Chromium's real LanguageModel
// (headless Chromium here has the API but no model, so it says "unavailable"), its feature detection,
// and a stand-in LanguageModel (named so in each test) for what no model-less browser can show:
// a download's progress, a stream, maxTokens and stop sequences enforced by stopping the stream.
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { CreateMessageParams } from '../../src/client.js';
import { browserSampling, type LanguageModelLike, type LanguageModelSession } from '../../src/sampling/browser.js';
import { buttonNamed, controlByLabel, firstText, servers, typeInto, widget } from '../helpers.js';
import { dialogOf, hasButton, refuseOpenDialogsAndCleanUp, signal } from './dialog.js';

/**
 * A stand-in for the Prompt API's LanguageModel: reports `state`, downloads when the test says so
 * (firing downloadprogress on create()'s monitor), streams what the test pushes, counts one token per character.
 */
class StandInLanguageModel implements LanguageModelLike {
  created: Record<string, unknown>[] = [];
  prompted: unknown[] = [];
  availabilityAsked: unknown[] = [];
  cancelled = false;
  destroyed = false;
  private monitor = new EventTarget();
  private downloaded?: () => void;
  private stream?: ReadableStreamDefaultController<string>;
  constructor(public state: 'available' | 'downloadable' | 'downloading' | 'unavailable') {}
  async availability(options?: object) {
    this.availabilityAsked.push(options);
    return this.state;
  }
  async params() {
    return { defaultTopK: 3, maxTemperature: 2 };
  }
  async create(options: Record<string, unknown> = {}): Promise<LanguageModelSession> {
    this.created.push(options);
    (options.monitor as (m: EventTarget) => void)?.(this.monitor);
    if (this.state !== 'available') await new Promise<void>((r) => (this.downloaded = r));
    return {
      promptStreaming: (input) => {
        this.prompted.push(input);
        return new ReadableStream<string>({
          start: (c) => void (this.stream = c),
          cancel: () => void (this.cancelled = true),
        });
      },
      measureInputUsage: async (text) => String(text).length,
      destroy: () => void (this.destroyed = true),
    };
  }
  get downloading() {
    return !!this.downloaded;
  }
  progress(loaded: number) {
    this.monitor.dispatchEvent(Object.assign(new Event('downloadprogress'), { loaded }));
  }
  finishDownload() {
    this.downloaded?.();
  }
  get streaming() {
    return !!this.stream;
  }
  push(text: string) {
    this.stream!.enqueue(text);
  }
  end() {
    this.stream!.close();
  }
}

afterEach(refuseOpenDialogsAndCleanUp);

describe('browserSampling (Prompt API)', () => {
  it('Chromium\u2019s real LanguageModel: without a model on this machine the dialog says so, and the person writes the reply', async () => {
    const real = (globalThis as { LanguageModel?: LanguageModelLike }).LanguageModel;
    const state = await real?.availability();
    if (state === 'available') {
      // A browser with its model: a real reply, held to maxTokens by stopping the stream.
      const result = await browserSampling()(
        { maxTokens: 16, messages: [{ role: 'user', content: { type: 'text', text: 'Say hello.' } }] },
        { signal: signal() },
      );
      expect((result.content as { text: string }).text).to.not.equal('');
      expect(result.stopReason).to.be.oneOf(['endTurn', 'maxTokens']);
      return;
    }
    expect(state, 'this Chromium has no model (a downloadable one would need the network)').to.be.oneOf([
      undefined,
      'unavailable',
    ]);
    const el = await widget((await servers()).legacy, { samplingHandler: browserSampling() });
    const call = el.client!.callTool('ask_llm', { prompt: 'Say hi' });
    const root = await dialogOf(el);
    buttonNamed(root, 'Approve').click();
    await waitUntil(() => root.querySelector('[role=alert]'), 'the not-available message');
    expect(root.querySelector('[role=alert]')!.textContent).to.equal(
      state
        ? "This browser's built-in language model is not available on this device."
        : 'This browser has no built-in language model (the Prompt API, LanguageModel).',
    );
    typeInto(controlByLabel<HTMLTextAreaElement>(root, 'Reply'), 'by hand');
    buttonNamed(root, 'Send').click();
    expect(firstText(await call)).to.equal('LLM said: by hand');
  });

  it('feature detection: a page without LanguageModel (removed from this page) gets a NotSupportedError that says so', async () => {
    const own = Object.getOwnPropertyDescriptor(globalThis, 'LanguageModel');
    delete (globalThis as { LanguageModel?: unknown }).LanguageModel;
    try {
      expect('LanguageModel' in globalThis).to.equal(false);
      const e = await browserSampling()(
        { maxTokens: 5, messages: [{ role: 'user', content: { type: 'text', text: 'x' } }] },
        { signal: signal() },
      ).catch((x: Error) => x);
      expect((e as DOMException).name).to.equal('NotSupportedError');
      expect((e as DOMException).message).to.equal(
        'This browser has no built-in language model (the Prompt API, LanguageModel).',
      );
    } finally {
      if (own) Object.defineProperty(globalThis, 'LanguageModel', own);
    }
  });

  it('stand-in LanguageModel that says "unavailable": NotSupportedError, and nothing is created', async () => {
    const model = new StandInLanguageModel('unavailable');
    const e = await browserSampling({ languageModel: model })(
      { maxTokens: 5, messages: [{ role: 'user', content: { type: 'text', text: 'x' } }] },
      { signal: signal() },
    ).catch((x: Error) => x);
    expect((e as DOMException).name).to.equal('NotSupportedError');
    expect(model.created).to.have.length(0);
  });

  it('stand-in LanguageModel: the download\u2019s progress shows in the dialog, then the streamed reply, held to maxTokens by stopping the stream', async () => {
    const model = new StandInLanguageModel('downloadable');
    const el = await widget((await servers()).legacy, { samplingHandler: browserSampling({ languageModel: model }) });
    // MaxTokens 100; the stand-in counts one token per character.
    const call = el.client!.callTool('ask_llm', { prompt: 'Count' });
    const root = await dialogOf(el);
    buttonNamed(root, 'Approve').click();
    await waitUntil(() => model.downloading, 'the download started');
    const bar = () => root.querySelector<HTMLProgressElement>('progress[aria-label="Downloading the model"]');
    await waitUntil(() => bar(), 'the progress bar');
    expect(bar()!.value).to.equal(0);
    await expect(el.shadowRoot!.querySelector('mcp-sampling-dialog')).to.be.accessible();
    model.progress(0.5);
    await waitUntil(() => bar()?.value === 0.5, 'half downloaded');
    model.finishDownload();
    await waitUntil(() => model.streaming, 'the prompt streams');
    model.push('a'.repeat(60));
    await waitUntil(
      () => root.querySelector<HTMLTextAreaElement>('#reply')?.value === 'a'.repeat(60),
      'the first chunk in the review step',
    );
    expect(bar(), 'no progress once text arrives').to.equal(null);
    await expect(el.shadowRoot!.querySelector('mcp-sampling-dialog'), 'accessible while it streams').to.be.accessible();
    expect(hasButton(root, 'Send')).to.equal(false);
    model.push('b'.repeat(60));
    await waitUntil(() => hasButton(root, 'Send'), 'the stream stopped at maxTokens');
    expect(model.cancelled, 'the stream was stopped').to.equal(true);
    expect(model.destroyed).to.equal(true);
    expect(root.textContent).to.contain('Model: browser-built-in');
    buttonNamed(root, 'Send').click();
    expect(firstText(await call)).to.equal(`LLM said: ${'a'.repeat(60)}${'b'.repeat(60)}`);
  });

  it('stand-in LanguageModel: system prompt, messages with an image, temperature; a stop sequence ends the stream', async () => {
    const model = new StandInLanguageModel('available');
    const params: CreateMessageParams = {
      systemPrompt: 'Be brief.',
      maxTokens: 1000,
      temperature: 0.7,
      stopSequences: ['STOP'],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe' },
            { type: 'image', mimeType: 'image/png', data: btoa('png!') },
          ],
        },
        { role: 'assistant', content: { type: 'text', text: 'A dot.' } },
        { role: 'user', content: { type: 'text', text: 'More?' } },
      ],
    };
    const partials: string[] = [];
    const answer = browserSampling({
      languageModel: model,
      create: { expectedOutputs: [{ type: 'text', languages: ['en'] }] },
    })(params, { signal: signal(), onPartial: (r) => partials.push((r.content as { text: string }).text) });
    await waitUntil(() => model.streaming, 'streaming');
    model.push('A red ');
    model.push('dot. STOP and more');
    const result = await answer;
    expect(result).to.deep.equal({
      role: 'assistant',
      model: 'browser-built-in',
      content: { type: 'text', text: 'A red dot. ' },
      stopReason: 'stopSequence',
    });
    expect(partials).to.deep.equal(['A red ', 'A red dot. ']);
    expect(model.cancelled).to.equal(true);
    const created = model.created[0];
    expect(created.initialPrompts).to.deep.equal([{ role: 'system', content: 'Be brief.' }]);
    expect(created.expectedInputs).to.deep.equal([{ type: 'text' }, { type: 'image' }]);
    expect(created.expectedOutputs).to.deep.equal([{ type: 'text', languages: ['en'] }]);
    expect(model.availabilityAsked[0]).to.deep.equal({
      expectedInputs: [{ type: 'text' }, { type: 'image' }],
      expectedOutputs: [{ type: 'text', languages: ['en'] }],
    });
    expect([created.temperature, created.topK]).to.deep.equal([0.7, 3]);
    const [first, second, third] = model.prompted[0] as { role: string; content: { type: string; value: unknown }[] }[];
    expect(first.role).to.equal('user');
    expect(first.content[0]).to.deep.equal({ type: 'text', value: 'Describe' });
    expect(first.content[1].type).to.equal('image');
    const image = first.content[1].value as Blob;
    expect([image.type, await image.text()]).to.deep.equal(['image/png', 'png!']);
    expect(second).to.deep.equal({ role: 'assistant', content: [{ type: 'text', value: 'A dot.' }] });
    expect(third).to.deep.equal({ role: 'user', content: [{ type: 'text', value: 'More?' }] });
  });

  it('stand-in LanguageModel: the dialog\u2019s Stop ends the stream and keeps the text so far; a required tool call is refused', async () => {
    const model = new StandInLanguageModel('available');
    const el = await widget((await servers()).legacy, { samplingHandler: browserSampling({ languageModel: model }) });
    const call = el.client!.callTool('ask_llm', { prompt: 'Go' });
    const root = await dialogOf(el);
    buttonNamed(root, 'Approve').click();
    await waitUntil(() => model.streaming, 'streaming');
    model.push('so far');
    await waitUntil(() => root.querySelector<HTMLTextAreaElement>('#reply')?.value === 'so far', 'streamed text');
    buttonNamed(root, 'Stop').click();
    await waitUntil(() => hasButton(root, 'Send'), 'review after Stop');
    expect(model.cancelled).to.equal(true);
    buttonNamed(root, 'Send').click();
    expect(firstText(await call)).to.equal('LLM said: so far');
    const e = await browserSampling({ languageModel: model })(
      {
        maxTokens: 5,
        toolChoice: { mode: 'required' },
        tools: [{ name: 't', inputSchema: { type: 'object' } }],
        messages: [{ role: 'user', content: { type: 'text', text: 'x' } }],
      },
      { signal: signal() },
    ).catch((x: Error) => x);
    expect((e as Error).message).to.equal(
      "The browser's built-in model cannot call tools, and this request requires a tool call",
    );
  });
});
