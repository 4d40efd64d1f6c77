// McpClient: one connection to one MCP server, in whichever era the server speaks. A facade: the
// era's Connection (eras/) speaks the protocol, the engine (engine.ts) matches requests and answers,
// input.ts answers what the server asks, authorization.ts signs in, and the store keeps the session.
import { McpAbortError, McpProtocolError, McpStreamLostError } from '../jsonrpc/errors.js';
import type { JsonRpcMessage, JsonRpcNotification, Params } from '../jsonrpc/messages.js';
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
import { ERROR } from '../protocol/versions.js';
import type { AuthState } from '../auth/types.js';
import { batchedStore, type BatchedStore } from '../kv/batched.js';
import type { Catalogue } from '../store/records.js';
import { Authorization } from './authorization.js';
import { RpcEngine, type RequestOptions } from './engine.js';
import type { Connection, Era } from './eras/era.js';
import type { EraCache } from './eras/negotiate.js';
import { Link, type LinkHost } from './link.js';
import { withInput } from './input.js';
import { CHANGES, Lists } from './lists.js';
import { viaRelay, type ClientState, type ListOptions, type McpClientOptions } from './options.js';
import { Persistence } from './persistence.js';
import { Tabs } from './tabs.js';
import type { TaskCallOptions, TaskControl, TaskState, Tasks } from './tasks.js';
import type { DirectoryResource, Skill, SkillFile, Skills } from '../skills/skills.js';

export type { ClientState, Era, EraCache, ListOptions, McpClientOptions, RequestOptions, TaskCallOptions, TaskControl };

/** One entry of a client's log: what a server's `notifications/message` carries, or what `log()` adds. */
export interface LogEntry {
  level: LoggingLevel;
  /** Who logged it: the server's logger name, or the view an element speaks for. */
  logger?: string;
  data?: unknown;
}

/** The events an McpClient fires, each a CustomEvent with this `detail`. */
export interface McpClientEventMap {
  /** The connection state changed; `detail` is the new one. */
  statechange: CustomEvent<ClientState>;
  /** The catalogue changed while connecting: the kept lists were restored, or a list (the early tool list) arrived. */
  catalogue: CustomEvent<undefined>;
  /** Where signing in stands changed, or the issuer signing in goes to was found; `detail` is `authState`. */
  authchange: CustomEvent<AuthState>;
  /** A list changed on the server (`notifications/…/list_changed`); the next list call asks again. */
  toolschanged: CustomEvent<undefined>;
  promptschanged: CustomEvent<undefined>;
  resourceschanged: CustomEvent<undefined>;
  /** A subscribed resource changed (`notifications/resources/updated`); `detail.uri` says which. */
  resourceupdated: CustomEvent<{ uri: string } & Params>;
  /** Every notification from the server, as it came. */
  notification: CustomEvent<JsonRpcNotification>;
  /**
   * A log entry: a server's `notifications/message` (as the server sent it: check it before trusting it), or one added
   * with `log()`.
   */
  log: CustomEvent<LogEntry>;
  /** Progress of one of this client's requests (`notifications/progress`). */
  progress: CustomEvent<Progress>;
  /**
   * A problem that failed no request (a lost stream, a malformed frame, a tool left out, a server request not
   * answered), or one added with `log()`.
   */
  error: CustomEvent<Error>;
  /** A task's status changed (tool calls run as tasks). */
  task: CustomEvent<TaskState>;
}

type EventName = keyof McpClientEventMap;
type Listener<K extends EventName> = (this: McpClient, event: McpClientEventMap[K]) => void;
type AnyListener = EventListenerOrEventListenerObject | null;

