// Legacy Streamable HTTP (protocol 2025-03-26 … 2025-11-25): POST per message, JSON or SSE
// answers, the Mcp-Session-Id session, the optional GET stream, and resumption with
// Last-Event-ID that honours the server's retry hint (checklist HL-01 … HL-16).
import { McpAbortError, McpSessionExpiredError } from '../jsonrpc/errors.js';
import { decodeMessages, isRequest, isResponse, type JsonRpcMessage, type RequestId } from '../jsonrpc/messages.js';
import { deliverJsonAnswer, httpStatusError, isEventStream, readErrorBody, sendHttp } from './http.js';
import { readSse, type SseEvent } from './sse.js';
import { RecentIds, type SendOptions, type Transport, type TransportOptions } from './types.js';

/** Wait before reconnecting when the server gave no retry hint. */
export const DEFAULT_RETRY_MS = 1000;
/**
 * A server's `retry:` is kept within these bounds: `retry: 0` on a stream that closes at once cannot make the client
 * spin.
 */
export const retryWithin = (ms: number) => Math.min(Math.max(ms, 250), 60_000);

/** What reading a request's response stream has learnt so far; streamable-http.late.ts goes on from it. */
export interface StreamState {
  lastEventId?: string;
  retryMs: number;
  answered: boolean;
  formatError?: Error;
  /** Events in the last stream read. */
  events: number;
}

/**
 * An event id that can go back as a Last-Event-ID header: printable ASCII, not too long (anything else would fail every
 * resume).
 */
export const headerSafe = (id: string) => id.length <= 1024 && /^[\x20-\x7e]+$/.test(id);

/** One client's connection to a legacy Streamable HTTP endpoint. */
export class StreamableHttpTransport implements Transport {
  /** The session the server assigned at initialize, if any. */
  sessionId?: string;
  /** The negotiated version, sent as MCP-Protocol-Version once known. */
  protocolVersion?: string;
  /** Last event id seen on the standalone GET stream, to resume it. */
  getStreamEventId?: string;
  /** Hears each message of the standalone GET stream with its event id (the client shares them with other tabs). */
  onStandaloneMessage?: (message: JsonRpcMessage, eventId?: string) => void;
  private seen = new RecentIds();
  private standalone?: AbortController;
  private closed = false;

  constructor(
    readonly url: string,
    /** @internal */ readonly options: TransportOptions,
  ) {}

  async send(message: JsonRpcMessage, { signal, headers }: SendOptions = {}): Promise<void> {
    const isInit = isRequest(message) && message.method === 'initialize';
    const res = await sendHttp(this.options.fetch, this.url, {
      method: 'POST',
      headers: {
        ...this.headers(isInit),
        ...headers,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify(message),
      signal,
    });
    if (isInit) this.sessionId = res.headers.get('mcp-session-id') ?? undefined;
    if (!res.ok) {
      if (res.status === 404 && this.sessionId && !isInit) throw new McpSessionExpiredError();
      throw await httpStatusError(res, await readErrorBody(res));
    }
    if (!isRequest(message) || res.status === 202) {
      await res.body?.cancel();
      return;
    }
    if (isEventStream(res)) return this.readRequestStream(res.body!, message.id, signal);
    await deliverJsonAnswer(res, message, this.options.onMessage);
  }

  /**
   * Opens the standalone GET stream and keeps it open (reconnecting) until close(); a 405 means the
   * server offers none. Resolves once the first attempt has its answer, so notifications sent right
   * after initialization are not missed and later streams are not mistaken for it.
   */
  openStandaloneStream(): Promise<void> {
    if (this.standalone || this.closed) return Promise.resolve();
    const { signal } = (this.standalone = new AbortController());
    // Its loop is in streamable-http.late.ts: the first requests of a connection do not wait for the stream.
    return new Promise(
      (answered) =>
        void import('./streamable-http.late.js').then(
          (m) => m.runStandaloneStream(this, signal, answered),
          (e) => (answered(), this.options.onError?.(e)),
        ),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    this.standalone?.abort();
    if (!this.sessionId) return;
    const sessionId = this.sessionId;
    this.sessionId = undefined;
    try {
      const res = await this.options.fetch(this.url, {
        method: 'DELETE',
        headers: { ...this.headers(false), 'mcp-session-id': sessionId },
        keepalive: true,
        redirect: 'error',
      });
      await res.body?.cancel();
    } catch {
      /* the server may already be gone; closing must not fail */
    }
  }

  private headers(isInit: boolean): Record<string, string> {
    const h: Record<string, string> = { ...this.options.headers?.() };
    if (!isInit && this.sessionId) h['mcp-session-id'] = this.sessionId;
    if (!isInit && this.protocolVersion) h['mcp-protocol-version'] = this.protocolVersion;
    return h;
  }

  /** @internal The GET that opens (or resumes, from `lastEventId`) a stream. */
  get(lastEventId: string | undefined, signal?: AbortSignal): Promise<Response> {
    const h = { ...this.headers(false), accept: 'text/event-stream' };
    if (lastEventId && headerSafe(lastEventId)) Object.assign(h, { 'last-event-id': lastEventId }); // a stored one too
    return sendHttp(this.options.fetch, this.url, { method: 'GET', headers: h, signal });
  }

  /**
   * Reads a POST's SSE stream until the answer to `id` arrives; when the server cuts it early, streamable-http.late.ts
   * (loaded then) resumes it by GET with Last-Event-ID.
   */
  private async readRequestStream(
    body: ReadableStream<Uint8Array>,
    id: RequestId,
    signal?: AbortSignal,
  ): Promise<void> {
    const session = this.sessionId;
    const st: StreamState = { retryMs: DEFAULT_RETRY_MS, answered: false, events: 0 };
    await this.readStream(body, id, st, signal);
    if (st.answered) return;
    if (signal?.aborted) throw new McpAbortError();
    if (st.formatError) throw st.formatError;
    return (await import('./streamable-http.late.js')).resumeRequestStream(this, id, st, session, signal);
  }

  /** @internal Reads one response stream of the request `id` into `st`; a dropped connection only ends it. */
  async readStream(
    body: ReadableStream<Uint8Array>,
    id: RequestId,
    st: StreamState,
    signal?: AbortSignal,
  ): Promise<void> {
    st.events = 0;
    try {
      await readSse(
        body,
        {
          onEvent: (e) => {
            st.events++;
            if (e.id && headerSafe(e.id)) st.lastEventId = e.id;
            try {
              st.answered ||= this.handleEvent(e, id);
            } catch (err) {
              st.formatError = err as Error;
              this.options.onError?.(st.formatError);
            }
            return st.answered;
          },
          onRetry: (ms) => (st.retryMs = retryWithin(ms)),
        },
        signal,
      );
    } catch (err) {
      if (signal?.aborted) throw new McpAbortError();
      // A dropped connection is a TypeError; streamable-http.late.ts resumes.
      if (!(err instanceof TypeError)) throw err;
    }
  }

  /** Delivers one SSE event's messages; returns true if it carried the answer to `waitingFor`. */
  /** @internal */
  handleEvent(e: SseEvent, waitingFor?: RequestId, standalone = false): boolean {
    if (e.id && !this.seen.add(e.id)) return false; // replayed or doubled
    if (!e.data.trim() || (e.event && e.event !== 'message')) return false; // priming event or another event type
    let answered = false;
    for (const m of decodeMessages(e.data)) {
      if (isResponse(m) && m.id === waitingFor) answered = true;
      this.options.onMessage(m);
      if (standalone) this.onStandaloneMessage?.(m, e.id);
    }
    return answered;
  }
}
