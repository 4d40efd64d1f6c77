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

/** One view's end of the conversation, as appBridge() makes it. */
export interface AppBridge {
  /** True once the view sent `ui/notifications/initialized`. */
  readonly initialized: boolean;
  /** Takes whatever the view posted. */
  receive(data: unknown): void;
  /** Sends a notification, held until the view is initialized. */
  notify(method: string, params?: Params): void;
  /** Sends a request and waits at most `timeout` ms for the answer. */
  request(method: string, params?: Params, timeout?: number): Promise<Params>;
  /** Fails whatever waits for the view (it is going away). */
  close(): void;
}

/** One view's end of the conversation. */
export function appBridge(host: BridgeHost): AppBridge {
  let initialized = false;
  const pending = new PendingTable();
  let held: JsonRpcMessage[] = [];
  let windowStart = 0;
  let count = 0;
  let inFlight = 0;
  const noted = new Set<string>();

  const send = (m: JsonRpcMessage): void => {
    if (initialized) host.post(m);
    else if (held.length < 100) held.push(m);
  };

  const once = (kind: string, text: string): void => {
    if (noted.has(kind)) return;
    noted.add(kind);
    host.note(text);
  };

  const answer = async (id: string | number, method: string, params: Params): Promise<void> => {
    let reply: JsonRpcMessage;
    if (inFlight >= IN_FLIGHT) {
      once('busy', `The view sent more than ${IN_FLIGHT} requests at once; the extra ones were refused.`);
      return host.post({ jsonrpc: '2.0', id, error: { code: -32000, message: 'Too many requests at once' } });
    }
    inFlight++;
    try {
      reply = { jsonrpc: '2.0', id, result: await host.request(method, params) };
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
      inFlight--;
    }
    host.post(reply);
  };

  return {
    get initialized() {
      return initialized;
    },

    receive(data) {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        count = 0;
        noted.clear();
      }
      if (++count > PER_SECOND)
        return once(
          'flood',
          `The view sent more than ${PER_SECOND} messages in a second; the rest of that second is dropped.`,
        );
      let m: JsonRpcMessage;
      try {
        m = toMessage(data);
      } catch (e) {
        return once('format', `The view sent a malformed message (${(e as Error).message}); it was ignored.`);
      }
      if (isResponse(m)) return void pending.settle(m);
      const params = m.params ?? {};
      if (isRequest(m)) return void answer(m.id, m.method, params);
      if (!isNotification(m)) return;
      if (m.method === 'ui/notifications/initialized' && !initialized) {
        initialized = true;
        const waiting = held;
        held = [];
        for (const h of waiting) host.post(h);
      }
      host.notification(m.method, params);
    },

    notify(method, params = {}) {
      send({ jsonrpc: '2.0', method, params });
    },

    request(method, params = {}, timeout = 10_000) {
      const id = pending.allocateId();
      const reply = pending.add(id, method, { timeout }, () => {});
      send({ jsonrpc: '2.0', id, method, params });
      return reply;
    },

    close() {
      pending.rejectAll(new McpAbortError('The view was closed'));
      held = [];
    },
  };
}