/** EventTarget with McpClient's events typed; any other name still takes any listener. */
export interface McpClientEventTarget extends EventTarget {
  addEventListener<K extends EventName>(
    type: K,
    listener: Listener<K>,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: AnyListener, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends EventName>(
    type: K,
    listener: Listener<K>,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: AnyListener, options?: boolean | EventListenerOptions): void;
}

/** A browser-native MCP client for one server URL. */
export class McpClient extends (EventTarget as new () => McpClientEventTarget) {
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
  /**
   * Where signing in stands; `authchange` fires when it changes (also when `authorizationServer`, the issuer signing in
   * goes to, is found).
   */
  authState: AuthState = 'none';
  authorizationServer?: string;
  /**
   * The `store` option with write-behind, where this client keeps its session; elements keep drafts and history in it.
   */
  readonly store?: BatchedStore;
  readonly url: string;

  private readonly link: Link;
  private readonly ctx: LinkHost;
  private readonly engine: RpcEngine;
  private readonly lists: Lists;
  private readonly kept: Persistence;
  private tools = new Map<string, Tool>();
  /** The tool list asked for during the handshake (`listToolsEarly`), for the first listTools() to take. */
  private early?: Promise<Tool[] | undefined>;
  private connecting?: Promise<void>;
  /** Fires an event (McpClientEventMap); an arrow, so the context hands it to the eras and the engine as it is. */
  private readonly emit = (type: string, detail?: unknown): void =>
    void this.dispatchEvent(new CustomEvent(type, { detail }));

  constructor(readonly options: McpClientOptions) {
    super();
    const url = (this.url = options.url);
    const store = options.store && (this.store = batchedStore(options.store));
    // The context's `state` getter reads the client's: `this` inside it is the context.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const client = this;
    const conn = () => this.link.conn;
    const emit = this.emit;
    const onMessage = (m: JsonRpcMessage) => this.onMessage(m);
    // The engine sends over whichever connection the link holds at the time, so it comes first.
    const engine = (this.engine = new RpcEngine(conn, (m, o) => this.link.send(m, o), options, emit));
    // One context serves the eras and the link.
    const ctx: LinkHost = (this.ctx = {
      url,
      options,
      emit,
      events: this,
      subscriptions: new Set(),
      engine,
      kept: (this.kept = new Persistence(url, store)),
      tabs: new Tabs(url, !!store, conn, onMessage),
      auth: new Authorization(url, options.auth, {
        store: options.store,
        fetch: viaRelay(options),
        onState: (s) => emit('authchange', (this.authState = s)),
        onIssuer: (i) => ((this.authorizationServer = i), emit('authchange', this.authState)),
      }),
      get state() {
        return client.state;
      },
      setState: (state, error) => this.setState(state, error),
      adopted: (c) => this.adopted(c),
      // The tool list goes out as soon as the era allows, before the GET stream and the store's bookkeeping.
      handshaken: () =>
        void (
          options.listToolsEarly &&
          conn()?.facts?.capabilities?.tools &&
          (this.early = this.listTools().catch(() => undefined))
        ),
      transportOptions: () => ({
        fetch: ctx.auth.fetch(viaRelay(options) ?? ((...args) => fetch(...args))),
        headers: () => options.headers?.(url) ?? {},
        onMessage,
        onError: (e) => emit('error', e),
        onClose: (e) => this.link.closed(e),
      }),
    });
    this.link = new Link(ctx);
    this.lists = new Lists(engine, () => conn()?.caches);
  }

  /** The lists last seen from the server; restored from the store when connecting, before the network answers. */
  get catalogue(): Catalogue {
    return this.kept.catalogue;
  }

  /**
   * Finds the server's era and connects; resolves when requests can be sent. Calls made while it connects share one
   * attempt.
   */
  connect({ signal }: { signal?: AbortSignal } = {}): Promise<void> {
    if (this.state === 'ready') return Promise.resolve();
    return (this.connecting ??= this.open(signal).finally(() => (this.connecting = undefined)));
  }

  /** Ends the session (DELETE for legacy sessions) and fails whatever still waits. */
  close(): Promise<void> {
    return this.stop(true);
  }

  /**
   * Lets go of this page's streams and stream ownership but keeps the session, on the server and in the store, for a
   * reload to resume.
   */
  async detach(): Promise<void> {
    await this.stop(false);
  }

