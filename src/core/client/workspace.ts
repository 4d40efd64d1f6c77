// Several MCP servers as one (issue 30): each server's client from the page's pool, one tool list
// across them with a name that is unique per server, each call routed to its server, and one
// server's failure (down, refused, needs sign-in) kept to that server.
import type { CallToolResult, Tool } from '../protocol/types.js';
import type { McpClient, McpClientOptions, TaskCallOptions } from './client.js';
import { sharedClient, type ClientLease } from './pool.js';

/** One server of a workspace, as the host adds it: the client options of its own, and a name to show. */
export interface WorkspaceServerOptions extends Omit<McpClientOptions, 'headers'> {
  /** What to call the server (default: its title once connected, its host until then). */
  name?: string;
  /** Headers for every request to this server only (an API key), instead of or beside OAuth. */
  headers?: Record<string, string>;
}

/** A server in a workspace. */
export interface WorkspaceServer {
  readonly url: string;
  /** The client (shared with everything on the page that names this server the same way). */
  readonly client: McpClient;
  /** What tool names of this server start with in the merged list: `<prefix>__<tool>`. */
  readonly prefix: string;
  /** The name the host gave, else the server's title, else its host. */
  readonly name: string;
  /** Why connecting or listing last failed, until it next succeeds. */
  error?: Error;
}

/** A tool of the merged list: `name` is unique across servers; `tool` is the server's own definition. */
export interface WorkspaceTool {
  name: string;
  tool: Tool;
  server: WorkspaceServer;
}

/** What every server's client shares: the store, sign-in settings and the input handlers, and how to make one. */
export interface WorkspaceOptions extends Pick<
  McpClientOptions,
  'store' | 'auth' | 'onSampling' | 'onElicitation' | 'onRoots' | 'samplingTools' | 'apps' | 'clientInfo'
> {
  servers?: WorkspaceServerOptions[];
  /** How a server's client is obtained (default: the page's pool, `sharedClient`). */
  lease?: (options: McpClientOptions) => ClientLease;
}

interface Held extends WorkspaceServer {
  lease: ClientLease;
  given?: string;
  off: AbortController;
}

/** `My Server 2.0` -> `my_server_2_0`: what an LLM's tool names allow (`[a-zA-Z0-9_-]`), short. */
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 24) || 'server';

/**
 * Several servers as one: `listTools()` merges their tools (each named `<server prefix>__<tool>`), `callTool()` runs
 * one on its own server. Fires `change` (detail: the server) when a server's state, name or tool list changes.
 */
export class McpWorkspace extends EventTarget {
  private held: Held[] = [];

  constructor(readonly options: WorkspaceOptions = {}) {
    super();
    for (const s of options.servers ?? []) this.add(s);
  }

  get servers(): readonly WorkspaceServer[] {
    return this.held;
  }

  /** Adds a server (one already there is returned as it is); it connects on `connect()` or its first list. */
  add({ name, headers, ...rest }: WorkspaceServerOptions): WorkspaceServer {
    const url = new URL(rest.url).href;
    const there = this.held.find((s) => s.url === url);
    if (there) return there;
    const { lease: make = sharedClient, servers: _, ...shared } = this.options;
    const lease = make({ ...shared, ...rest, url, headers: headers && (() => headers) });
    const client = lease.client;
    const taken = new Set(this.held.map((s) => s.prefix));
    let prefix = slug(name || new URL(url).hostname);
    for (let n = 2; taken.has(prefix); n++) prefix = `${prefix.replace(/_\d+$/, '')}_${n}`;
    const held: Held = {
      url,
      client,
      prefix,
      lease,
      given: name,
      off: new AbortController(),
      get name() {
        return this.given || client.serverInfo?.title || client.serverInfo?.name || new URL(url).host;
      },
    };
    const changed = () => this.dispatchEvent(new CustomEvent('change', { detail: held }));
    for (const type of ['statechange', 'toolschanged', 'authchange'])
      client.addEventListener(type, changed, { signal: held.off.signal });
    this.held.push(held);
    changed();
    return held;
  }

  /** Renames a server (an empty name goes back to the server's own). */
  rename(url: string, name: string): void {
    const s = this.find(url);
    if (s) ((s.given = name.trim() || undefined), this.dispatchEvent(new CustomEvent('change', { detail: s })));
  }

  /**
   * Takes a server out and lets go of its client; with `forget`, also ends its session and deletes what the store
   * keeps of it (session, tokens, catalogue, history, drafts).
   */
  async remove(url: string, { forget = false } = {}): Promise<void> {
    const s = this.find(url);
    if (!s) return;
    this.held = this.held.filter((h) => h !== s);
    s.off.abort();
    if (forget) await s.client.forget().catch(() => {});
    s.lease.release(forget);
    this.dispatchEvent(new CustomEvent('change', { detail: s }));
  }

  /** Connects every server at once; resolves when each has connected or failed (its `error` says why). */
  async connect(): Promise<void> {
    await Promise.all(this.held.map((s) => this.settle(s, () => s.client.connect())));
  }

  /** Every server's tools, merged; a server that fails adds none (its `error` says why) and delays no other. */
  async listTools(): Promise<WorkspaceTool[]> {
    const lists = await Promise.all(
      this.held.map((s) =>
        this.settle(s, async () => {
          await s.client.connect();
          return (await s.client.listTools()).map((tool) => ({ name: `${s.prefix}__${tool.name}`, tool, server: s }));
        }),
      ),
    );
    return lists.flatMap((l) => l ?? []);
  }

  /** Calls a tool of the merged list (`<prefix>__<tool>`) on its own server, connecting it first if need be. */
  async callTool(name: string, args: Record<string, unknown> = {}, options?: TaskCallOptions): Promise<CallToolResult> {
    const s = this.held.find((h) => name.startsWith(`${h.prefix}__`));
    if (!s) throw new RangeError(`No server in this workspace has the tool ${JSON.stringify(name)}`);
    await s.client.connect({ signal: options?.signal });
    return s.client.callTool(name.slice(s.prefix.length + 2), args, options);
  }

  /** Lets go of every server's client (each closes when nothing else on the page holds it). */
  close(): void {
    for (const s of this.held) (s.off.abort(), s.lease.release());
    this.held = [];
  }

  private find(url: string): Held | undefined {
    return URL.canParse(url) ? this.held.find((s) => s.url === new URL(url).href) : undefined;
  }

  private async settle<T>(s: Held, step: () => Promise<T>): Promise<T | undefined> {
    try {
      const value = await step();
      s.error = undefined;
      return value;
    } catch (error) {
      s.error = error as Error;
      this.dispatchEvent(new CustomEvent('change', { detail: s }));
      return undefined;
    }
  }
}
