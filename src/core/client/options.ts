// The public shapes of McpClient's options and states.
import type { AuthOptions } from '../auth/types.js';
import type { Implementation } from '../protocol/types.js';
import type { KeyValueStore } from '../kv/store.js';
import type { FetchLike } from '../transport/http.js';
import type { EraCache, TransportMode } from './eras/negotiate.js';
import type { InputHandlers } from './input.js';

export type ClientState = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'closed';

export interface McpClientOptions extends InputHandlers {
  url: string;
  /**
   * `auto` tries modern, then legacy Streamable HTTP, then HTTP+SSE; `streamable-http` skips HTTP+SSE; `sse` uses only
   * HTTP+SSE.
   */
  transport?: TransportMode;
  /**
   * Ask for the tool list as soon as the handshake allows, before the connection counts as ready,
   * for the first `listTools()` to take (default false; the elements set it). Rejected or stale
   * (a `tools/list_changed` came), it is asked for again.
   */
  listToolsEarly?: boolean;
  /**
   * The protocol version the server is known to speak (`2026-07-28`, `2025-11-25`, ...): its era is
   * tried first and a first visit sends no `server/discover` probe. A wrong one costs one failed
   * attempt and a `log` entry (level `warning`), then the eras are negotiated as without it.
   */
  protocolVersion?: string;
  clientInfo?: Implementation;
  fetch?: FetchLike;
  /**
   * A CORS relay (`mcp-web-components/relay`) to send every request through, for a server that
   * answers no CORS: its URL, e.g. `https://relay.example/`. `url` stays the server's own address,
   * so sign-in, tokens and the kept session still belong to that server.
   */
  relay?: string;
  /** Per-request timeout in ms without an answer or progress (default 60 s). */
  timeout?: number;
  /** Upper bound in ms for one request however much progress arrives (default 10 min). */
  maxTotalTimeout?: number;
  eraCache?: EraCache;
  /**
   * Headers for every HTTP request (Authorization comes through here), called with the server URL: one function can
   * serve several servers (the elements' `headers` property is passed as it is, so elements given the same function
   * share a client).
   */
  headers?: (url: string) => Record<string, string> | undefined;
  /** OAuth for servers that answer 401 (ARCHITECTURE.md#authorization, checklist §2.7). */
  auth?: AuthOptions;
  /**
   * Where the session, era, server info and catalogue are kept, so a reload resumes (ARCHITECTURE.md#persistence).
   * Tokens and registrations go there too (without it: IndexedDB database `mcp-web-components`).
   */
  store?: KeyValueStore;
}

export interface ListOptions {
  signal?: AbortSignal;
  /** Fetch one page from this cursor instead of following every cursor. */
  cursor?: string;
}

/**
 * The fetch to use: `fetch` as given, or one that sends each request to the relay with its target in `?url=` (and
 * carries `relay`, for the error wording).
 */
export const viaRelay = ({ fetch: f, relay }: McpClientOptions): FetchLike | undefined =>
  relay
    ? Object.assign(
        (u: RequestInfo | URL, init?: RequestInit) =>
          (f ?? fetch)(`${relay}?url=${encodeURIComponent(u as string)}`, init),
        { relay },
      )
    : f;
