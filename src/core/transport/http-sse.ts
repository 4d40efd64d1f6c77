// The deprecated 2024-11-05 HTTP+SSE transport: one long GET stream whose first event names
// the endpoint for POSTs; every answer arrives on that stream (checklist HS-01 … HS-05).
import { McpFormatError, McpHttpError } from '../jsonrpc/errors.js';
import { decodeMessages, type JsonRpcMessage } from '../jsonrpc/messages.js';
import { httpStatusError, isEventStream, readErrorBody, sendHttp } from './http.js';
import { readSse } from './sse.js';
import type { SendOptions, Transport, TransportOptions } from './types.js';

/** How long the server may take to name its POST endpoint. */
const ENDPOINT_TIMEOUT_MS = 10_000;

/** A connection to a 2024-11-05 HTTP+SSE server. */
export class HttpSseTransport implements Transport {
  /** Where messages are POSTed, from the server's `endpoint` event. */
  endpoint?: string;
  private stream = new AbortController();

  constructor(
    readonly url: string,
    private readonly options: TransportOptions,
  ) {}

  /** Opens the SSE stream and waits for the endpoint event. */
  async start(signal?: AbortSignal): Promise<void> {
    const res = await sendHttp(this.options.fetch, this.url, {
      method: 'GET',
      headers: { ...this.options.headers?.(), accept: 'text/event-stream' },
      signal: signal ? AbortSignal.any([signal, this.stream.signal]) : this.stream.signal,
    });
    if (!res.ok) throw await httpStatusError(res, await readErrorBody(res));
    if (!isEventStream(res)) {
      await res.body?.cancel();
      throw new McpHttpError(
        `${this.url} did not answer with an event stream, so it is not an HTTP+SSE MCP endpoint`,
        'status',
        res.status,
        '',
        this.url,
      );
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new McpHttpError('The SSE server never sent its endpoint event', 'network', 0, '', this.url)),
        ENDPOINT_TIMEOUT_MS,
      );
      const settle = (error?: Error) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      readSse(res.body!, { onEvent: (e) => this.onEvent(e.event, e.data, settle) }, this.stream.signal).then(
        () => this.ended(new McpHttpError('The server closed the SSE stream', 'network', 0, '', this.url), settle),
        (err) => this.ended(err, settle),
      );
    });
  }

  async send(message: JsonRpcMessage, { signal, headers }: SendOptions = {}): Promise<void> {
    if (!this.endpoint) throw new McpHttpError('The SSE connection is not open', 'network', 0, '', this.url);
    const res = await sendHttp(this.options.fetch, this.endpoint, {
      method: 'POST',
      headers: { ...this.options.headers?.(), ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal,
    });
    if (!res.ok) throw await httpStatusError(res, await readErrorBody(res));
    await res.body?.cancel();
  }

  async close(): Promise<void> {
    this.stream.abort();
  }

  private onEvent(type: string | undefined, data: string, settle: (e?: Error) => void): void {
    if (type === 'endpoint') {
      if (this.endpoint) return;
      const endpoint = new URL(data.trim(), this.url);
      if (endpoint.origin !== new URL(this.url).origin)
        return settle(
          new McpFormatError(
            `The SSE server named an endpoint on another origin (${endpoint.origin}); refusing to send messages there`,
          ),
        );
      this.endpoint = endpoint.href;
      return settle();
    }
    if ((type ?? 'message') !== 'message' || !data.trim()) return;
    try {
      for (const m of decodeMessages(data)) this.options.onMessage(m);
    } catch (err) {
      this.options.onError?.(err as Error);
    }
  }

  private ended(error: Error, settle: (e?: Error) => void): void {
    settle(error); // no-op once the endpoint arrived
    if (!this.stream.signal.aborted)
      this.options.onClose?.(
        error instanceof TypeError ? new McpHttpError('The SSE connection dropped', 'network', 0, '', this.url) : error,
      );
  }
}