  /**
   * Forgets this server: ends its session (DELETE), signs out, and deletes everything the store keeps of it: session,
   * era, catalogue, history, drafts, tokens and registration.
   */
  async forget(): Promise<void> {
    // A session an earlier page kept is ended on the server too.
    await this.kept.read().then(() => this.link.adoptKept());
    await this.signOut();
    await this.close();
    await this.kept.forget();
  }

  // ---- server features ----------------------------------------------------------------

  /**
   * All tools, following every cursor; tools the era cannot call (modern: invalid x-mcp-header annotations) are left
   * out.
   */
  async listTools(options: ListOptions = {}): Promise<Tool[]> {
    // Callers that come while the early list is on its way share it (a task re-run must not ask again); once it is in,
    // the next one asks anew.
    const early = !options.cursor && this.early;
    const tools = early && (await early);
    if (early && this.early === early) this.early = undefined;
    if (tools) return tools;
    const listed = (await this.lists.all('tools/list', 'tools', options)) as Tool[];
    const usable = (await this.link.live.usable?.(listed)) ?? listed;
    for (const t of usable) this.tools.set(t.name, t);
    return this.keep('tools', usable, options);
  }

  /**
   * Calls a tool; progress reaches `onProgress` and extends the timeout. A call run as a task is followed to its result
   * (tasks.ts): statuses reach `onTask`, aborting cancels it.
   */
  async callTool(
    name: string,
    args: Record<string, unknown> = {},
    options: TaskCallOptions = {},
  ): Promise<CallToolResult> {
    const tool = this.tools.get(name);
    const params = {
      name,
      arguments: args,
      ...this.link.live.taskParams?.(tool?.execution?.taskSupport, options.task),
    };
    const run = async () =>
      this.withInput('tools/call', params, {
        ...options,
        headers: { ...options.headers, ...(await this.link.live.headers?.('tools/call', params, tool)) },
      });
    let result: Params;
    try {
      result = await run();
    } catch (error) {
      if (await this.link.conn?.recover?.(error, options.signal)) result = await run();
      // The schema we built Mcp-Param-* headers from is stale: refresh it and try once more (HM-12).
      else if (!(error instanceof McpProtocolError && error.code === ERROR.headerMismatch)) throw error;
      else result = await this.listTools({ signal: options.signal }).then(run);
    }
    return result.resultType === 'task' || result.task
      ? (await this.tasks()).follow(result, name, args, options)
      : (result as unknown as CallToolResult);
  }

  /**
   * Lower-level task control, loaded on first use: `(await client.tasks()).get(taskId)`; also cancel, list
   * (2025-11-25), resume after a reload, pending.
   */
  tasks(): Promise<Tasks> {
    return (this.taskModule ??= import('./tasks.js').then((m) => new m.Tasks(this)));
  }
  private taskModule?: Promise<Tasks>;

  // Skills (SEP-2640): thin stubs; the code (skills.ts) loads on the first call, and nothing is read ahead of need.
  /** The server's skills, every page (one page from `cursor`), kept for their `ttlMs`; none without the extension. */
  listSkills(options?: ListOptions): Promise<Skill[]> {
    return this.skills().then((s) => s.listSkills(options));
  }
  /** One skill by its SKILL.md URI, listed or not. */
  getSkill(uri: string, options?: RequestOptions): Promise<Skill> {
    return this.skills().then((s) => s.getSkill(uri, options));
  }
  /**
   * One file of a skill (SKILL.md without `ref`), verified against the entry: listed, size, sha256 and SKILL.md's
   * frontmatter; a mismatch throws McpSkillVerificationError and returns nothing.
   */
  readSkillFile(skill: Skill, ref?: string, options?: RequestOptions): Promise<SkillFile> {
    return this.skills().then((s) => s.readSkillFile(skill, ref, options));
  }
  /** The children of a skill directory (`resources/directory/read`, where the server offers it). */
  readSkillDirectory(uri: string, options?: RequestOptions): Promise<DirectoryResource[]> {
    return this.skills().then((s) => s.readSkillDirectory(uri, options));
  }
  private skills(): Promise<Skills> {
    return (this.skillModule ??= import('../skills/skills.js').then((m) => new m.Skills(this, this.lists)));
  }
  private skillModule?: Promise<Skills>;

