// The public events. Each bubbles and crosses shadow roots; "request" events are cancelable so
// a host can veto with preventDefault(). Events of one element's own choices carry their data in
// `detail` (CustomEvent), the others in named fields.
import type { Era } from '../core/client/client.js';
import type {
  CallToolResult,
  CreateMessageParams,
  ElicitParams,
  GetPromptResult,
  Implementation,
  Prompt,
  ResourceContents,
  Tool,
} from '../core/protocol/types.js';
import type { JsonRpcNotification } from '../core/jsonrpc/messages.js';

const init = (cancelable = false): EventInit => ({ bubbles: true, composed: true, cancelable });
const withDetail = <T>(detail: T): CustomEventInit<T> => ({ detail, bubbles: true, composed: true });

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
  /** The arguments the call will send. */
  readonly arguments: Record<string, unknown>;
  constructor(
    readonly tool: string,
    args: Record<string, unknown>,
  ) {
    super('mcp-tool-call', init(true));
    this.arguments = args;
  }
}

/** A tool call finished, with its result or its error. */
export class McpToolResultEvent extends Event {
  /** The arguments the call sent. */
  readonly arguments: Record<string, unknown>;
  constructor(
    readonly tool: string,
    args: Record<string, unknown>,
    readonly result?: CallToolResult,
    readonly error?: Error,
  ) {
    super('mcp-tool-result', init());
    this.arguments = args;
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

/** A tool was chosen in <mcp-tool-list>; `detail` is the Tool. */
export class McpToolSelectEvent extends CustomEvent<Tool> {
  constructor(tool: Tool) {
    super('mcp-tool-select', withDetail(tool));
  }
}

/** A prompt was chosen in <mcp-prompt-list>; `detail` is the Prompt. */
export class McpPromptSelectEvent extends CustomEvent<Prompt> {
  constructor(prompt: Prompt) {
    super('mcp-prompt-select', withDetail(prompt));
  }
}

/** Detail of `mcp-prompt-get`. */
export interface PromptGetDetail {
  name: string;
  arguments: Record<string, string>;
  result: GetPromptResult;
}

/** The server returned a prompt's messages to <mcp-prompt-list>. */
export class McpPromptGetEvent extends CustomEvent<PromptGetDetail> {
  constructor(detail: PromptGetDetail) {
    super('mcp-prompt-get', withDetail(detail));
  }
}

/** Detail of `mcp-resource-read`. */
export interface ResourceReadDetail {
  uri: string;
  contents: ResourceContents[];
}

/** <mcp-result-view> read a resource (its `uri`, or a resource link) through the client. */
export class McpResourceReadEvent extends CustomEvent<ResourceReadDetail> {
  constructor(detail: ResourceReadDetail) {
    super('mcp-resource-read', withDetail(detail));
  }
}

/** A field of <mcp-schema-form> was edited; `detail` is the current value (the arguments object). */
export class McpFormInputEvent extends CustomEvent<Record<string, unknown>> {
  constructor(value: Record<string, unknown>) {
    super('mcp-form-input', withDetail(value));
  }
}

/** A saved server was chosen in <mcp-server-list>; bind `url` to an `<mcp-client>`. */
export class McpServerSelectEvent extends Event {
  constructor(
    readonly url: string,
    readonly name: string,
  ) {
    super('mcp-server-select', init());
  }
}

/** All data kept for a server was forgotten (<mcp-server-list>). */
export class McpServerForgetEvent extends Event {
  constructor(readonly url: string) {
    super('mcp-server-forget', init());
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
    'mcp-tool-select': McpToolSelectEvent;
    'mcp-prompt-select': McpPromptSelectEvent;
    'mcp-prompt-get': McpPromptGetEvent;
    'mcp-resource-read': McpResourceReadEvent;
    'mcp-form-input': McpFormInputEvent;
    'mcp-server-select': McpServerSelectEvent;
    'mcp-server-forget': McpServerForgetEvent;
  }
}
