// The contract between McpClient and its transports.
import type { JsonRpcMessage } from '../jsonrpc/messages.js';
import type { FetchLike } from './http.js';

export interface SendOptions {
  signal?: AbortSignal;
  /** Extra HTTP headers for this message only. */
  headers?: Record<string, string>;
}

/**
 * Moves JSON-RPC messages. `send` resolves once the transport has done its part (for a request
 * over Streamable HTTP: its answer was delivered through onMessage) and throws when the answer
 * can no longer arrive by this path.
 */
export interface Transport {
  send(message: JsonRpcMessage, options?: SendOptions): Promise<void>;
  close(): Promise<void>;
}

export interface TransportOptions {
  fetch: FetchLike;
  /** Every message from the server, requests and notifications included. */
  onMessage(message: JsonRpcMessage): void;
  /** A problem that did not fail a request (a malformed frame on a stream, a lost GET stream). */
  onError?(error: Error): void;
  /** The connection is gone for good (session expired, SSE stream closed). */
  onClose?(error: Error): void;
  /** Headers added to every HTTP request, e.g. Authorization. */
  headers?(): Record<string, string>;
}

/** A bounded set of recently seen SSE event ids, so a replayed or doubled event is handled once. */
export class RecentIds {
  private ids = new Set<string>();
  constructor(private readonly max = 1000) {}
  /** Records the id; returns false if it was already there. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}