  async listResources(options: ListOptions = {}): Promise<Resource[]> {
    return this.keep(
      'resources',
      (await this.lists.all('resources/list', 'resources', options)) as Resource[],
      options,
    );
  }
  async listResourceTemplates(options: ListOptions = {}): Promise<ResourceTemplate[]> {
    return this.keep(
      'resourceTemplates',
      (await this.lists.all('resources/templates/list', 'resourceTemplates', options)) as ResourceTemplate[],
      options,
    );
  }
  async readResource(uri: string, options: RequestOptions = {}): Promise<ReadResourceResult> {
    return (await this.withInput('resources/read', { uri }, options)) as unknown as ReadResourceResult;
  }

  /** Asks for `resourceupdated` events for this URI (legacy `resources/subscribe`; modern: the listen stream). */
  async subscribe(uri: string, options: RequestOptions = {}): Promise<void> {
    this.ctx.subscriptions.add(uri);
    await this.link.live.subscribe(uri, true, options);
  }
  async unsubscribe(uri: string, options: RequestOptions = {}): Promise<void> {
    this.ctx.subscriptions.delete(uri);
    await this.link.live.subscribe(uri, false, options);
  }

  async listPrompts(options: ListOptions = {}): Promise<Prompt[]> {
    return this.keep('prompts', (await this.lists.all('prompts/list', 'prompts', options)) as Prompt[], options);
  }
  async getPrompt(
    name: string,
    args: Record<string, string> = {},
    options: RequestOptions = {},
  ): Promise<GetPromptResult> {
    return (await this.withInput('prompts/get', { name, arguments: args }, options)) as unknown as GetPromptResult;
  }

  /** Suggestions for one argument of a prompt or resource template. */
  async complete(
    ref: CompletionRef,
    argument: { name: string; value: string },
    context?: { arguments?: Record<string, string> },
    options: RequestOptions = {},
  ): Promise<CompleteResult['completion']> {
    const result = await this.request(
      'completion/complete',
      { ref, argument, ...(context ? { context } : {}) },
      options,
    );
    return (result as unknown as CompleteResult).completion;
  }

  /** Sets the server's log level (legacy `logging/setLevel`; modern: sent with every request, MV-10). */
  async setLogLevel(level: LoggingLevel, options: RequestOptions = {}): Promise<void> {
    this.ctx.logLevel = level;
    await this.link.live.setLogLevel?.(level, options);
  }

  /** Checks the server is alive (legacy `ping`; modern servers have no ping, so `server/discover`). */
  async ping(options: RequestOptions = {}): Promise<void> {
    await this.link.live.ping(options);
  }

  /** Sends one request and resolves with its result; lower level than the feature methods. */
  async request(method: string, params: Params = {}, options: RequestOptions = {}): Promise<Params> {
    void this.link.live;
    return this.engine.request(method, params, options);
  }

  /**
   * Adds an entry to this client's log, where its log views show it: an entry fires `log`, an Error fires `error`, as
   * the server's own would.
   */
  log(entry: LogEntry | Error): void {
    this.emit(entry instanceof Error ? 'error' : 'log', entry);
  }

  /** Signs in through `auth.userAgent` and connects; call it straight from a click so the popup is allowed. */
  async authorize({ signal }: { signal?: AbortSignal } = {}): Promise<void> {
    await this.ctx.auth.signIn(signal);
    await this.connect({ signal });
  }

  /** Forgets this server's tokens (revoking them where the server offers it) and closes the connection. */
  async signOut(): Promise<void> {
    if (await this.ctx.auth.signOut()) await this.close();
  }

  // ---- inside --------------------------------------------------------------------------

