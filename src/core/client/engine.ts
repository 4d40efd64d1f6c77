// The JSON-RPC engine: ids, the pending table, progress that extends timeouts, and the requests a
// server sends us (answered through input.late.ts). It knows no era: the connection adds its `_meta`
// and says how to cancel, the link sends the bytes.
import {
  isNotification,
  isRequest,
  isResponse,
  type JsonRpcMessage,
  type JsonRpcRequest,
  type Params,
  type RequestId,
} from '../jsonrpc/messages.js';
import { PendingTable } from '../jsonrpc/pending.js';
import type { Progress } from '../protocol/types.js';
import type { SendOptions } from '../transport/types.js';
import type { Connection } from './eras/era.js';
import type { InputHandlers } from './input.js';

export interface RequestOptions {
  signal?: AbortSignal;
  timeout?: number;
  onProgress?: (progress: Progress) => void;
  /** Extra HTTP headers for this request. */
  headers?: Record<string, string>;
  /**
   * @internal The connection to send over, when it is not (yet) the link's current one: a handshake racing another
   * era's.
   */
  via?: Connection;
}

/** Sends requests and matches what comes back; `receive` takes every message from the server. */
export class RpcEngine {
  readonly pending = new PendingTable();
  private progress = new Map<RequestId, (p: Progress) => void>();
  /** @internal The server's requests being answered, to abort when it cancels one. */
  readonly serverRequests = new Map<RequestId, AbortController>();
  /** Aborted by abortAll (the client closes): whatever asks the person for a request of ours stops asking. */
  private closing = new AbortController();

  /**
   * `conn` is the link's current connection (which adds its era's `_meta` and knows how to cancel);
   * `send` delivers a message over it (or `via`) and rejects when it cannot. Both are asked at each
   * use, so the link they stand for may be made after the engine.
   */
  constructor(
    /** @internal */ readonly conn: () => Connection | undefined,
    /** @internal */ readonly send: (
      message: JsonRpcMessage,
      options: SendOptions & { via?: Connection },
    ) => Promise<void>,
    /** @internal */ readonly options: InputHandlers & { timeout?: number; maxTotalTimeout?: number },
    /** @internal */ readonly emit: (type: string, detail?: unknown) => void,
  ) {}

  /** Sends one request and resolves with its result. */
  async request(method: string, params: Params = {}, options: RequestOptions = {}): Promise<Params> {
    const id = this.pending.allocateId();
    const conn = () => options.via ?? this.conn();
    const meta: Params = { ...(params._meta as Params), ...conn()?.meta?.() };
    if (options.onProgress) {
      meta.progressToken = id;
      this.progress.set(id, options.onProgress);
    }
    const message: JsonRpcRequest = {
      jsonrpc: '2.0',
      id,
      method,
      params: Object.keys(meta).length ? { ...params, _meta: meta } : params,
    };
    const stop = new AbortController();
    const result = this.pending.add(
      id,
      method,
      {
        timeout: options.timeout ?? this.options.timeout ?? 60_000,
        maxTotalTimeout: this.options.maxTotalTimeout ?? 600_000,
        signal: options.signal,
      },
      (reason) => conn()?.cancel?.(id, method, reason),
    );
    this.send(message, { signal: stop.signal, headers: options.headers, via: options.via }).catch(
      (error) => stop.signal.aborted || this.pending.reject(id, error),
    );
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
    // Answered through the host's handlers by input.late.ts, loaded on the first server request.
    if (isRequest(m)) {
      // Registered now, so a cancellation that arrives while input.late.ts loads is not missed.
      const controller = new AbortController();
      this.serverRequests.set(m.id, controller);
      return void import('./input.late.js').then(
        (a) => a.answerRequest(this, m, controller),
        (e) => (this.serverRequests.delete(m.id), this.emit('error', e)),
      );
    }
    if (!isNotification(m)) return;
    const params = m.params ?? {};
    if (m.method === 'notifications/progress') {
      const token = params.progressToken as RequestId;
      const handler = this.progress.get(token);
      // An unknown token is dropped (U-06).
      if (handler) {
        this.pending.touch(token, (reason) => this.conn()?.cancel?.(token, 'progress', reason));
        handler(params as unknown as Progress);
        this.emit('progress', params);
      }
    }
    if (m.method === 'notifications/cancelled')
      this.serverRequests.get(params.requestId as RequestId)?.abort(params.reason ?? 'Cancelled by the server');
    return params;
  }

  /** Fails whatever waits, ours and the server's. */
  abortAll(error: Error): void {
    this.pending.rejectAll(error);
    for (const c of this.serverRequests.values()) c.abort();
    this.closing.abort(error);
    this.closing = new AbortController();
  }

  /**
   * The signal for asking the person on behalf of one of our requests (MRTR): aborted by `signal`, or when the client
   * closes.
   */
  asking(signal?: AbortSignal): AbortSignal {
    return signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
  }
}
