// The table of requests awaiting an answer: id allocation, timeouts that progress can extend
// (bounded by an overall maximum), abort, and exactly-once settlement.
import type { JsonRpcResponse, Params, RequestId } from './messages.js';
import { McpAbortError, McpProtocolError, McpTimeoutError } from './errors.js';

export interface PendingOptions {
  /** Milliseconds without an answer (or progress) before the request fails. */
  timeout: number;
  /** Upper bound in ms however much progress arrives. */
  maxTotalTimeout?: number;
  signal?: AbortSignal;
}

interface Entry {
  method: string;
  resolve(result: Params): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
  started: number;
  options: PendingOptions;
  cleanup(): void;
}

/** Allocates ids and settles each request at most once. */
export class PendingTable {
  private nextId = 1;
  private entries = new Map<RequestId, Entry>();

  /** Number of requests still waiting. */
  get size(): number {
    return this.entries.size;
  }

  /** A fresh id that no earlier request used. */
  allocateId(): number {
    return this.nextId++;
  }

  /** Registers a request; the promise settles on its response, timeout or abort. */
  add(id: RequestId, method: string, options: PendingOptions, onGiveUp: (reason: Error) => void): Promise<Params> {
    return new Promise<Params>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) return reject(new McpAbortError(abortReason(signal)));
      const onAbort = () => this.fail(id, new McpAbortError(abortReason(signal!)), onGiveUp);
      signal?.addEventListener('abort', onAbort, { once: true });
      const entry: Entry = {
        method,
        resolve,
        reject,
        options,
        started: Date.now(),
        timer: this.arm(id, options.timeout, onGiveUp),
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      };
      this.entries.set(id, entry);
    });
  }

  /** Restarts the timeout of a request because it showed signs of life (progress). */
  touch(id: RequestId, onGiveUp: (reason: Error) => void): void {
    const e = this.entries.get(id);
    if (!e) return;
    clearTimeout(e.timer);
    const { timeout, maxTotalTimeout } = e.options;
    const left = maxTotalTimeout ? Math.min(timeout, maxTotalTimeout - (Date.now() - e.started)) : timeout;
    e.timer = this.arm(id, Math.max(0, left), onGiveUp);
  }

  /** True while a request with this id waits for its answer. */
  has(id: RequestId): boolean {
    return this.entries.has(id);
  }

  /** Delivers a response; returns false when no request waits for it (unknown or duplicate). */
  settle(response: JsonRpcResponse): boolean {
    const e = response.id == null ? undefined : this.entries.get(response.id);
    if (!e) return false;
    this.remove(response.id!);
    if (response.error)
      e.reject(new McpProtocolError(response.error.code, response.error.message, response.error.data));
    else e.resolve(response.result ?? {});
    return true;
  }

  /** Fails one request locally (transport error, abort). */
  reject(id: RequestId, error: Error): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.remove(id);
    e.reject(error);
  }

  /** Fails every waiting request, e.g. when the connection closes. */
  rejectAll(error: Error): void {
    for (const id of [...this.entries.keys()]) this.reject(id, error);
  }

  private fail(id: RequestId, error: Error, onGiveUp: (reason: Error) => void): void {
    if (!this.entries.has(id)) return;
    this.reject(id, error);
    onGiveUp(error);
  }

  private arm(id: RequestId, ms: number, onGiveUp: (reason: Error) => void) {
    return setTimeout(() => {
      const e = this.entries.get(id);
      if (e) this.fail(id, new McpTimeoutError(e.method, Date.now() - e.started), onGiveUp);
    }, ms);
  }

  private remove(id: RequestId): void {
    const e = this.entries.get(id)!;
    clearTimeout(e.timer);
    e.cleanup();
    this.entries.delete(id);
  }
}

const abortReason = (signal: AbortSignal): string =>
  typeof signal.reason === 'string'
    ? signal.reason
    : signal.reason instanceof Error && signal.reason.name !== 'AbortError'
      ? signal.reason.message
      : 'The request was cancelled';