  private async open(signal?: AbortSignal): Promise<void> {
    // The catalogue, the kept record, the era and the tab locks are asked for at once: the first request waits only for
    // the slowest. The catalogue arrives when it does (`catalogue` event); the network does not wait for it.
    void this.kept.restore().then(() => this.state === 'connecting' && this.emit('catalogue'));
    this.link.prefetch();
    this.ctx.tabs.join();
    const authLoaded = this.options.auth ? this.ctx.auth.load() : undefined;
    authLoaded?.catch(() => {}); // awaited below
    this.setState('connecting');
    try {
      await authLoaded;
      await this.ctx.auth.retrying(() => this.link.open(signal));
      await this.ctx.tabs.joined;
      this.lastError = undefined;
      this.setState('ready');
      // A client that can answer sampling, elicitation or roots will be asked: bring input.late.ts now, off the
      // start-up path.
      if (this.options.onSampling || this.options.onElicitation || this.options.onRoots)
        import('./input.late.js').catch(() => {});
    } catch (error) {
      this.lastError = error as Error;
      this.setState('idle');
      throw error;
    }
  }

  /**
   * A request that may come back `input_required`; one whose stream broke is re-issued once where repeating it is safe
   * (HM-16).
   */
  private withInput(method: string, params: Params, options: RequestOptions): Promise<Params> {
    const tool = method === 'tools/call' ? this.tools.get(params.name as string) : undefined;
    const safe = !tool
      ? method !== 'tools/call'
      : tool.annotations?.idempotentHint === true || tool.annotations?.readOnlyHint === true;
    const send = (p: Params) =>
      this.request(method, p, options).catch((error) =>
        error instanceof McpStreamLostError && safe ? this.request(method, p, options) : Promise.reject(error),
      );
    return withInput(send, method, params, this.options, {
      server: this.serverInfo,
      signal: this.engine.asking(options.signal),
    });
  }

  /** Remembers a complete list in the catalogue (and the store); a single page is not a catalogue. */
  private keep<K extends keyof Catalogue>(
    key: K,
    items: NonNullable<Catalogue[K]>,
    { cursor }: ListOptions,
  ): NonNullable<Catalogue[K]> {
    if (cursor === undefined) this.kept.keep(key, items);
    // Elements show the catalogue until the connection is ready (the early tool list among it).
    if (this.state === 'connecting') this.emit('catalogue');
    return items;
  }

  /** Takes over what the server said about itself when a connection opened. */
  private adopted(c: Connection): void {
    const f = c.facts!;
    this.era = c.era;
    this.protocolVersion = f.protocolVersion;
    this.serverInfo = f.serverInfo;
    this.serverCapabilities = f.capabilities ?? {};
    this.instructions = f.instructions;
    this.lists.invalidate();
  }

  private async stop(endSession: boolean): Promise<void> {
    this.setState('closed');
    this.engine.abortAll(new McpAbortError('The client was closed'));
    // Ending a session holds the tabs' connect lock, so no client resumes it while it goes.
    const close = () => this.link.close(endSession);
    await (endSession ? this.link.oneTabAtATime(close) : close());
    this.ctx.tabs.leave();
    await this.kept.flush();
  }

  private onMessage(m: JsonRpcMessage): void {
    const params = this.engine.receive(m);
    if (!params) return;
    const method = (m as { method: string }).method;
    const [event, stale] = CHANGES[method] ?? [];
    if (event) this.invalidate(stale, event);
    if (method === 'notifications/resources/updated')
      this.invalidate('resources/read' + JSON.stringify({ uri: params.uri }), 'resourceupdated', params);
    if (method === 'notifications/message') this.emit('log', params);
    this.emit('notification', m);
  }

  private invalidate(prefix: string, event: string, detail?: unknown): void {
    if (event === 'toolschanged') this.early = undefined;
    (this.lists.invalidate(prefix), this.emit(event, detail));
  }

  private setState(state: ClientState, error?: Error): void {
    if (error) this.lastError = error;
    if (this.state === state) return;
    this.state = state;
    this.emit('statechange', state);
  }
}
