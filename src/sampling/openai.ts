// mcp-web-components/sampling/openai: a sampling handler for any OpenAI-compatible chat completions
// endpoint (OpenAI, a host's own proxy, vLLM, llama.cpp, Ollama, LM Studio, OpenRouter...). It maps an
// MCP `sampling/createMessage` request to one `POST {baseUrl}/chat/completions` and streams the reply.
import type { SamplingContext, SamplingHandler } from '../core/client/input.js';
import { McpSamplingError } from '../core/jsonrpc/errors.js';
import type { CreateMessageParams, CreateMessageResult } from '../core/protocol/types.js';
import { readSse } from '../core/transport/sse.js';

export interface OpenAiSamplingOptions {
  /** The API root, without `/chat/completions`: `https://api.openai.com/v1`, or a path of the host's own proxy. */
  baseUrl: string;
  /** The model used unless a server's model hint names one of `models`. */
  model: string;
  /**
   * Models the endpoint serves that a server's hints may pick: the first hint that is part of one of
   * these names (in the hints' order) chooses it; no match, or no list, means `model`.
   */
  models?: string[];
  /**
   * Called before each request for the key, sent as `Authorization: Bearer <key>`. Prefer a host proxy that adds it.
   */
  apiKey?: () => string | Promise<string>;
  /**
   * Extra request headers (a proxy's own credentials, `OpenAI-Organization`...), or a function returning them per
   * request.
   */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  /** Stream the reply (`stream: true`, SSE) into the dialog as it arrives; default true. */
  stream?: boolean;
  /** `max_tokens` (default, what most compatible servers take) or `max_completion_tokens` (newer OpenAI models). */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** The fetch to use; default the page's. */
  fetch?: typeof fetch;
}

type Block = {
  type?: string;
  text?: string;
  data?: string;
  mimeType?: string;
  id?: string;
  name?: string;
  input?: unknown;
  toolUseId?: string;
  content?: unknown;
  isError?: boolean;
};
type ChatMessage = Record<string, unknown>;
type ToolCall = { id?: string; type?: string; function?: { name?: string; arguments?: string } };

const blocks = (content: unknown): Block[] => (Array.isArray(content) ? content : [content]) as Block[];
const fail = (message: string) => new McpSamplingError(message);
/** Audio formats chat completions take (`input_audio.format`), by MIME type. */
const AUDIO: Record<string, string> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
};

/** One MCP content block of a user message as a chat completions content part. */
function part(b: Block): object {
  if (b.type === 'text') return { type: 'text', text: b.text ?? '' };
  if (b.type === 'image') return { type: 'image_url', image_url: { url: `data:${b.mimeType};base64,${b.data}` } };
  if (b.type === 'audio' && AUDIO[b.mimeType ?? ''])
    return { type: 'input_audio', input_audio: { data: b.data, format: AUDIO[b.mimeType!] } };
  throw fail(
    `Chat completions cannot take ${b.type === 'audio' ? `${b.mimeType} audio (only WAV and MP3)` : `a "${b.type}" block in a user message`}`,
  );
}

/** The text of a tool result's content (chat completions' tool messages carry text). */
const resultText = (b: Block) =>
  blocks(b.content ?? [])
    .map((c) => (c?.type === 'text' ? c.text : JSON.stringify(c)))
    .join('\n');

/**
 * The MCP messages as chat completions messages: tool results become `role: "tool"` messages, tool uses `tool_calls`.
 */
function chatMessages(p: CreateMessageParams): ChatMessage[] {
  const out: ChatMessage[] = p.systemPrompt ? [{ role: 'system', content: p.systemPrompt }] : [];
  for (const m of p.messages) {
    const all = blocks(m.content);
    if (m.role === 'assistant') {
      const calls = all
        .filter((b) => b?.type === 'tool_use')
        .map((b) => ({
          id: b.id,
          type: 'function',
          function: { name: b.name, arguments: JSON.stringify(b.input ?? {}) },
        }));
      const text = all
        .filter((b) => b?.type !== 'tool_use')
        .map((b) => {
          if (b?.type !== 'text')
            throw fail(`Chat completions cannot take a "${b?.type}" block in an assistant message`);
          return b.text ?? '';
        });
      out.push({
        role: 'assistant',
        content: text.length ? text.join('') : null,
        ...(calls.length ? { tool_calls: calls } : {}),
      });
      continue;
    }
    // Tool results answer the assistant's tool_calls, so they come first, right after it.
    for (const b of all)
      if (b?.type === 'tool_result') out.push({ role: 'tool', tool_call_id: b.toolUseId, content: resultText(b) });
    const rest = all.filter((b) => b?.type !== 'tool_result');
    if (rest.length)
      out.push({
        role: 'user',
        content: rest.length === 1 && rest[0]?.type === 'text' ? (rest[0].text ?? '') : rest.map(part),
      });
  }
  return out;
}

/** The model for this request: the first hint that is part of a name in `models`, else `model`. */
export function chooseModel(o: Pick<OpenAiSamplingOptions, 'model' | 'models'>, p: CreateMessageParams): string {
  for (const { name } of p.modelPreferences?.hints ?? []) {
    const found = name && o.models?.find((m) => m.toLowerCase().includes(name.toLowerCase()));
    if (found) return found;
  }
  return o.model;
}

/** The chat completions request body for one sampling request. */
export function chatRequest(o: OpenAiSamplingOptions, p: CreateMessageParams): Record<string, unknown> {
  return {
    model: chooseModel(o, p),
    messages: chatMessages(p),
    [o.maxTokensField ?? 'max_tokens']: p.maxTokens,
    ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
    ...(p.stopSequences?.length ? { stop: p.stopSequences } : {}),
    ...(p.tools?.length
      ? {
          tools: p.tools.map((t) => ({
            type: 'function',
            function: {
              name: t.name,
              ...(t.description ? { description: t.description } : {}),
              parameters: t.inputSchema,
            },
          })),
        }
      : {}),
    ...(p.toolChoice?.mode ? { tool_choice: p.toolChoice.mode } : {}),
    ...(o.stream === false ? {} : { stream: true }),
  };
}

