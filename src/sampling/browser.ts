// mcp-web-components/sampling/browser: a sampling handler on the browser's built-in model (the
// Prompt API: `LanguageModel`, Chrome's Gemini Nano and others). Nothing leaves the device; the model
// may have to be downloaded first, and the dialog shows that download's progress.
import type { SamplingHandler } from '../core/client/input.js';
import { McpSamplingError } from '../core/jsonrpc/errors.js';
import type { CreateMessageResult } from '../core/protocol/types.js';

/** The part of the Prompt API's `LanguageModel` this handler uses. */
export interface LanguageModelLike {
  availability(options?: object): Promise<string>;
  create(options?: object): Promise<LanguageModelSession>;
  params?(): Promise<{ defaultTopK?: number; maxTemperature?: number } | null>;
}
export interface LanguageModelSession {
  promptStreaming(input: unknown, options?: { signal?: AbortSignal }): ReadableStream<string>;
  measureInputUsage?(input: unknown): Promise<number>;
  destroy?(): void;
}

export interface BrowserSamplingOptions {
  /** The name reported as the reply's `model`; default `browser-built-in`. */
  model?: string;
  /**
   * More options for `LanguageModel.create()` and `availability()`, e.g.
   * `{ expectedOutputs: [{ type: 'text', languages: ['en'] }] }`.
   */
  create?: Record<string, unknown>;
  /** The Prompt API's `LanguageModel`; default the browser's own (`globalThis.LanguageModel`). */
  languageModel?: LanguageModelLike;
}

type Block = { type?: string; text?: string; data?: string; mimeType?: string };
const blocks = (content: unknown): Block[] => (Array.isArray(content) ? content : [content]) as Block[];
const unavailable = (why: string) => new DOMException(why, 'NotSupportedError');

/** One MCP content block as a Prompt API content part (images and audio as Blobs). */
function part(b: Block): { type: string; value: unknown } {
  if (b?.type === 'text') return { type: 'text', value: b.text ?? '' };
  if (b?.type === 'image' || b?.type === 'audio')
    return {
      type: b.type,
      value: new Blob([Uint8Array.from(atob(b.data ?? ''), (c) => c.charCodeAt(0))], { type: b.mimeType }),
    };
  throw new McpSamplingError(`The browser's built-in model cannot take a "${b?.type}" block (it does not call tools)`);
}

/** A `samplingHandler` on the browser's built-in model; rejects with a `NotSupportedError` where there is none. */
export function browserSampling(options: BrowserSamplingOptions = {}): SamplingHandler {
  return async (params, context) => {
    const model = options.languageModel ?? (globalThis as { LanguageModel?: LanguageModelLike }).LanguageModel;
    if (!model?.availability)
      throw unavailable('This browser has no built-in language model (the Prompt API, LanguageModel).');
    if (params.toolChoice?.mode === 'required')
      throw new McpSamplingError(
        "The browser's built-in model cannot call tools, and this request requires a tool call",
      );
    // The conversation as Prompt API messages; create() must expect each kind of input it holds.
    const messages = params.messages.map((m) => ({ role: m.role, content: blocks(m.content).map(part) }));
    const kinds = new Set(messages.flatMap((m) => m.content.map((c) => c.type)));
    const expected = { expectedInputs: [...kinds].map((type) => ({ type })), ...options.create };
    const availability = await model.availability(expected);
    if (availability === 'unavailable')
      throw unavailable("This browser's built-in language model is not available on this device.");
    // A model still to download: show progress from the start (create() downloads it, and needs the person's click on
    // Approve).
    if (availability !== 'available') context.onProgress?.(0);
    const defaults = params.temperature !== undefined ? await model.params?.().catch(() => null) : null;
    const session = await model.create({
      ...expected,
      ...(params.systemPrompt ? { initialPrompts: [{ role: 'system', content: params.systemPrompt }] } : {}),
      // The Prompt API takes a temperature only with topK, and only where it says its limits.
      ...(defaults
        ? { temperature: Math.min(params.temperature!, defaults.maxTemperature ?? 2), topK: defaults.defaultTopK }
        : {}),
      monitor: (m: EventTarget) =>
        m.addEventListener('downloadprogress', (e) => context.onProgress?.((e as ProgressEvent).loaded)),
      signal: context.signal,
    });
    const name = options.model ?? 'browser-built-in';
    let text = '';
    let stopReason = 'endTurn';
    const reader = session.promptStreaming(messages, { signal: context.signal }).getReader();
    // The dialog's Stop or Reject, or the server's cancel: the stream ends at once.
    const abort = () => void reader.cancel().catch(() => {});
    context.signal.addEventListener('abort', abort, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += value;
        // The Prompt API has no stop sequences or token limit of its own: both end the stream here.
        const at = Math.min(...(params.stopSequences ?? []).map((s) => text.indexOf(s)).filter((i) => i >= 0));
        if (at < Infinity) ((text = text.slice(0, at)), (stopReason = 'stopSequence'));
        else if (
          ((await session.measureInputUsage?.(text).catch(() => undefined)) ?? Math.ceil(text.length / 4)) >=
          params.maxTokens
        )
          stopReason = 'maxTokens';
        context.onPartial?.({ role: 'assistant', model: name, content: { type: 'text', text } });
        if (stopReason !== 'endTurn') {
          void reader.cancel().catch(() => {});
          break;
        }
      }
    } catch (e) {
      context.signal.throwIfAborted();
      throw e;
    } finally {
      context.signal.removeEventListener('abort', abort);
      session.destroy?.();
    }
    context.signal.throwIfAborted();
    return {
      role: 'assistant',
      model: name,
      content: { type: 'text', text },
      stopReason,
    } satisfies CreateMessageResult;
  };
}
