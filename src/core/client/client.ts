// McpClient: one connection to one MCP server, in whichever era the server speaks. It owns the
// JSON-RPC engine (pending table, progress, cancellation), era negotiation, session recovery,
// the MRTR loop and change subscriptions; transports only move bytes.
import { McpAbortError, McpAuthError, McpError, McpFormatError, McpHttpError, McpProtocolError } from '../jsonrpc/errors.js';
import { isNotification, isRequest, isResponse, type JsonRpcMessage, type JsonRpcRequest, type Params, type RequestId } from '../jsonrpc/messages.js';
import { PendingTable } from '../jsonrpc/pending.js';
import { headerAnnotationProblem, toolParamHeaders } from '../protocol/headers.js';
import type {
  CallToolResult,
  CompleteResult,
  CompletionRef,
  GetPromptResult,
  Implementation,
  LoggingLevel,
  Progress,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplate,
  ServerCapabilities,
  Tool,
} from '../protocol/types.js';
import { ERROR, LEGACY_VERSIONS, META, MODERN_VERSION } from '../protocol/versions.js';
import type { FetchLike } from '../transport/http.js';
import { HttpSseTransport } from '../transport/http-sse.js';
import { McpStreamLostError, ModernHttpTransport } from '../transport/modern-http.js';
import { StreamableHttpTransport } from '../transport/streamable-http.js';
import { McpSessionExpiredError, sleep, type Transport, type TransportOptions } from '../transport/types.js';
import { answerInput, capabilitiesFor, type InputHandlers } from './input.js';
import { openPopup } from '../auth/popup.js';
import type { AuthSession } from '../auth/session.js';
import type { AuthOptions, AuthState } from '../auth/types.js';
import type { KeyValueStore } from '../store/store.js';
import { batchedStore, type BatchedStore } from '../store/batched.js';
import { catalogueKey, eraKey, keysOfServer, serverKey, type Catalogue, type ServerRecord } from '../store/records.js';
import { joinStreamTabs, withTabLock, type StreamNews, type StreamTabs } from '../store/tabs.js';

export type Era = 'modern' | 'legacy' | 'sse';
export type ClientState = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'closed';

/** Where the era found for a URL is remembered (in memory by default; the store adapter persists it). */
export interface EraCache {
  get(url: string): Era | undefined | Promise<Era | undefined>;
  set(url: string, era: Era): void | Promise<void>;
}
const memoryEras = new Map<string, Era>();
const memoryEraCache: EraCache = { get: (u) => memoryEras.get(u), set: (u, e) => void memoryEras.set(u, e) };

export interface McpClientOptions extends InputHandlers {
  url: string;
  /** `auto` tries modern, then legacy Streamable HTTP, then HTTP+SSE; `streamable-http` skips HTTP+SSE; `sse` uses only HTTP+SSE. */
  transport?: 'auto' | 'streamable-http' | 'sse';
  clientInfo?: Implementation;
  fetch?: FetchLike;
  /** Per-request timeout in ms without an answer or progress (default 60 s). */
  timeout?: number;
  /** Upper bound in ms for one request however much progress arrives (default 10 min). */
  maxTotalTimeout?: number;
  eraCache?: EraCache;
  /** Headers for every HTTP request (Authorization comes through here). */
  headers?: () => Record<string, string>;
  /** OAuth for servers that answer 401 (DESIGN §2, checklist §2.7). */
  auth?: AuthOptions;
  /**
   * Where tokens and registrations are kept (default: IndexedDB database `mcp-elements`). When given,
   * the session, era, server info and catalogue are kept there too, so a reload resumes (DESIGN §4).
   */
  store?: KeyValueStore;
}

export interface RequestOptions {
  signal?: AbortSignal;
  timeout?: number;
  onProgress?: (progress: Progress) => void;
  /** Extra HTTP headers for this request. */
  headers?: Record<string, string>;
}

export interface ListOptions {
  signal?: AbortSignal;
  /** Fetch one page from this cursor instead of following every cursor. */
  cursor?: string;
}

const DEFAULT_CLIENT: Implementation = { name: 'mcp-elements', version: '0.1.0' };
const MAX_INPUT_ROUNDS = 10;
const INPUT_METHODS = new Set(['tools/call', 'resources/read', 'prompts/get']);

/** A browser-native MCP client for one server URL. */
export class McpClient extends EventTarget {
  /** The connection state; `statechange` fires when it changes. */
  state: ClientState = 'idle';
  /** Which protocol era the server speaks, once connected. */
  era?: Era;
  protocolVersion?: string;
  serverInfo?: Implementation;
  serverCapabilities: ServerCapabilities = {};
  instructions?: string;
  /** The last connection error, for display. */
  lastError?: Error;
  /** Where signing in stands; `authchange` fires when it changes. */
  authState: AuthState = 'none';
  /** The lists last seen from the server; restored from the store when connecting, before the network answers. */
  catalogue: Catalogue = {};
  /** The `store` option with write-behind, where this client keeps its session; elements keep drafts and history in it. */
  readonly store?: BatchedStore;

