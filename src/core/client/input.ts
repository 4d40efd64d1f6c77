// What the client tells servers it can answer (sampling, elicitation, roots) and the handlers'
// types. The answering itself, for a legacy server request or a modern `inputRequests` entry
// alike, and the MRTR rounds are in input.late.ts, loaded when a server first asks.
import { McpProtocolError } from '../jsonrpc/errors.js';
import type { Params } from '../jsonrpc/messages.js';
import { ERROR, SKILLS_EXTENSION } from '../protocol/versions.js';
import { VERSION } from '../version.js';
import { APP_MIME, UI_EXTENSION } from '../apps/view.js';
import type {
  CreateMessageParams,
  CreateMessageResult,
  ElicitParams,
  ElicitResult,
  Implementation,
  ListRootsResult,
} from '../protocol/types.js';
import type * as Answer from './input.late.js';

/** What a handler learns besides the params: which server asks, and a signal aborted if the server cancels. */
export interface HandlerContext {
  server?: Implementation;
  signal: AbortSignal;
}
/**
 * What a sampling handler may also get from `<mcp-sampling-dialog>`: where to show a reply as it streams, and a model
 * download's progress.
 */
export interface SamplingContext extends HandlerContext {
  /** Called as the reply streams in, with the reply so far (the dialog shows it; the person may stop it there). */
  onPartial?(partial: CreateMessageResult): void;
  /** A model download's progress, from 0 to 1 (the browser's built-in model before its first use). */
  onProgress?(fraction: number): void;
}
export type SamplingHandler = (params: CreateMessageParams, context: SamplingContext) => Promise<CreateMessageResult>;
export type ElicitationHandler = (params: ElicitParams, context: HandlerContext) => Promise<ElicitResult>;
export type RootsHandler = (params: Params, context: HandlerContext) => Promise<ListRootsResult>;

export interface InputHandlers {
  onSampling?: SamplingHandler;
  onElicitation?: ElicitationHandler;
  onRoots?: RootsHandler;
  /** Declare `sampling.tools`: the sampling handler can take `tools` and `toolChoice`. */
  samplingTools?: boolean;
  /**
   * Declare the MCP Apps extension (`io.modelcontextprotocol/ui`): the host renders tools' views, as the elements do.
   */
  apps?: boolean;
  /** Declare the Skills extension (`io.modelcontextprotocol/skills`, SEP-2640): the host loads servers' skills. */
  skills?: boolean;
}

/** Who we say we are when the host did not say: `initialize` (legacy) and every `_meta` (modern). */
export const clientInfoOf = (o: { clientInfo?: Implementation }): Implementation =>
  o.clientInfo ?? { name: 'mcp-web-components', version: VERSION };

/** The error a sampling handler throws when the person rejects the request (legacy code -1). */
export const samplingRejected = (message = 'User rejected sampling request') =>
  new McpProtocolError(ERROR.userRejected, message);

/** Client capabilities implied by the handlers present (an absent handler means not declared). */
export function capabilitiesFor(h: InputHandlers): Record<string, object> {
  const caps: Record<string, object> = {};
  if (h.onSampling) caps.sampling = h.samplingTools ? { tools: {} } : {};
  if (h.onElicitation) caps.elicitation = { form: {}, url: {} };
  if (h.onRoots) caps.roots = {};
  if (h.apps) caps.extensions = { [UI_EXTENSION]: { mimeTypes: [APP_MIME] } };
  if (h.skills) ((caps.extensions ??= {}) as Record<string, object>)[SKILLS_EXTENSION] = {};
  return caps;
}

/** Answers one server ask through the handlers (input.late.ts, loaded on the first ask: most pages never get one). */
export const answerInput = async (...args: Parameters<typeof Answer.answerInput>): Promise<Params> =>
  (await import('./input.late.js')).answerInput(...args);

/**
 * Runs a request that may come back `input_required` (MRTR, checklist §2.9); the rounds that answer
 * its input requests and send it again are in input.late.ts, loaded when a server first asks.
 */
export async function withInput(
  send: (params: Params) => Promise<Params>,
  method: string,
  params: Params,
  h: InputHandlers,
  context: HandlerContext,
): Promise<Params> {
  const result = await send(params);
  const type = result.resultType ?? 'complete';
  // A task (2026-07-28 extension) is followed by the caller, tasks.ts.
  return type === 'complete' || (type === 'task' && method === 'tools/call')
    ? result
    : (await import('./input.late.js')).inputRounds(send, method, params, h, context, result);
}
