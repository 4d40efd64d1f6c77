// The JSON-RPC engine: ids, the pending table, progress that extends timeouts, and the requests a
// server sends us. It knows nothing of eras: the host sends the bytes and adds the era's `_meta`.
import { McpProtocolError } from '../jsonrpc/errors.js';
import { isNotification, isRequest, isResponse, type JsonRpcMessage, type JsonRpcRequest, type Params, type RequestId } from '../jsonrpc/messages.js';
import { PendingTable } from '../jsonrpc/pending.js';
import type { Progress } from '../protocol/types.js';
import type { SendOptions } from '../transport/types.js';

export interface RequestOptions {
  signal?: AbortSignal;
  timeout?: number;
  onProgress?: (progress: Progress) => void;
  /** Extra HTTP headers for this request. */
  headers?: Record<string, string>;
}

/** What the engine needs from the client around it. */
export interface EngineHost {
  /** Delivers a message over the current connection; rejects when it cannot. */
  send(message: JsonRpcMessage, options: SendOptions): Promise<void>;
  /** The era's `_meta` for each request. */
  meta(): Params;
  /** A request was given up locally (timeout or abort). */
  cancelled(id: RequestId, method: string, reason: Error): void;
  /** Answers one request of the server (sampling, elicitation, roots, ping). */
  answer(method: string, params: Params | undefined, signal: AbortSignal): Promise<Params>;
  /** Whether a reply can still go out. */
  connected(): boolean;
  emit(type: string, detail?: unknown): void;
  readonly options: { timeout?: number; maxTotalTimeout?: number };
}

/** Sends requests and matches what comes back; `receive` takes every message from the server. */
export class RpcEngine {
  readonly pending = new PendingTable();
  private progress = new Map<RequestId, (p: Progress) => void>();
  private serverRequests = new Map<RequestId, AbortController>();

  constructor(private readonly host: EngineHost) {}

  /** Sends one request and resolves with its result. */
  async request(method: string, params: Params = {}, options: RequestOptions = {}): Promise<Params> {
    const id = this.pending.allocateId();
    const meta: Params = { ...(params._meta as Params), ...this.host.meta() };
    if (options.onProgress) {
      meta.progressToken = id;
      this.progress.set(id, options.onProgress);
    }
    const message: JsonRpcRequest = { jsonrpc: '2.0', id, method, params: Object.keys(meta).length ? { ...params, _meta: meta } : params };
    const stop = new AbortController();
    const result = this.pending.add(
      id,
      method,
      { timeout: options.timeout ?? this.host.options.timeout ?? 60_000, maxTotalTimeout: this.host.options.maxTotalTimeout ?? 600_000, signal: options.signal },
      (reason) => this.host.cancelled(id, method, reason),
    );
    this.host.send(message, { signal: stop.signal, headers: options.headers }).catch((error) => stop.signal.aborted || this.pending.reject(id, error));
    try {
      return await result;
    } finally {
      stop.abort();
      this.progress.delete(id);
    }
  }

  /** Takes a message from the server; returns the notifications, which the client announces. */
  receive(m: JsonRpcMessage): Params | undefined {
    if (isResponse(m)) return void this.pending.settle(m);
    if (isRequest(m)) return void this.answer(m);
    if (!isNotification(m)) return;
    const params = m.params ?? {};
    if (m.method === 'notifications/progress') {
      const token = params.progressToken as RequestId;
      const handler = this.progress.get(token);
      // An unknown token is dropped (U-06).
      if (handler) {
        this.pending.touch(token, (reason) => this.host.cancelled(token, 'progress', reason));
        handler(params as unknown as Progress);
        this.host.emit('progress', params);
      }
    }
    if (m.method === 'notifications/cancelled') this.serverRequests.get(params.requestId as RequestId)?.abort(params.reason ?? 'Cancelled by the server');
    return params;
  }

  /** Fails whatever waits, ours and the server's. */
  abortAll(error: Error): void {
    this.pending.rejectAll(error);
    for (const c of this.serverRequests.values()) c.abort();
  }

  /** Answers a server request through the host's handlers, unless the server cancels it first. */
  private async answer(m: JsonRpcRequest): Promise<void> {
    const controller = new AbortController();
    this.serverRequests.set(m.id, controller);
    let reply: JsonRpcMessage;
    try {
      reply = { jsonrpc: '2.0', id: m.id, result: await this.host.answer(m.method, m.params, controller.signal) };
    } catch (error) {
      const e = error instanceof McpProtocolError ? error : new McpProtocolError(-32603, error instanceof Error ? error.message : String(error));
      reply = { jsonrpc: '2.0', id: m.id, error: { code: e.code, message: e.message, ...(e.data === undefined ? {} : { data: e.data }) } };
    } finally {
      this.serverRequests.delete(m.id);
    }
    if (controller.signal.aborted || !this.host.connected()) return; // cancelled: no answer is expected
    await this.host.send(reply, {}).catch((e) => this.host.emit('error', e));
  }
}