  readonly url: string;
  private transport?: Transport;
  private pending = new PendingTable();
  private progress = new Map<RequestId, (p: Progress) => void>();
  private serverRequests = new Map<RequestId, AbortController>();
  private tools = new Map<string, Tool>();
  private cache = new Map<string, { expires: number; value: Params }>();
  private subscriptions = new Set<string>();
  private listen?: AbortController;
  private logLevel?: LoggingLevel;
  private renewing?: Promise<void>;
  private auth?: AuthSession;
  private authLoading?: Promise<AuthSession>;
  private record: ServerRecord = {};
  private restored?: Promise<void>;
  private tabs?: StreamTabs;
  /** Whether this tab holds the legacy GET stream (always, without a store to share it through). */
  private streamOwner = true;
  /** Set while a stored session is being tried: its expiry means "start anew", not "renew". */
  private resuming?: { expired: boolean };

  constructor(readonly options: McpClientOptions) {
    super();
    this.url = options.url;
    if (options.store) this.store = batchedStore(options.store);
  }

  /** Finds the server's era and connects; resolves when requests can be sent. */
  async connect({ signal }: { signal?: AbortSignal } = {}): Promise<void> {
    if (this.state === 'ready') return;
    if (this.store) await this.restore();
    this.setState('connecting');
    try {
      if (this.options.auth) await this.loadAuth();
      if (this.store && !this.tabs) this.streamOwner = await this.joinTabs().owned;
      // One tab at a time sets up a server's session, so a second tab resumes the first one's.
      await this.withAuth(() => this.oneTabAtATime(() => this.negotiate(signal)));
      this.lastError = undefined;
      this.setState('ready');
    } catch (error) {
      this.lastError = error as Error;
      this.setState('idle');
      throw error;
    }
  }

  /** Ends the session (DELETE for legacy sessions) and fails whatever still waits. */
  async close(): Promise<void> {
    await this.stop(true);
  }

  /**
   * Lets go of this page's streams and its turn as the tabs' stream owner, but keeps the session on
   * the server and in the store: for a page that goes away and comes back (a reload resumes it).
   */
  async detach(): Promise<void> {
    await this.stop(false);
  }

  /** Forgets this server: ends its session (DELETE), signs out, and deletes its session, era, catalogue, history, drafts and task ids from the store. */
  async forget(): Promise<void> {
    const r = (this.record = (await this.store?.get<ServerRecord>(serverKey(this.url))) ?? this.record);
    if (!this.transport && r.era === 'legacy' && r.sessionId) this.transport = this.legacyTransport(r);
    await this.signOut();
    await this.close();
    const store = this.store;
    if (!store) return;
    for (const key of await keysOfServer(store, this.url)) await store.del(key);
    this.catalogue = {};
    await store.flush();
  }

  private async stop(endSession: boolean): Promise<void> {
    this.setState('closed');
    this.listen?.abort();
    this.pending.rejectAll(new McpAbortError('The client was closed'));
    for (const c of this.serverRequests.values()) c.abort();
    const t = this.transport;
    if (!endSession && t instanceof StreamableHttpTransport) t.sessionId = undefined; // no DELETE
    if (endSession && t instanceof StreamableHttpTransport && t.sessionId === this.record.sessionId) {
      this.record = { ...this.record, sessionId: undefined, eventIds: undefined };
      this.saveRecord();
    }
    await t?.close();
    this.transport = undefined;
    this.tabs?.leave();
    this.tabs = undefined;
    await this.store?.flush();
  }

  // ---- server features ----------------------------------------------------------------

  /** All tools, following every cursor; in the modern era tools with invalid x-mcp-header annotations are left out. */
  async listTools(options: ListOptions = {}): Promise<Tool[]> {
    const tools = (await this.listAll('tools/list', 'tools', options)) as Tool[];
    const usable = this.era === 'modern' ? tools.filter((t) => this.headerProblemWarning(t)) : tools;
    for (const t of usable) this.tools.set(t.name, t);
    return this.keep('tools', usable, options);
  }