/**
 * `finish_reason` as an MCP `stopReason`; `stop` after one of the stop sequences (a server that names it, as vLLM does)
 * is `stopSequence`.
 */
function stopReason(finish: string | null | undefined, matched: unknown, p: CreateMessageParams): string | undefined {
  if (finish === 'stop')
    return typeof matched === 'string' && p.stopSequences?.includes(matched) ? 'stopSequence' : 'endTurn';
  return (
    ({ length: 'maxTokens', tool_calls: 'toolUse', function_call: 'toolUse' } as Record<string, string>)[
      finish ?? ''
    ] ??
    finish ??
    undefined
  );
}

/** The reply as an MCP result: the text, then a `tool_use` block per tool call. */
function result(model: string, text: string, calls: ToolCall[], reason?: string): CreateMessageResult {
  const uses = calls.map((c) => {
    let input: unknown;
    try {
      input = JSON.parse(c.function?.arguments || '{}');
    } catch {
      throw fail(
        `The model called ${c.function?.name} with arguments that are not JSON: ${String(c.function?.arguments).slice(0, 200)}`,
      );
    }
    return { type: 'tool_use', id: c.id, name: c.function?.name, input };
  });
  const content = uses.length ? [...(text ? [{ type: 'text', text }] : []), ...uses] : { type: 'text', text };
  return { role: 'assistant', model, content, ...(reason ? { stopReason: reason } : {}) };
}

/** The provider's own words for a failed request (`{"error":{"message"}}`), else the start of its body. */
async function providerError(response: Response): Promise<Error> {
  const body = await response.text().catch(() => '');
  let said = body.slice(0, 300);
  try {
    const e = JSON.parse(body).error;
    said = typeof e === 'string' ? e : (e?.message ?? said);
  } catch {
    // Not JSON: the start of the body says what went wrong.
  }
  return fail(
    `The model provider answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${said ? `: ${said}` : ''}.`,
  );
}

/** Reads a streamed reply, reporting the text so far; returns the finished result. */
async function streamed(
  response: Response,
  model: string,
  p: CreateMessageParams,
  context: SamplingContext,
): Promise<CreateMessageResult> {
  let text = '';
  let finish: string | undefined;
  let matched: unknown;
  const calls: ToolCall[] = [];
  let error: unknown;
  let done = false;
  await readSse(
    response.body!,
    {
      onEvent({ data }) {
        if (data.trim() === '[DONE]') return (done = true);
        let chunk;
        try {
          chunk = JSON.parse(data);
        } catch {
          return !!(error = fail(`The model provider sent a stream event that is not JSON: ${data.slice(0, 200)}`));
        }
        if (chunk.error)
          return !!(error = fail(
            `The model provider failed while answering: ${chunk.error.message ?? JSON.stringify(chunk.error)}`,
          ));
        model = chunk.model || model;
        const choice = chunk.choices?.[0];
        if (!choice) return;
        const delta = choice.delta ?? {};
        for (const d of delta.tool_calls ?? []) {
          const call = (calls[d.index ?? calls.length] ??= { function: { name: '', arguments: '' } });
          if (d.id) call.id = d.id;
          if (d.function?.name) call.function!.name += d.function.name;
          if (d.function?.arguments) call.function!.arguments += d.function.arguments;
        }
        if (delta.content) {
          text += delta.content;
          context.onPartial?.({ role: 'assistant', model, content: { type: 'text', text } });
        }
        finish = choice.finish_reason ?? finish;
        matched = choice.stop_reason ?? matched;
      },
    },
    context.signal,
  );
  context.signal.throwIfAborted();
  if (error) throw error;
  // Neither [DONE] nor a finish_reason: the connection was cut, and the reply may be incomplete.
  if (!done && !finish) throw fail("The model provider's stream ended before the reply was complete");
  return result(model, text, calls.filter(Boolean), stopReason(finish, matched, p));
}

/** A `samplingHandler` that asks an OpenAI-compatible chat completions endpoint. */
export function openaiSampling(options: OpenAiSamplingOptions): SamplingHandler {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return async (params, context) => {
    const body = chatRequest(options, params);
    const extra = typeof options.headers === 'function' ? await options.headers() : options.headers;
    const key = await options.apiKey?.();
    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: body.stream ? 'text/event-stream' : 'application/json',
          ...extra,
          ...(key ? { authorization: `Bearer ${key}` } : {}),
        },
        body: JSON.stringify(body),
        signal: context.signal,
      });
    } catch (e) {
      context.signal.throwIfAborted();
      throw fail(
        `The model provider at ${new URL(url, globalThis.location?.href).origin} could not be reached (offline, or it does not allow this page by CORS): ${(e as Error).message}`,
      );
    }
    if (!response.ok) throw await providerError(response);
    if (body.stream && response.headers.get('content-type')?.includes('text/event-stream'))
      return streamed(response, body.model as string, params, context);
    const reply = await response.json().catch(() => {
      throw fail('The model provider answered with something that is not JSON');
    });
    const choice = reply.choices?.[0];
    if (!choice?.message)
      throw fail(`The model provider's answer has no message: ${JSON.stringify(reply).slice(0, 200)}`);
    return result(
      reply.model || (body.model as string),
      choice.message.content ?? '',
      choice.message.tool_calls ?? [],
      stopReason(choice.finish_reason, choice.stop_reason, params),
    );
  };
}
