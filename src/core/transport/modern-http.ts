// Modern Streamable HTTP (2026-07-28): every request is a self-contained POST with routing
// headers; answers come as JSON or a request-scoped SSE stream. No sessions, no GET, no resume:
// cancelling means aborting the fetch (checklist HM-01 … HM-19).
import { McpAbortError, McpProtocolError, McpStreamLostError } from '../jsonrpc/errors.js';
import { decodeMessages, isRequest, isResponse, type JsonRpcMessage } from '../jsonrpc/messages.js';
import { routingHeaders } from '../protocol/headers.js';
import { MODERN_VERSION } from '../protocol/versions.js';
import { deliverJsonAnswer, httpStatusError, isEventStream, readErrorBody, sendHttp } from './http.js';
import { readSse } from './sse.js';
import type { SendOptions, Transport, TransportOptions } from './types.js';

/** A connection to a modern MCP endpoint (stateless: one POST per request). */
export class ModernHttpTransport implements Transport {
  /** The version sent in MCP-Protocol-Version; must equal the one in _meta. */
  protocolVersion = MODERN_VERSION;

  constructor(
    readonly url: string,
    private readonly options: TransportOptions,
  ) {}

  async send(message: JsonRpcMessage, { signal, headers }: SendOptions = {}): Promise<void> {
    const method = 'method' in message ? message.method : '';
    const res = await sendHttp(this.options.fetch, this.url, {
      method: 'POST',
      headers: {
        ...this.options.headers?.(),
        ...routingHeaders(method, 'params' in message ? message.params : undefined),
        ...headers,
        'mcp-protocol-version': this.protocolVersion,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify(message),
      signal,
    });
    if (!res.ok) {
      const body = await readErrorBody(res);
      if (body.rpcError && res.status < 500 && res.status !== 401 && res.status !== 403) {
        throw new McpProtocolError(body.rpcError.code, body.rpcError.message, body.rpcError.data);
      }
      throw await httpStatusError(res, body);
    }
    if (!isRequest(message) || res.status === 202) {
      await res.body?.cancel();
      return;
    }
    if (!isEventStream(res)) {
      return deliverJsonAnswer(res, message, this.options.onMessage);
    }
    let answered = false;
    try {
      await readSse(
        res.body!,
        {
          onEvent: (e) => {
            if (!e.data.trim()) return false;
            for (const m of decodeMessages(e.data)) {
              if (isResponse(m) && m.id === message.id) answered = true;
              this.options.onMessage(m);
            }
            return answered;
          },
        },
        signal,
      );
    } catch (err) {
      if (signal?.aborted) throw new McpAbortError();
      if (!(err instanceof TypeError)) throw err;
    }
    if (signal?.aborted) throw new McpAbortError();
    if (!answered)
      throw new McpStreamLostError(
        'The server closed the response stream before answering',
        'network',
        0,
        '',
        this.url,
      );
  }

  async close(): Promise<void> {}
}