  /** Calls a tool; progress notifications reach `onProgress` and extend the timeout. */
  async callTool(name: string, args: Record<string, unknown> = {}, options: RequestOptions = {}): Promise<CallToolResult> {
    const run = () => this.requestWithInput('tools/call', { name, arguments: args }, { ...options, headers: { ...options.headers, ...(this.era === 'modern' ? toolParamHeaders(this.tools.get(name), args) : {}) } });
    try {
      return (await run()) as unknown as CallToolResult;
    } catch (error) {
      if (error instanceof McpProtocolError && error.code === ERROR.urlElicitationRequired && this.era !== 'modern') {
        await this.completeUrlElicitations(error, options.signal);
        return (await run()) as unknown as CallToolResult;
      }
      // The schema we built Mcp-Param-* headers from is stale: refresh it and try once more (HM-12).
      if (!(error instanceof McpProtocolError && error.code === ERROR.headerMismatch)) throw error;
      await this.listTools({ signal: options.signal });
      return (await run()) as unknown as CallToolResult;
    }
  }

  /**
   * Legacy -32042 (URLElicitationRequired, checklist E-06): show each URL through the elicitation
   * handler; once the person consented, wait for the server's notifications/elicitation/complete
   * (bounded), so the caller can retry. Declining or cancelling rethrows the original error.
   */
  private async completeUrlElicitations(error: McpProtocolError, signal = new AbortController().signal): Promise<void> {
    const asks = ((error.data as { elicitations?: Params[] })?.elicitations ?? []).filter((e) => typeof e.url === 'string');
    if (!asks.length) throw error;
    for (const ask of asks) {
      const done = ask.elicitationId ? this.elicitationCompleted(ask.elicitationId as string, signal) : Promise.resolve();
      done.catch(() => {});
      const answer = await answerInput(this.options, 'elicitation/create', { ...ask, mode: 'url' }, { server: this.serverInfo, signal });
      if (answer.action !== 'accept') throw error;
      await done;
    }
  }

  /** Resolves when the server says the URL elicitation with this id completed, or after 5 minutes. */
  private elicitationCompleted(id: string, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        this.removeEventListener('notification', onNote);
        signal.removeEventListener('abort', onAbort);
      };
      const onNote = (e: Event) => {
        const m = (e as CustomEvent<JsonRpcMessage>).detail as { method?: string; params?: Params };
        if (m.method === 'notifications/elicitation/complete' && m.params?.elicitationId === id) (finish(), resolve());
      };
      const onAbort = () => (finish(), reject(new McpAbortError()));
      const timer = setTimeout(() => (finish(), resolve()), 300_000);
      this.addEventListener('notification', onNote);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  async listResources(options: ListOptions = {}): Promise<Resource[]> {
    return this.keep('resources', (await this.listAll('resources/list', 'resources', options)) as Resource[], options);
  }
  async listResourceTemplates(options: ListOptions = {}): Promise<ResourceTemplate[]> {
    return this.keep('resourceTemplates', (await this.listAll('resources/templates/list', 'resourceTemplates', options)) as ResourceTemplate[], options);
  }
  async readResource(uri: string, options: RequestOptions = {}): Promise<ReadResourceResult> {
    return (await this.requestWithInput('resources/read', { uri }, options)) as unknown as ReadResourceResult;
  }

  /** Asks for `resourceupdated` events for this URI (legacy `resources/subscribe`; modern: the listen stream). */
  async subscribe(uri: string, options: RequestOptions = {}): Promise<void> {
    this.subscriptions.add(uri);
    if (this.era === 'modern') return this.startListening();
    await this.request('resources/subscribe', { uri }, options);
  }
  async unsubscribe(uri: string, options: RequestOptions = {}): Promise<void> {
    this.subscriptions.delete(uri);
    if (this.era === 'modern') return this.startListening();
    await this.request('resources/unsubscribe', { uri }, options);
  }

  async listPrompts(options: ListOptions = {}): Promise<Prompt[]> {
    return this.keep('prompts', (await this.listAll('prompts/list', 'prompts', options)) as Prompt[], options);
  }
  async getPrompt(name: string, args: Record<string, string> = {}, options: RequestOptions = {}): Promise<GetPromptResult> {
    return (await this.requestWithInput('prompts/get', { name, arguments: args }, options)) as unknown as GetPromptResult;
  }

  /** Suggestions for one argument of a prompt or resource template. */
  async complete(ref: CompletionRef, argument: { name: string; value: string }, context?: { arguments?: Record<string, string> }, options: RequestOptions = {}): Promise<CompleteResult['completion']> {
    const result = await this.request('completion/complete', { ref, argument, ...(context ? { context } : {}) }, options);
    return (result as unknown as CompleteResult).completion;
  }

  /** Sets the server's log level (legacy `logging/setLevel`; modern: sent with every request, MV-10). */
  async setLogLevel(level: LoggingLevel, options: RequestOptions = {}): Promise<void> {
    this.logLevel = level;
    if (this.era !== 'modern') await this.request('logging/setLevel', { level }, options);
  }

