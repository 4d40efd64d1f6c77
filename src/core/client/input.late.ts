// Answers what a server asks of the client (sampling, elicitation, roots, ping) through the host's
// handlers, whether it came as a legacy server request or inside a modern MRTR `inputRequests`
// entry, and the MRTR rounds that send a request again with the answers. Loaded on the first ask.
import { McpError, McpFormatError, McpProtocolError } from '../jsonrpc/errors.js';
import type { JsonRpcMessage, JsonRpcRequest, Params } from '../jsonrpc/messages.js';
import type { RpcEngine } from './engine.js';
import type { CreateMessageParams, ElicitParams } from '../protocol/types.js';
import { ERROR } from '../protocol/versions.js';
import type { HandlerContext, InputHandlers } from './input.js';

/** Runs the handler for one server ask and returns its result object; throws McpProtocolError to refuse. */
export async function answerInput(
  h: InputHandlers,
  method: string,
  params: Params = {},
  context: HandlerContext,
): Promise<Params> {
  switch (method) {
    case 'ping':
      return {};
    case 'sampling/createMessage': {
      if (!h.onSampling) throw new McpProtocolError(ERROR.methodNotFound, 'Sampling is not supported by this client');
      const p = params as unknown as CreateMessageParams;
      if ((p.tools || p.toolChoice) && !h.samplingTools)
        throw new McpProtocolError(
          ERROR.invalidParams,
          'Sampling with tools needs the sampling.tools capability, which this client did not declare',
        );
      checkToolLoop(p);
      return (await h.onSampling(p, context)) as unknown as Params;
    }
    case 'elicitation/create':
      if (!h.onElicitation)
        throw new McpProtocolError(ERROR.methodNotFound, 'Elicitation is not supported by this client');
      return (await h.onElicitation(
        { ...(params as unknown as ElicitParams), mode: (params.mode as 'form' | 'url') ?? 'form' },
        context,
      )) as unknown as Params;
    case 'roots/list':
      if (!h.onRoots) throw new McpProtocolError(ERROR.methodNotFound, 'Roots not supported');
      return (await h.onRoots(params, context)) as unknown as Params;
    default:
      throw new McpProtocolError(ERROR.methodNotFound, `Method not found: ${method}`);
  }
}

/** Answers a server request through the host's handlers, unless the server cancels it first. */
export async function answerRequest(engine: RpcEngine, m: JsonRpcRequest, controller: AbortController): Promise<void> {
  let reply: JsonRpcMessage;
  try {
    reply = {
      jsonrpc: '2.0',
      id: m.id,
      result: await answerInput(engine.options, m.method, m.params, {
        server: engine.conn()?.facts?.serverInfo,
        signal: controller.signal,
      }),
    };
  } catch (error) {
    // By name, not instanceof: a handler may throw the class of another copy of this library (the element bundle's).
    // A handler's own failure (a model provider's words on quota or account) stays on the page, as an `error` event
    // the log views show; the server hears a generic error.
    const e =
      (error as Error)?.name === 'McpProtocolError'
        ? (error as McpProtocolError)
        : (engine.emit('error', error), new McpProtocolError(-32603, 'The request failed on the client'));
    reply = {
      jsonrpc: '2.0',
      id: m.id,
      error: { code: e.code, message: e.message, ...(e.data === undefined ? {} : { data: e.data }) },
    };
  } finally {
    engine.serverRequests.delete(m.id);
  }
  if (controller.signal.aborted || !engine.conn()) return; // cancelled: no answer is expected
  await engine.send(reply, {}).catch((e) => engine.emit('error', e));
}

const MAX_INPUT_ROUNDS = 10;
/** The methods whose results may be `input_required`. */
const INPUT_METHODS = ['tools/call', 'resources/read', 'prompts/get'];

/**
 * The rounds of a request whose `result` was not `complete`: answer its input requests, send it again (MRTR, checklist
 * §2.9).
 */
export async function inputRounds(
  send: (params: Params) => Promise<Params>,
  method: string,
  params: Params,
  h: InputHandlers,
  context: HandlerContext,
  result: Params,
): Promise<Params> {
  for (let round = 0; ; round++) {
    const type = result.resultType ?? 'complete';
    if (type === 'complete' || (type === 'task' && method === 'tools/call')) return result;
    if (type !== 'input_required' || !INPUT_METHODS.includes(method))
      throw new McpFormatError(`The server answered ${method} with an unknown resultType ${JSON.stringify(type)}`);
    if (round >= MAX_INPUT_ROUNDS)
      throw new McpError(`The server asked for input more than ${MAX_INPUT_ROUNDS} times; giving up on ${method}`);
    const inputResponses: Params = {};
    const requests = (result.inputRequests ?? {}) as Record<string, { method: string; params?: Params }>;
    for (const [key, ask] of Object.entries(requests))
      inputResponses[key] = await answerInput(h, ask.method, ask.params, context);
    result = await send({
      ...params,
      ...(Object.keys(requests).length ? { inputResponses } : {}),
      ...('requestState' in result ? { requestState: result.requestState } : {}),
    });
  }
}

type Block = { type?: string; id?: string; toolUseId?: string };

/** Enforces the tool-loop rules of sampling (checklist SA-06). */
function checkToolLoop(p: CreateMessageParams): void {
  const blocks = (c: unknown): Block[] => (Array.isArray(c) ? c : [c]) as Block[];
  let open = new Set<string>();
  for (const m of p.messages ?? []) {
    const content = blocks(m.content);
    const results = content.filter((b) => b?.type === 'tool_result');
    if (results.length && results.length !== content.length)
      throw new McpProtocolError(
        ERROR.invalidParams,
        'A message with tool_result blocks must contain only tool_result blocks',
      );
    if (m.role === 'user') {
      for (const r of results) open.delete(r.toolUseId!);
      if (open.size) throw new McpProtocolError(ERROR.invalidParams, `Missing tool_result for ${[...open].join(', ')}`);
    }
    if (m.role === 'assistant') open = new Set(content.filter((b) => b?.type === 'tool_use').map((b) => b.id!));
  }
}
