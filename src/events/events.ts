// The public events. Each bubbles and crosses shadow roots; "request" events are cancelable so
// a host can veto with preventDefault().
import type { Era } from '../core/client/client.js';
import type { CallToolResult, CreateMessageParams, ElicitParams, Implementation } from '../core/protocol/types.js';
import type { JsonRpcNotification } from '../core/jsonrpc/messages.js';

const init = (cancelable = false): EventInit => ({ bubbles: true, composed: true, cancelable });

/** The element's client connected (or reconnected). */
export class McpConnectedEvent extends Event {
  constructor(
    readonly serverInfo: Implementation | undefined,
    readonly era: Era | undefined,
  ) {
    super('mcp-connected', init());
  }
}

/** The element's client disconnected. */
export class McpDisconnectedEvent extends Event {
  constructor() {
    super('mcp-disconnected', init());
  }
}

/** Something failed: connecting, a call, a stream. */
export class McpErrorEvent extends Event {
  constructor(readonly error: Error) {
    super('mcp-error', init());
  }
}

/** A tool is about to be called; preventDefault() vetoes the call. */
export class McpToolCallEvent extends Event {
  constructor(
    readonly tool: string,
    readonly arguments_: Record<string, unknown>,
  ) {
    super('mcp-tool-call', init(true));
  }
  /** The arguments the call will send. */
  get arguments(): Record<string, unknown> {
    return this.arguments_;
  }
}

/** A tool call finished, with its result or its error. */
export class McpToolResultEvent extends Event {
  constructor(
    readonly tool: string,
    readonly arguments_: Record<string, unknown>,
    readonly result?: CallToolResult,
    readonly error?: Error,
  ) {
    super('mcp-tool-result', init());
  }
  get arguments(): Record<string, unknown> {
    return this.arguments_;
  }
}

/** A notification arrived from the server. */
export class McpNotificationEvent extends Event {
  constructor(readonly message: JsonRpcNotification) {
    super('mcp-notification', init());
  }
}

/** A server asks to use the page's LLM; preventDefault() rejects it without a dialog. */
export class McpSamplingRequestEvent extends Event {
  constructor(
    readonly params: CreateMessageParams,
    readonly server: Implementation | undefined,
  ) {
    super('mcp-sampling-request', init(true));
  }
}

/** A server asks the user for information; preventDefault() declines it without a dialog. */
export class McpElicitationRequestEvent extends Event {
  constructor(
    readonly params: ElicitParams,
    readonly server: Implementation | undefined,
  ) {
    super('mcp-elicitation-request', init(true));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mcp-connected': McpConnectedEvent;
    'mcp-disconnected': McpDisconnectedEvent;
    'mcp-error': McpErrorEvent;
    'mcp-tool-call': McpToolCallEvent;
    'mcp-tool-result': McpToolResultEvent;
    'mcp-notification': McpNotificationEvent;
    'mcp-sampling-request': McpSamplingRequestEvent;
    'mcp-elicitation-request': McpElicitationRequestEvent;
  }
}