  /** Checks the server is alive (legacy `ping`; modern servers have no ping, so `server/discover`). */
  async ping(options: RequestOptions = {}): Promise<void> {
    await this.request(this.era === 'modern' ? 'server/discover' : 'ping', {}, options);
  }

  // ---- the JSON-RPC engine -------------------------------------------------------------

  /** Sends one request and resolves with its result; lower level than the feature methods. */
  async request(method: string, params: Params = {}, options: RequestOptions = {}): Promise<Params> {
    if (!this.transport || this.state === 'closed') throw new McpError('The client is not connected');
    const id = this.pending.allocateId();
    const meta: Params = { ...(params._meta as Params) };
    if (options.onProgress) {
      meta.progressToken = id;
      this.progress.set(id, options.onProgress);
    }
    if (this.era === 'modern') Object.assign(meta, this.modernMeta());
    const message: JsonRpcRequest = { jsonrpc: '2.0', id, method, params: Object.keys(meta).length ? { ...params, _meta: meta } : params };
    const stop = new AbortController();
    const result = this.pending.add(
      id,
      method,
      { timeout: options.timeout ?? this.options.timeout ?? 60_000, maxTotalTimeout: this.options.maxTotalTimeout ?? 600_000, signal: options.signal },
      (reason) => this.cancelRequest(id, method, reason),
    );
    this.deliver(message, stop.signal, options.headers);
    try {
      return await result;
    } finally {
      stop.abort();
      this.progress.delete(id);
    }
  }

