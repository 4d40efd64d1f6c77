// One place that answers what a server asks of the client (sampling, elicitation, roots, ping),
// whether it arrives as a legacy server request or inside a modern MRTR `inputRequests` entry,
// and the MRTR loop that sends a request again with the answers.
import { McpError, McpFormatError, McpProtocolError } from '../jsonrpc/errors.js';
import type { Params } from '../jsonrpc/messages.js';
import { ERROR } from '../protocol/versions.js';
import { APP_MIME, UI_EXTENSION } from '../apps/view.js';
import type { CreateMessageParams, CreateMessageResult, ElicitParams, ElicitResult, Implementation, ListRootsResult } from '../protocol/types.js';

/** What a handler learns besides the params: which server asks, and a signal aborted if the server cancels. */
export interface HandlerContext {
  server?: Implementation;
  signal: AbortSignal;
}
export type SamplingHandler = (params: CreateMessageParams, context: HandlerContext) => Promise<CreateMessageResult>;
export type ElicitationHandler = (params: ElicitParams, context: HandlerContext) => Promise<ElicitResult>;
export type RootsHandler = (params: Params, context: HandlerContext) => Promise<ListRootsResult>;

export interface InputHandlers {
  onSampling?: SamplingHandler;
  onElicitation?: ElicitationHandler;
  onRoots?: RootsHandler;
  /** Declare `sampling.tools`: the sampling handler can take `tools` and `toolChoice`. */
  samplingTools?: boolean;
  /** Declare the MCP Apps extension (`io.modelcontextprotocol/ui`): the host renders tools' views, as the elements do. */
  apps?: boolean;
}

/** Who we say we are when the host did not say: `initialize` (legacy) and every `_meta` (modern). */
export const clientInfoOf = (o: { clientInfo?: Implementation }): Implementation => o.clientInfo ?? { name: 'mcp-web-components', version: '0.1.0' };

/** The error a sampling handler throws when the person rejects the request (legacy code -1). */
export const samplingRejected = (message = 'User rejected sampling request') => new McpProtocolError(ERROR.userRejected, message);

/** Client capabilities implied by the handlers present (an absent handler means not declared). */
export function capabilitiesFor(h: InputHandlers): Record<string, object> {
  const caps: Record<string, object> = {};
  if (h.onSampling) caps.sampling = h.samplingTools ? { tools: {} } : {};
  if (h.onElicitation) caps.elicitation = { form: {}, url: {} };
  if (h.onRoots) caps.roots = {};
  if (h.apps) caps.extensions = { [UI_EXTENSION]: { mimeTypes: [APP_MIME] } };
  return caps;
}

/** Runs the handler for one server ask and returns its result object; throws McpProtocolError to refuse. */
export async function answerInput(h: InputHandlers, method: string, params: Params = {}, context: HandlerContext): Promise<Params> {
  switch (method) {
    case 'ping':
      return {};
    case 'sampling/createMessage': {
      if (!h.onSampling) throw new McpProtocolError(ERROR.methodNotFound, 'Sampling is not supported by this client');
      const p = params as unknown as CreateMessageParams;
      if ((p.tools || p.toolChoice) && !h.samplingTools) throw new McpProtocolError(ERROR.invalidParams, 'Sampling with tools needs the sampling.tools capability, which this client did not declare');
      checkToolLoop(p);
      return (await h.onSampling(p, context)) as unknown as Params;
    }
    case 'elicitation/create':
      if (!h.onElicitation) throw new McpProtocolError(ERROR.methodNotFound, 'Elicitation is not supported by this client');
      return (await h.onElicitation({ ...(params as unknown as ElicitParams), mode: (params.mode as 'form' | 'url') ?? 'form' }, context)) as unknown as Params;
    case 'roots/list':
      if (!h.onRoots) throw new McpProtocolError(ERROR.methodNotFound, 'Roots not supported');
      return (await h.onRoots(params, context)) as unknown as Params;
    default:
      throw new McpProtocolError(ERROR.methodNotFound, `Method not found: ${method}`);
  }
}

const MAX_INPUT_ROUNDS = 10;
/** The methods whose results may be `input_required`. */
const INPUT_METHODS = ['tools/call', 'resources/read', 'prompts/get'];

/**
 * Runs a request that may come back `input_required` (MRTR, checklist §2.9): answers its input
 * requests through the same handlers as a legacy server request, then sends it again.
 */
export async function withInput(send: (params: Params) => Promise<Params>, method: string, params: Params, h: InputHandlers, context: HandlerContext): Promise<Params> {
  let extra: Params = {};
  for (let round = 0; ; round++) {
    const result = await send({ ...params, ...extra });
    const type = result.resultType ?? 'complete';
    // A task (2026-07-28 extension) is followed by the caller, tasks.ts.
    if (type === 'complete' || (type === 'task' && method === 'tools/call')) return result;
    if (type !== 'input_required' || !INPUT_METHODS.includes(method)) throw new McpFormatError(`The server answered ${method} with an unknown resultType ${JSON.stringify(type)}`);
    if (round >= MAX_INPUT_ROUNDS) throw new McpError(`The server asked for input more than ${MAX_INPUT_ROUNDS} times; giving up on ${method}`);
    const inputResponses: Params = {};
    const requests = (result.inputRequests ?? {}) as Record<string, { method: string; params?: Params }>;
    for (const [key, ask] of Object.entries(requests)) inputResponses[key] = await answerInput(h, ask.method, ask.params, context);
    extra = { ...(Object.keys(requests).length ? { inputResponses } : {}), ...('requestState' in result ? { requestState: result.requestState } : {}) };
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
    if (results.length && results.length !== content.length) throw new McpProtocolError(ERROR.invalidParams, 'A message with tool_result blocks must contain only tool_result blocks');
    if (m.role === 'user') {
      for (const r of results) open.delete(r.toolUseId!);
      if (open.size) throw new McpProtocolError(ERROR.invalidParams, `Missing tool_result for ${[...open].join(', ')}`);
    }
    if (m.role === 'assistant') open = new Set(content.filter((b) => b?.type === 'tool_use').map((b) => b.id!));
  }
}
