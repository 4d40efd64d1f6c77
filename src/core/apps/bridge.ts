// The host side of an MCP App's JSON-RPC over postMessage, on our own message checks and pending
// table: it answers the view's requests through the host's handler, holds every message to the view
// until the view says `ui/notifications/initialized`, and keeps a misbehaving view from flooding the page.
import { McpAbortError, type McpProtocolError } from '../jsonrpc/errors.js';
import {
  isNotification,
  isRequest,
  isResponse,
  toMessage,
  type JsonRpcMessage,
  type Params,
} from '../jsonrpc/messages.js';
import { PendingTable } from '../jsonrpc/pending.js';

/** What the bridge needs from the element that shows the view. */
export interface BridgeHost {
  /** Delivers one message to the view. */
  post(message: JsonRpcMessage): void;
  /** Answers one request of the view; throws McpProtocolError to refuse. */
  request(method: string, params: Params): Promise<Params>;
  /** Takes one notification of the view. */
  notification(method: string, params: Params): void;
  /** A readable note for the log: what the view did wrong. */
  note(text: string): void;
}

/** Messages per second a view may send; the rest of that second is dropped (a flood costs one check each). */
const PER_SECOND = 200;
/** Requests of the view waiting for an answer at once. */
const IN_FLIGHT = 16;

/** One view's end of the conversation. */
export class AppBridge {
  /** True once the view sent `ui/notifications/initialized`. */
  initialized = false;
  private readonly pending = new PendingTable();
  private held: JsonRpcMessage[] = [];
  private windowStart = 0;
  private count = 0;
  private inFlight = 0;
  private noted = new Set<string>();

  constructor(private readonly host: BridgeHost) {}

  /** Takes whatever the view posted. */
  receive(data: unknown): void {
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 0;
      this.noted.clear();
    }
    if (++this.count > PER_SECOND)
      return this.once(
        'flood',
        `The view sent more than ${PER_SECOND} messages in a second; the rest of that second is dropped.`,
      );
    let m: JsonRpcMessage;
    try {
      m = toMessage(data);
    } catch (e) {
      return this.once('format', `The view sent a malformed message (${(e as Error).message}); it was ignored.`);
    }
    if (isResponse(m)) return void this.pending.settle(m);
    const params = m.params ?? {};
    if (isRequest(m)) return void this.answer(m.id, m.method, params);
    if (!isNotification(m)) return;
    if (m.method === 'ui/notifications/initialized' && !this.initialized) {
      this.initialized = true;
      const held = this.held;
      this.held = [];
      for (const h of held) this.host.post(h);
    }
    this.host.notification(m.method, params);
  }

  /** Sends a notification, held until the view is initialized. */
  notify(method: string, params: Params = {}): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Sends a request and waits at most `timeout` ms for the answer. */
  request(method: string, params: Params = {}, timeout = 10_000): Promise<Params> {
    const id = this.pending.allocateId();
    const answer = this.pending.add(id, method, { timeout }, () => {});
    this.send({ jsonrpc: '2.0', id, method, params });
    return answer;
  }

  /** Fails whatever waits for the view (it is going away). */
  close(): void {
    this.pending.rejectAll(new McpAbortError('The view was closed'));
    this.held = [];
  }

  private send(m: JsonRpcMessage): void {
    if (this.initialized) this.host.post(m);
    else if (this.held.length < 100) this.held.push(m);
  }

  private once(kind: string, text: string): void {
    if (this.noted.has(kind)) return;
    this.noted.add(kind);
    this.host.note(text);
  }

  private async answer(id: string | number, method: string, params: Params): Promise<void> {
    let reply: JsonRpcMessage;
    if (this.inFlight >= IN_FLIGHT) {
      this.once('busy', `The view sent more than ${IN_FLIGHT} requests at once; the extra ones were refused.`);
      return this.host.post({ jsonrpc: '2.0', id, error: { code: -32000, message: 'Too many requests at once' } });
    }
    this.inFlight++;
    try {
      reply = { jsonrpc: '2.0', id, result: await this.host.request(method, params) };
    } catch (error) {
      const e = (error as Error)?.name === 'McpProtocolError' ? (error as McpProtocolError) : undefined;
      reply = {
        jsonrpc: '2.0',
        id,
        error: {
          code: e?.code ?? -32603,
          message: (error as Error)?.message ?? String(error),
          ...(e?.data === undefined ? {} : { data: e.data }),
        },
      };
    } finally {
      this.inFlight--;
    }
    this.host.post(reply);
  }
}