  private async deliver(message: JsonRpcRequest, signal: AbortSignal, headers?: Record<string, string>): Promise<void> {
    try {
      const send = () => this.transport!.send(message, { signal, headers });
      // While connecting, connect() itself recovers from 401/403 and repeats the whole negotiation.
      await (this.state === 'connecting' ? send() : this.withAuth(send));
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof McpSessionExpiredError && message.method !== 'initialize') {
        try {
          await this.renewSession();
          return void (await this.transport!.send(message, { signal, headers }));
        } catch (retryError) {
          return this.pending.reject(message.id, retryError as Error);
        }
      }
      this.pending.reject(message.id, error as Error);
    }
  }

  /** A request was given up locally (timeout or abort): tell a legacy server; a modern one sees the fetch abort. */
  private cancelRequest(id: RequestId, method: string, reason: Error): void {
    if (this.era === 'modern' || method === 'initialize' || !this.transport) return;
    this.transport.send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason: reason.message } }).catch(() => {});
  }

  /** A request that may come back `input_required` (MRTR): answer its input requests and retry (checklist §2.9). */
  private async requestWithInput(method: string, params: Params, options: RequestOptions): Promise<Params> {
    let extra: Params = {};
    for (let round = 0; ; round++) {
      const result = await this.requestReissuing(method, { ...params, ...extra }, options);
      const type = result.resultType ?? 'complete';
      if (type === 'complete') return result;
      if (type !== 'input_required' || !INPUT_METHODS.has(method)) throw new McpFormatError(`The server answered ${method} with an unknown resultType ${JSON.stringify(type)}`);
      if (round >= MAX_INPUT_ROUNDS) throw new McpError(`The server asked for input more than ${MAX_INPUT_ROUNDS} times; giving up on ${method}`);
      const inputResponses: Params = {};
      const requests = (result.inputRequests ?? {}) as Record<string, { method: string; params?: Params }>;
      for (const [key, ask] of Object.entries(requests)) {
        inputResponses[key] = await answerInput(this.options, ask.method, ask.params, { server: this.serverInfo, signal: options.signal ?? new AbortController().signal });
      }
      extra = { ...(Object.keys(requests).length ? { inputResponses } : {}), ...('requestState' in result ? { requestState: result.requestState } : {}) };
    }
  }

  /** Re-issues a modern request whose stream broke (HM-16), unless repeating it could do harm twice. */
  private async requestReissuing(method: string, params: Params, options: RequestOptions): Promise<Params> {
    try {
      return await this.request(method, params, options);
    } catch (error) {
      const tool = method === 'tools/call' ? this.tools.get(params.name as string) : undefined;
      const safe = method !== 'tools/call' || tool?.annotations?.idempotentHint === true || tool?.annotations?.readOnlyHint === true;
      if (!(error instanceof McpStreamLostError) || !safe) throw error;
      return this.request(method, params, options);
    }
  }

  private modernMeta(): Params {
    return {
      [META.protocolVersion]: MODERN_VERSION,
      [META.clientCapabilities]: capabilitiesFor(this.options),
      [META.clientInfo]: this.options.clientInfo ?? DEFAULT_CLIENT,
      ...(this.logLevel ? { [META.logLevel]: this.logLevel } : {}),
    };
  }

  private async listAll(method: string, key: string, { signal, cursor }: ListOptions): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | undefined = cursor;
    for (let page = 0; page < 1000; page++) {
      const result = await this.cachedRequest(method, next === undefined ? {} : { cursor: next }, signal);
      items.push(...((result[key] as unknown[]) ?? []));
      next = result.nextCursor as string | undefined;
      // A missing nextCursor is the only end signal; "" is a valid cursor (U-09).
      if (next === undefined || cursor !== undefined) break;
    }
    return items;
  }

  /** Serves fresh modern results from memory per ttlMs (U-19 … U-22). */
  private async cachedRequest(method: string, params: Params, signal?: AbortSignal): Promise<Params> {
    const key = method + JSON.stringify(params);
    const hit = this.cache.get(key);
    if (hit && Date.now() < hit.expires) return hit.value;
    const value = await this.request(method, params, { signal });
    const ttl = typeof value.ttlMs === 'number' ? value.ttlMs : 0;
    if (this.era === 'modern' && ttl > 0) this.cache.set(key, { expires: Date.now() + ttl, value });
    return value;
  }

  /** Remembers a complete list in the catalogue (and the store); a single page is not a catalogue. */
  private keep<K extends keyof Catalogue>(key: K, items: NonNullable<Catalogue[K]>, { cursor }: ListOptions): NonNullable<Catalogue[K]> {
    if (cursor !== undefined) return items;
    this.catalogue = { ...this.catalogue, [key]: items };
    void this.store?.set(catalogueKey(this.url), this.catalogue);
    return items;
  }

  // ---- persistence and tabs (DESIGN §4) ------------------------------------------------------

  /** Reads the catalogue kept for this URL once, so elements can show it before the network answers. */
  private restore(): Promise<void> {
    this.restored ??= this.store!.get<Catalogue>(catalogueKey(this.url)).then((c) => void (this.catalogue = { ...c, ...this.catalogue }), () => {});
    return this.restored;
  }

  /** Sets up a session while no other tab does, and stores it before letting the next tab look. */
  private oneTabAtATime(fn: () => Promise<void>): Promise<void> {
    const store = this.store;
    return store ? withTabLock('mcp-connect:' + this.url, () => fn().then(() => store.flush())) : fn();
  }

  private saveRecord(): void {
    void this.store?.set(serverKey(this.url), this.record);
  }

  /** Keeps what a reload needs to resume this connection. */
  private remember(extra: Partial<ServerRecord> = {}): void {
    const t = this.transport;
    this.record = {
      era: this.era,
      protocolVersion: this.protocolVersion,
      sessionId: t instanceof StreamableHttpTransport ? t.sessionId : undefined,
      eventIds: t instanceof StreamableHttpTransport && t.getStreamEventId ? { get: t.getStreamEventId } : undefined,
      serverInfo: this.serverInfo,
      capabilities: this.serverCapabilities,
      instructions: this.instructions,
      ...extra,
    };
    this.saveRecord();
  }

  /** Takes up the session (legacy) or discovery (modern, within ttlMs) that the store holds, instead of starting anew. */
  private async resume(skipSession?: string): Promise<boolean> {
    const r = ((await this.store!.get<ServerRecord>(serverKey(this.url))) ?? {}) as ServerRecord;
    this.record = r;
    const legacy = r.era === 'legacy' && !!r.sessionId && r.sessionId !== skipSession && this.options.transport !== 'sse';
    const modern = r.era === 'modern' && Date.now() < (r.discoveredAt ?? 0) + (r.ttlMs ?? 0) && this.options.transport !== 'sse';
    if (!legacy && !modern) return false;
    this.era = r.era;
    this.protocolVersion = r.protocolVersion;
    this.serverInfo = r.serverInfo;
    this.serverCapabilities = r.capabilities ?? {};
    this.instructions = r.instructions;
    this.cache.clear();
    if (modern) {
      this.transport = new ModernHttpTransport(this.url, this.transportOptions());
      void this.startListening();
      return true;
    }
    const t = (this.transport = this.legacyTransport(r));
    if (this.streamOwner) {
      // The GET stream with Last-Event-ID replays what the server sent while no page listened; a 404
      // means the session is gone, and the caller starts a new one (HL-14).
      const probe = (this.resuming = { expired: false });
      await Promise.race([t.openStandaloneStream(), sleep(3000)]);
      this.resuming = undefined;
      if (probe.expired) {
        t.sessionId = undefined;
        await t.close();
        this.transport = undefined;
        return false;
      }
    }
    return true;
  }

  private legacyTransport(r: ServerRecord): StreamableHttpTransport {
    const t = new StreamableHttpTransport(this.url, this.transportOptions());
    t.sessionId = r.sessionId;
    t.protocolVersion = r.protocolVersion;
    t.getStreamEventId = r.eventIds?.get;
    t.onStandaloneMessage = (message, eventId) => this.shareStreamMessage(t, message, eventId);
    return t;
  }

  /** The owner tab: note the stream position and pass the message on to the other tabs. */
  private shareStreamMessage(t: StreamableHttpTransport, message: JsonRpcMessage, eventId?: string): void {
    if (eventId && t.sessionId === this.record.sessionId) {
      this.record = { ...this.record, eventIds: { get: eventId } };
      this.saveRecord();
    }
    this.tabs?.post({ session: t.sessionId, message, eventId });
  }

  private joinTabs(): StreamTabs {
    return (this.tabs ??= joinStreamTabs(
      this.url,
      () => {
        // The owner tab went away: this one takes the GET stream over, from the last event it heard of.
        this.streamOwner = true;
        if (this.transport instanceof StreamableHttpTransport && this.state === 'ready') void this.transport.openStandaloneStream();
      },
      (news: StreamNews) => {
        const t = this.transport;
        if (this.streamOwner || !(t instanceof StreamableHttpTransport) || news.session !== t.sessionId) return;
        if (news.eventId) t.getStreamEventId = news.eventId;
        // Server requests are answered by the owner tab; this one only hears notifications.
        if (!isRequest(news.message as JsonRpcMessage)) this.onMessage(news.message as JsonRpcMessage);
      },
    ));
  }

  // ---- connecting -----------------------------------------------------------------------

  private async negotiate(signal?: AbortSignal): Promise<void> {
    if (this.store && (await this.resume())) return;
    const cache = this.options.eraCache ?? (this.store ? storeEraCache(this.store) : memoryEraCache);
    const mode = this.options.transport ?? 'auto';
    let order: Era[] = mode === 'sse' ? ['sse'] : mode === 'streamable-http' ? ['modern', 'legacy'] : ['modern', 'legacy', 'sse'];
    const cached = await cache.get(this.url);
    if (cached && order.includes(cached)) order = [cached, ...order.filter((e) => e !== cached)];
    const errors: Error[] = [];
    for (const era of order) {
      try {
        await this.connectEra(era, signal);
        await cache.set(this.url, era);
        return;
      } catch (error) {
        await this.transport?.close().catch(() => {});
        this.transport = undefined;
        if (!canTryNextEra(era, error)) throw error;
        errors.push(error as Error);
      }
    }
    // Report the most telling failure: a CORS or network diagnosis beats "404 Not Found".
    throw errors.find((e) => e instanceof McpHttpError && (e.kind === 'cors' || e.kind === 'html')) ?? errors.find((e) => !(e instanceof McpHttpError && e.status === 404 || e instanceof McpHttpError && e.status === 405)) ?? errors[errors.length - 1];
  }

  private transportOptions(): TransportOptions {
    return {
      fetch: this.options.fetch ?? ((...args) => fetch(...args)),
      headers: () => ({ ...this.options.headers?.(), ...this.auth?.header() }),
      onMessage: (m) => this.onMessage(m),
      onError: (e) => this.emit('error', e),
      onClose: (e) => this.onTransportClosed(e),
    };
  }

  private async connectEra(era: Era, signal?: AbortSignal): Promise<void> {
    this.era = era;
    this.cache.clear();
    const probe = { signal, timeout: 15_000 };
    if (era === 'modern') {
      this.transport = new ModernHttpTransport(this.url, this.transportOptions());
      const result = await this.request('server/discover', {}, probe);
      const versions = result.supportedVersions;
      // A 2xx without a DiscoverResult comes from a legacy server that answers unknown methods loosely.
      if (!Array.isArray(versions)) throw new McpFormatError('server/discover returned no supportedVersions: not a modern server');
      if (!versions.includes(MODERN_VERSION)) throw new McpProtocolError(ERROR.unsupportedVersion, `The server supports ${JSON.stringify(versions)}, not ${MODERN_VERSION}`, { supported: versions });
      this.protocolVersion = MODERN_VERSION;
      this.serverCapabilities = (result.capabilities as ServerCapabilities) ?? {};
      this.serverInfo = (result._meta as Params | undefined)?.[META.serverInfo] as Implementation | undefined;
      this.instructions = result.instructions as string | undefined;
      this.remember({ discoveredAt: Date.now(), ttlMs: Math.max(0, Number(result.ttlMs) || 0) });
      void this.startListening();
      return;
    }
    if (era === 'sse') {
      const sse = new HttpSseTransport(this.url, this.transportOptions());
      this.transport = sse;
      await sse.start(signal);
    } else {
      this.transport = this.legacyTransport({});
    }
    const result = await this.request(
      'initialize',
      { protocolVersion: LEGACY_VERSIONS[0], capabilities: capabilitiesFor(this.options), clientInfo: this.options.clientInfo ?? DEFAULT_CLIENT },
      probe,
    );
    const version = result.protocolVersion as string;
    if (!LEGACY_VERSIONS.includes(version)) throw new McpProtocolError(ERROR.unsupportedVersion, `The server chose protocol version ${JSON.stringify(version)}, which this client does not speak`);
    this.protocolVersion = version;
    this.serverCapabilities = (result.capabilities as ServerCapabilities) ?? {};
    this.serverInfo = result.serverInfo as Implementation;
    this.instructions = result.instructions as string | undefined;
    if (this.transport instanceof StreamableHttpTransport) this.transport.protocolVersion = version;
    await this.transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    this.remember();
    // Wait (briefly) for the notification stream to be up before calling the connection ready.
    if (this.transport instanceof StreamableHttpTransport && this.streamOwner) await Promise.race([this.transport.openStandaloneStream(), sleep(3000)]);
  }

  /** The legacy session ended on the server: start a new one (HL-14). Concurrent callers share one attempt. */
  private renewSession(): Promise<void> {
    this.renewing ??= (async () => {
      this.setState('reconnecting');
      const old = this.transport as StreamableHttpTransport;
      const expired = old.sessionId;
      old.sessionId = undefined; // gone on the server: no DELETE
      await old.close();
      try {
        // Another tab may have started the new session already: join it rather than start a third.
        await this.oneTabAtATime(async () => void ((this.store && (await this.resume(expired))) || (await this.connectEra(this.era!))));
        this.setState('ready');
      } catch (error) {
        this.lastError = error as Error;
        this.setState('idle');
        throw error;
      }
    })().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  /** The transport's connection is gone for good: fail what waits on it, then reconnect with backoff. */
  private async onTransportClosed(error: Error): Promise<void> {
    if (this.state === 'closed') return;
    if (error instanceof McpSessionExpiredError) return void (this.resuming ? (this.resuming.expired = true) : this.renewSession().catch(() => {}));
    this.pending.rejectAll(error);
    this.setState('reconnecting');
    for (let attempt = 0; this.state === 'reconnecting'; attempt++) {
      await sleep(Math.min(500 * 2 ** attempt, 30_000));
      if (this.state !== 'reconnecting') return;
      try {
        await this.connectEra(this.era!);
        this.setState('ready');
      } catch (e) {
        this.lastError = e as Error;
        if (e instanceof McpAuthError) return this.setState('idle');
      }
    }
  }

  /** Opens (or reopens with a new filter) the modern `subscriptions/listen` stream (U-13 … U-16). */
  private async startListening(): Promise<void> {
    this.listen?.abort();
    const caps = this.serverCapabilities;
    const notifications: Params = {};
    if (caps.tools?.listChanged) notifications.toolsListChanged = true;
    if (caps.prompts?.listChanged) notifications.promptsListChanged = true;
    if (caps.resources?.listChanged) notifications.resourcesListChanged = true;
    if (caps.resources?.subscribe && this.subscriptions.size) notifications.resourceSubscriptions = [...this.subscriptions];
    if (!Object.keys(notifications).length) return;
    const controller = (this.listen = new AbortController());
    for (let failures = 0; !controller.signal.aborted && this.state !== 'closed'; failures++) {
      const id = this.pending.allocateId();
      try {
        await this.transport!.send({ jsonrpc: '2.0', id, method: 'subscriptions/listen', params: { notifications, _meta: this.modernMeta() } }, { signal: controller.signal });
        failures = 0;
      } catch (error) {
        if (controller.signal.aborted) return;
        if (!(error instanceof McpStreamLostError)) this.emit('error', error);
      }
      await sleep(Math.min(1000 * 2 ** failures, 30_000) * (0.5 + Math.random() / 2), controller.signal).catch(() => {});
    }
  }

  // ---- authorization (src/core/auth, loaded on first use) -------------------------------

  /** Signs in through `auth.userAgent` and connects; call it straight from a click so the popup is allowed. */
  async authorize({ signal }: { signal?: AbortSignal } = {}): Promise<void> {
    const auth = this.options.auth;
    if (!auth) throw new McpError('authorize() needs the auth option');
    // Opened before any await: browsers only allow popups in the click's own task.
    const popup = (auth.userAgent ?? 'popup') === 'popup' ? openPopup(auth.redirectUri) : undefined;
    try {
      await (await this.loadAuth()).signIn(popup?.userAgent, signal);
    } finally {
      popup?.close();
    }
    await this.connect({ signal });
  }

  /** Forgets this server's tokens (revoking them where the server offers it) and closes the connection. */
  async signOut(): Promise<void> {
    if (!this.options.auth) return;
    await (await this.loadAuth()).signOut();
    await this.close();
  }

  /** Runs an HTTP exchange; a 401/403 lets the auth session refresh, step up or sign in, then it runs again. */
  private async withAuth<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof McpAuthError) || !this.options.auth || !error.status) throw error;
        if (!(await (await this.loadAuth()).recover(error, attempt))) throw error;
      }
    }
  }

  private loadAuth(): Promise<AuthSession> {
    this.authLoading ??= import('../auth/session.js').then(async ({ AuthSession }) => {
      const session = new AuthSession(this.url, this.options.auth!, { store: this.options.store, fetch: this.options.fetch, onState: (s) => this.setAuthState(s) });
      await session.load();
      return (this.auth = session);
    });
    return this.authLoading;
  }

  private setAuthState(state: AuthState): void {
    this.authState = state;
    this.emit('authchange', state);
  }

  // ---- incoming messages ----------------------------------------------------------------

  private onMessage(m: JsonRpcMessage): void {
    if (isResponse(m)) return void this.pending.settle(m);
    if (isRequest(m)) return void this.answerServerRequest(m);
    if (!isNotification(m)) return;
    const params = m.params ?? {};
    switch (m.method) {
      case 'notifications/progress': {
        const token = params.progressToken as RequestId;
        const handler = this.progress.get(token);
        if (!handler) break; // unknown token: drop (U-06)
        this.pending.touch(token, (reason) => this.cancelRequest(token, 'progress', reason));
        handler(params as unknown as Progress);
        this.emit('progress', params);
        break;
      }
      case 'notifications/cancelled':
        this.serverRequests.get(params.requestId as RequestId)?.abort(params.reason ?? 'Cancelled by the server');
        break;
      case 'notifications/message':
        this.emit('log', params);
        break;
      case 'notifications/tools/list_changed':
        this.invalidate('tools/list', 'toolschanged');
        break;
      case 'notifications/prompts/list_changed':
        this.invalidate('prompts/list', 'promptschanged');
        break;
      case 'notifications/resources/list_changed':
        this.invalidate('resources/', 'resourceschanged');
        break;
      case 'notifications/resources/updated':
        this.invalidate('resources/read' + JSON.stringify({ uri: params.uri }), 'resourceupdated', params);
        break;
    }
    this.emit('notification', m);
  }

  /** Answers a legacy server request through the shared input handlers, unless the server cancels it first. */
  private async answerServerRequest(m: JsonRpcRequest): Promise<void> {
    const controller = new AbortController();
    this.serverRequests.set(m.id, controller);
    let reply: JsonRpcMessage;
    try {
      const result = await answerInput(this.options, m.method, m.params, { server: this.serverInfo, signal: controller.signal });
      reply = { jsonrpc: '2.0', id: m.id, result };
    } catch (error) {
      const e = error instanceof McpProtocolError ? error : new McpProtocolError(-32603, error instanceof Error ? error.message : String(error));
      reply = { jsonrpc: '2.0', id: m.id, error: { code: e.code, message: e.message, ...(e.data === undefined ? {} : { data: e.data }) } };
    } finally {
      this.serverRequests.delete(m.id);
    }
    if (controller.signal.aborted || !this.transport) return; // cancelled: no answer is expected
    await this.transport.send(reply).catch((e) => this.emit('error', e));
  }

  private invalidate(prefix: string, event: string, detail?: unknown): void {
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
    this.emit(event, detail);
  }

  private headerProblemWarning(tool: Tool): boolean {
    const problem = headerAnnotationProblem(tool);
    if (problem) this.emit('error', new McpFormatError(`Tool ${tool.name} was left out: ${problem}`));
    return !problem;
  }

  private setState(state: ClientState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit('statechange', state);
  }

  private emit(type: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/** The era cache over the store (checklist MV-09): a cold connect after a reload skips the probes that failed before. */
const storeEraCache = (store: KeyValueStore): EraCache => ({ get: (url) => store.get<Era>(eraKey(url)), set: (url, era) => store.set(eraKey(url), era) });

/** Whether a failed attempt at one era means "try the next" (it is not an auth problem, an abort, or a recognised modern error). */
function canTryNextEra(era: Era, error: unknown): boolean {
  if (error instanceof McpAuthError || error instanceof McpAbortError) return false;
  if (era === 'modern' && error instanceof McpProtocolError) {
    const supported = (error.data as { supported?: unknown })?.supported;
    if (error.code === ERROR.unsupportedVersion) return Array.isArray(supported) && supported.some((v) => LEGACY_VERSIONS.includes(v));
    return error.code !== ERROR.missingCapability && error.code !== ERROR.headerMismatch;
  }
  return error instanceof McpError;
}
