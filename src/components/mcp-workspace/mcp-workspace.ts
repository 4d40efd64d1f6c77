// <mcp-workspace>: several MCP servers in one element (issue 30), over the headless McpWorkspace. Its own
// lazy chunk: src/index.ts starts loading it at once, so pages with one server pay only that line.
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defaultStore, leaseClient } from '../../controllers/client-factory.js';
import type { AuthOptions } from '../../core/auth/types.js';
import type { McpClient, McpClientOptions } from '../../core/client/client.js';
import { samplingRejected } from '../../core/client/input.js';
import { McpWorkspace, type WorkspaceServer } from '../../core/client/workspace.js';
import { McpError } from '../../core/jsonrpc/errors.js';
import type { KeyValueStore } from '../../core/kv/store.js';
import type {
  CreateMessageParams,
  CreateMessageResult,
  ElicitParams,
  ElicitResult,
  Tool,
} from '../../core/protocol/types.js';
import { forgetServer } from '../../core/store/forget.js';
import { headerKey } from '../../core/store/header.js';
import { readSavedServers, writeSavedServers, type SavedServer } from '../../core/store/records.js';
import { McpElicitationRequestEvent, McpSamplingRequestEvent } from '../../events/events.js';
import { McpServerAddEvent, McpServerRemoveEvent } from './events.js';
import { filterTools, toolTitle } from '../../internal/catalogue.js';
import { serverNameAt } from '../../internal/dialog.js';
import { dialogIn, enqueue, RateWindow, type SamplingHandler } from '../../internal/human-in-the-loop.js';
import type { McpElicitationDialog } from '../mcp-elicitation-dialog/mcp-elicitation-dialog.js';
import type { McpSamplingDialog } from '../mcp-sampling-dialog/mcp-sampling-dialog.js';
import { catalogueStyles, tokens } from '../shared.styles.js';
import { wsMsg } from './messages.js';
import { isHeaderName, statusOf, tailOf, type ServerStatus } from './status.js';
import { styles } from './mcp-workspace.styles.js';
import '../mcp-tool-form/define.js';
import '../mcp-resource-browser/define.js';
import '../mcp-prompt-list/define.js';
import { loadDialogs } from '../load-dialogs.js';
import { toolsOf } from '../../controllers/tools.js';

/** A header the person gave for one server: sent only to it, kept under `headerKey(url)`. */
interface KeptHeader {
  name: string;
  value: string;
}

/** Per server: its sampling and elicitation rate windows. */
type Windows = [RateWindow, RateWindow];

/**
 * @summary Several MCP servers in one element: add, rename and remove servers, each with its own status and sign-in;
 * one searchable tool catalogue across them, each tool's form running on its own server; resources and prompts per
 * server; every server's sampling and elicitation requests in one queue of dialogs.
 * @fires mcp-server-add - The person added a server (`url`).
 * @fires mcp-server-remove - The person removed a server (`url`) and everything kept for it was forgotten.
 * @fires mcp-sampling-request - A server asks to use the page's LLM (cancelable: preventDefault() rejects).
 * @fires mcp-elicitation-request - A server asks the user for information (cancelable: preventDefault() declines).
 * @fires mcp-tool-call - From a tool's <mcp-tool-form>: a tool is about to be called (cancelable).
 * @fires mcp-tool-result - From a tool's <mcp-tool-form>: a call finished.
 * @slot header - Host content above the servers (a logo, a product name).
 * @slot empty - Shown where a tool's form goes while no tool is chosen (default: "Choose a tool to see its form.").
 * @slot footer - Host content below the workspace.
 * @cssstate empty - No server in the workspace.
 * @cssstate connecting - A server is connecting.
 * @cssstate needs-auth - A server needs the person to sign in.
 * @cssstate error - A server is down or refuses the page's origin.
 * @csspart servers - The column with the add form and the servers.
 * @csspart add - The form that adds a server.
 * @csspart list - The list of servers.
 * @csspart server - One server's entry; its `data-status` is idle, connecting, connected, needs-auth, refused or down.
 * @csspart server-name - A server's name (its URL until its title is known).
 * @csspart server-status - A server's status.
 * @csspart header-value - The header kept for a server, masked.
 * @csspart sign-in - A server's Sign in button.
 * @csspart catalogue - The tool catalogue, the chosen tool's form and the servers' resources and prompts.
 * @csspart search - The catalogue's search field.
 * @csspart tools - The catalogue's list.
 * @csspart tool - One tool's button (also `tool selected`).
 * @csspart tool-server - The server a catalogue entry belongs to.
 * @csspart form - The chosen tool's <mcp-tool-form>.
 * @csspart lists - One server's resources or prompts (a disclosure).
 */
export class McpWorkspaceElement extends LitElement {
  static override styles = [tokens, catalogueStyles, styles];

  private internals = this.attachInternals();

  /** OAuth settings for servers that need sign-in, as on <mcp-client>. */
  @property({ attribute: false }) auth?: AuthOptions;
  /** Shorthand for `auth = { redirectUri }`. */
  @property({ attribute: 'redirect-uri' }) redirectUri?: string;
  /** Where the server list and every server's data are kept; default: IndexedDB database `mcp-web-components`. */
  @property({ attribute: false }) store?: KeyValueStore;
  /** The page's LLM, used for sampling requests a person approved, as on <mcp-client>. */
  @property({ attribute: false }) samplingHandler?: SamplingHandler;
  /** Host policy for sampling requests (`ask`, `approve`, `reject`), as on <mcp-client>. */
  @property({ attribute: false }) samplingPolicy?: (params: CreateMessageParams) => 'ask' | 'approve' | 'reject';
  /** Headers for every request to a server (an API key), by server URL; read when the server is added or restored. */
  @property({ attribute: false }) headers?: (url: string) => Record<string, string> | undefined;
  /** How many sampling requests each server may make per minute before they are refused. */
  @property({ type: Number, attribute: 'sampling-rate-limit' }) samplingRateLimit = 10;
  /** Elicitation requests each server may make per minute; more are answered `cancel`. */
  @property({ type: Number, attribute: 'elicitation-rate-limit' }) elicitationRateLimit = 10;

  @state() private saved: SavedServer[] = [];
  /** Each connected server's tools, by URL. */
  @state() private tools = new Map<string, Tool[]>();
  @state() private query = '';
  @state() private chosen?: { url: string; tool: Tool };
  @state() private renaming?: string;
  @state() private problem = '';
  @state() private note = '';
  /** The resources or prompts disclosures open (`r <url>`, `p <url>`): only those render their lists. */
  @state() private open = new Set<string>();
  private ws?: McpWorkspace;
  private loading?: Promise<void>;
  private kept = new Map<string, KeptHeader>();
  private windows = new Map<string, Windows>();

  /** The servers, in the order they were added: each with its `url`, `name`, `client` and last `error`. */
  get servers(): readonly WorkspaceServer[] {
    return this.ws?.servers ?? [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ws?.close();
    this.ws = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.isConnected && (!this.ws || changed.has('store') || changed.has('auth') || changed.has('redirectUri')))
      this.load();
  }

  protected override updated(): void {
    const all = this.servers.map((s) => this.statusOf(s));
    const on: Record<string, boolean> = {
      empty: !this.saved.length,
      connecting: all.includes('connecting'),
      'needs-auth': all.includes('needs-auth'),
      error: all.includes('down') || all.includes('refused'),
    };
    for (const [name, yes] of Object.entries(on))
      yes ? this.internals.states.add(name) : this.internals.states.delete(name);
  }

  /**
   * Adds a server, saves it and connects it; `header` is a header the person gives (an API key), kept like a token
   * and sent only to this server. A server already there with the same relay and no header either is left as it is.
   */
  async addServer(url: string, { relay, header }: { relay?: string; header?: KeptHeader } = {}): Promise<void> {
    await this.ready();
    const href = new URL(url).href;
    const there = this.saved.find((s) => s.url === href);
    if (there && there.relay === relay && !there.header && !header) return;
    const store = this.storeOf();
    await this.ws?.remove(href); // added again: with what was given now
    if (header) await store.set(headerKey(href), header);
    else await store.del(headerKey(href));
    const entry: SavedServer = { url: href, name: there?.name ?? '' };
    if (relay) entry.relay = relay;
    if (header) entry.header = header.name;
    await this.save([...this.saved.filter((s) => s.url !== href), entry]);
    this.open1(entry, header);
    this.note = wsMsg().wsAdded(new URL(href).host);
    this.dispatchEvent(new McpServerAddEvent(href));
  }

  /** Renames a server (an empty name goes back to its own title). */
  async renameServer(url: string, name: string): Promise<void> {
    await this.ready();
    await this.save(this.saved.map((s) => (s.url === url ? { ...s, name: name.trim() } : s)));
    this.ws?.rename(url, name);
  }

  /** Removes a server and forgets all kept for it: session (ended), tokens (revoked), header, drafts, history. */
  async removeServer(url: string): Promise<void> {
    await this.ready();
    const gone = this.saved.find((s) => s.url === url);
    if (!gone) return;
    const name = this.nameOf(url);
    await this.save(this.saved.filter((s) => s !== gone));
    await this.ws?.remove(url, { forget: true });
    await forgetServer(this.storeOf(), url);
    this.kept.delete(url);
    this.windows.delete(url);
    this.tools.delete(url);
    this.tools = new Map(this.tools);
    if (this.chosen?.url === url) this.chosen = undefined;
    this.note = wsMsg().wsRemoved(name);
    this.dispatchEvent(new McpServerRemoveEvent(url));
  }

  override render() {
    const m = wsMsg();
    return html`<slot name="header"></slot>
      <div part="layout">
        <section part="servers" aria-labelledby="servers">
          <h2 id="servers">${m.wsServers}</h2>
          <form part="add" aria-label=${m.addServer} @submit=${this.onAdd} novalidate>
            <span><label for="url">${m.serverUrl}</label><input id="url" name="url" type="url" required placeholder="https://example.com/mcp" /></span>
            <span><label for="relay">${m.wsRelay}</label><input id="relay" name="relay" type="url" /></span>
            <span><label for="header">${m.wsHeaderName}</label><input id="header" name="header" autocomplete="off" placeholder="X-API-Key" /></span>
            <span><label for="value">${m.wsHeaderValue}</label><input id="value" name="value" type="password" autocomplete="off" /></span>
            <button type="submit" class="primary">${m.wsAdd}</button>
          </form>
          ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
          <p class="muted" role="status">${this.note}</p>
          ${
            this.saved.length
              ? html`<ul part="list" aria-labelledby="servers">${this.saved.map((s) => this.renderServer(s))}</ul>`
              : html`<p class="muted">${m.wsEmpty}</p>`
          }
        </section>
        <section part="catalogue" aria-label=${m.tools}>${this.renderCatalogue()}</section>
      </div>
      <slot name="footer"></slot>`;
  }

  private renderServer(saved: SavedServer) {
    const m = wsMsg();
    const s = this.servers.find((x) => x.url === saved.url);
    const status = s ? this.statusOf(s) : 'idle';
    const name = this.nameOf(saved.url);
    const id = `s${this.saved.indexOf(saved)}`;
    const kept = this.kept.get(saved.url);
    const said = {
      idle: m.state.idle,
      connecting: m.state.connecting,
      connected: m.state.ready,
      'needs-auth': m.wsNeedsSignIn,
      refused: m.wsRefused,
      down: m.wsDown,
    }[status];
    if (this.renaming === saved.url)
      return html`<li part="server" data-status=${status}>
        <form @submit=${(e: Event) => this.onRename(e, saved.url)}>
          <label for="rename">${m.newNameFor(name)}</label> <input id="rename" name="name" .value=${saved.name} />
          <button type="submit">${m.save}</button>
          <button type="button" @click=${() => (this.renaming = undefined)}>${m.cancel}</button>
        </form>
      </li>`;
    return html`<li part="server" data-status=${status}>
      <span class="who"><strong part="server-name" id=${id}>${name}</strong>${name !== saved.url ? html`<span class="url">${saved.url}</span>` : nothing}</span>
      <span part="server-status" data-status=${status}>${said}</span>
      ${kept ? html`<span part="header-value" class="muted">${m.wsHeaderKept(kept.name, tailOf(kept.value))}</span>` : nothing}
      ${(status === 'down' || status === 'refused') && s?.error ? html`<span class="error">${s.error.message}</span>` : nothing}
      <span class="actions">
        ${
          status === 'needs-auth'
            ? this.authOptions()
              ? html`<button part="sign-in" class="primary" aria-describedby=${id} @click=${() => s && this.reach(s, (c) => c.authorize())}>${m.signIn}</button>`
              : html`<span class="muted">${m.authNotConfigured}</span>`
            : nothing
        }
        ${status === 'down' || status === 'refused' ? html`<button aria-describedby=${id} @click=${() => s && this.reach(s, (c) => c.connect())}>${m.retry}</button>` : nothing}
        <button aria-describedby=${id} @click=${() => (this.renaming = saved.url)}>${m.rename}</button>
        <button class="danger" aria-describedby=${id} @click=${() => this.removeServer(saved.url)}>${m.remove}</button>
      </span>
    </li>`;
  }

  private renderCatalogue() {
    const m = wsMsg();
    const entries = this.servers.flatMap((s) =>
      filterTools(this.tools.get(s.url) ?? [], this.query).map((tool) => ({ s, tool })),
    );
    const chosen = this.chosen && this.servers.find((s) => s.url === this.chosen!.url);
    return html`<input part="search" type="search" aria-label=${m.searchTools} placeholder=${m.searchTools} .value=${this.query} @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
      ${
        entries.length
          ? html`<ul part="tools" class="list" aria-label=${m.tools}>
            ${entries.map(({ s, tool }) => {
              const on = this.chosen?.url === s.url && this.chosen.tool.name === tool.name;
              return html`<li>
                <button part=${on ? 'tool selected' : 'tool'} class="entry" aria-pressed=${on ? 'true' : 'false'} @click=${() => (this.chosen = { url: s.url, tool })}>
                  <span>${toolTitle(tool)}</span> <span part="tool-server" class="muted">${this.nameOf(s.url)}</span>
                </button>
              </li>`;
            })}
          </ul>`
          : this.query
            ? html`<p class="muted">${m.noMatches}</p>`
            : nothing
      }
      ${
        chosen
          ? html`<h3>${m.wsToolOf(toolTitle(this.chosen!.tool), this.nameOf(chosen.url))}</h3>
            <mcp-tool-form part="form" .client=${chosen.client} .tool=${this.chosen!.tool.name} .definition=${this.chosen!.tool}></mcp-tool-form>`
          : html`<slot name="empty"><p class="muted">${m.chooseTool}</p></slot>`
      }
      ${this.servers.map((s) => {
        const caps = s.client.state === 'ready' ? (s.client.serverCapabilities ?? {}) : {};
        const name = this.nameOf(s.url);
        return html`${caps.resources ? this.renderLists(`r ${s.url}`, m.wsResourcesOf(name), html`<mcp-resource-browser .client=${s.client}></mcp-resource-browser>`) : nothing}
        ${caps.prompts ? this.renderLists(`p ${s.url}`, m.wsPromptsOf(name), html`<mcp-prompt-list .client=${s.client}></mcp-prompt-list>`) : nothing}`;
      })}`;
  }

  private renderLists(key: string, label: string, content: unknown) {
    const open = this.open.has(key);
    return html`<details part="lists" ?open=${open} @toggle=${(e: Event) => this.onToggle(key, (e.target as HTMLDetailsElement).open)}>
      <summary>${label}</summary>
      ${open ? content : nothing}
    </details>`;
  }

  /** Starts over from the store: the saved servers, their kept headers, each connecting on its own. */
  private load(): void {
    this.ws?.close();
    const store = this.storeOf();
    const ws = (this.ws = new McpWorkspace({
      store,
      auth: this.authOptions(),
      lease: (options) => leaseClient({ ...options, headers: this.headersOf(options.url) }),
    }));
    ws.addEventListener('change', (e) => this.onChange(ws, (e as CustomEvent<WorkspaceServer>).detail));
    this.tools = new Map();
    this.chosen = undefined;
    this.loading = (async () => {
      const list = await readSavedServers(store);
      const headers = await Promise.all(
        list.map((s) => (s.header ? store.get<KeptHeader>(headerKey(s.url)) : undefined)),
      );
      if (ws !== this.ws) return;
      this.saved = list;
      list.forEach((s, i) => this.open1(s, headers[i]));
    })();
  }

  /** Puts a saved server in the workspace and connects it (its failure is its own). */
  private open1(saved: SavedServer, header?: KeptHeader): void {
    if (!this.ws) return;
    if (header) this.kept.set(saved.url, header);
    else this.kept.delete(saved.url);
    const url = saved.url;
    const s = this.ws.add({
      url,
      relay: saved.relay,
      name: saved.name || undefined,
      onSampling: (params, { signal }) => this.askSampling(url, params, signal),
      onElicitation: (params, { signal }) => this.askElicitation(url, params, signal),
    });
    void this.reach(s, (c) => c.connect());
  }

  /**
   * What the server's client sends besides its own headers: the host's (its function as it is, so elements given the
   * same `headers` share a client) and the one the person gave for this server.
   */
  private headersOf(url: string): McpClientOptions['headers'] {
    const kept = this.kept.get(url);
    return kept ? (u) => ({ ...this.headers?.(u), [kept.name]: kept.value }) : this.headers;
  }

  /** Runs a step that ends connected (connect, sign in); its failure stays on its server's entry. */
  private async reach(s: WorkspaceServer, step: (client: McpClient) => Promise<void>): Promise<void> {
    s.error = undefined;
    this.requestUpdate();
    try {
      await step(s.client);
    } catch (error) {
      s.error = error as Error;
    }
    if (this.ws) this.onChange(this.ws, s);
  }

  /** A server's state, name or tool list changed: its tools are listed again once it is connected. */
  private onChange(ws: McpWorkspace, s: WorkspaceServer): void {
    if (ws !== this.ws) return;
    this.requestUpdate();
    if (s.client.state !== 'ready' || !ws.servers.includes(s)) return;
    toolsOf(s.client).then(
      (tools) => {
        if (!ws.servers.includes(s)) return;
        this.tools = new Map(this.tools).set(s.url, tools);
        // A changed list keeps the open form while its tool is still listed.
        if (this.chosen?.url === s.url) {
          const tool = tools.find((t) => t.name === this.chosen!.tool.name);
          this.chosen = tool && { url: s.url, tool };
        }
      },
      (error: Error) => ((s.error = error), this.requestUpdate()),
    );
  }

  private statusOf(s: WorkspaceServer): ServerStatus {
    return statusOf(s.client.state, s.client.authState, s.error);
  }

  /** The name the person gave, else the server's title, else its URL. */
  private nameOf(url: string): string {
    const info = this.servers.find((s) => s.url === url)?.client.serverInfo;
    return this.saved.find((s) => s.url === url)?.name || info?.title || info?.name || url;
  }

  private storeOf(): KeyValueStore {
    return this.store ?? defaultStore();
  }

  private authOptions(): AuthOptions | undefined {
    return this.auth ?? (this.redirectUri ? { redirectUri: this.redirectUri } : undefined);
  }

  /** Resolves once the saved list is loaded (the first update starts loading it). */
  private async ready(): Promise<void> {
    await this.updateComplete;
    await this.loading;
  }

  private async save(list: SavedServer[]): Promise<void> {
    this.saved = list;
    await writeSavedServers(this.storeOf(), list);
  }

  private windowsOf(url: string): Windows {
    let w = this.windows.get(url);
    if (!w)
      this.windows.set(
        url,
        (w = [new RateWindow(() => this.samplingRateLimit), new RateWindow(() => this.elicitationRateLimit)]),
      );
    return w;
  }

  private async askSampling(
    url: string,
    params: CreateMessageParams,
    signal: AbortSignal,
  ): Promise<CreateMessageResult> {
    const client = this.clientOf(url);
    const server = client?.serverInfo;
    const host = new URL(url).host;
    if (!this.windowsOf(url)[0].take()) throw samplingRejected(wsMsg().rateLimited(serverNameAt(server, host)));
    const policy = this.samplingPolicy?.(params) ?? 'ask';
    if (policy === 'reject' || !this.dispatchEvent(new McpSamplingRequestEvent(params, server)))
      throw samplingRejected();
    if (policy === 'approve' && this.samplingHandler) return this.samplingHandler(params, { signal });
    return enqueue(
      () =>
        signal.aborted
          ? Promise.reject(signal.reason)
          : loadDialogs().then(() =>
              dialogIn<McpSamplingDialog>(this, 'mcp-sampling-dialog').open({
                params,
                server,
                host,
                signal,
                handler: this.samplingHandler,
              }),
            ),
      async () => {
        throw samplingRejected(this.log(client, wsMsg().queueFull(serverNameAt(server, host))));
      },
      signal,
    );
  }

  private async askElicitation(url: string, params: ElicitParams, signal: AbortSignal): Promise<ElicitResult> {
    const client = this.clientOf(url);
    const server = client?.serverInfo;
    const host = new URL(url).host;
    if (!this.dispatchEvent(new McpElicitationRequestEvent(params, server))) return { action: 'decline' };
    const cancel = (note: string) => (this.log(client, note), Promise.resolve({ action: 'cancel' as const }));
    if (!this.windowsOf(url)[1].take()) return cancel(wsMsg().rateLimited(serverNameAt(server, host)));
    return enqueue(
      () =>
        signal.aborted
          ? Promise.resolve({ action: 'cancel' as const })
          : loadDialogs().then(() =>
              dialogIn<McpElicitationDialog>(this, 'mcp-elicitation-dialog').open({ params, server, host, signal }),
            ),
      () => cancel(wsMsg().queueFull(serverNameAt(server, host))),
      signal,
    );
  }

  private clientOf(url: string): McpClient | undefined {
    return this.servers.find((s) => s.url === url)?.client;
  }

  /** Puts a line in the server's log (its `error` events); returns the text. */
  private log(client: McpClient | undefined, text: string): string {
    client?.log(new McpError(text));
    return text;
  }

  private onToggle(key: string, open: boolean): void {
    if (open === this.open.has(key)) return;
    const next = new Set(this.open);
    if (open) next.add(key);
    else next.delete(key);
    this.open = next;
  }

  private async onAdd(e: Event): Promise<void> {
    e.preventDefault();
    const m = wsMsg();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    const [url, relay, name, value] = ['url', 'relay', 'header', 'value'].map(field);
    const bad = (text: string, at: string) => {
      this.problem = text;
      form.querySelector<HTMLInputElement>(`[name=${at}]`)?.focus();
    };
    const web = (u: string) => /^https?:\/\//i.test(u) && URL.canParse(u);
    if (!web(url)) return bad(m.badServerUrl, 'url');
    if (relay && !web(relay)) return bad(m.badServerUrl, 'relay');
    if ((name || value) && !(isHeaderName(name) && value)) return bad(m.wsBadHeader, name ? 'value' : 'header');
    this.problem = '';
    form.reset();
    await this.addServer(url, { relay: relay || undefined, header: name ? { name, value } : undefined });
  }

  private async onRename(e: Event, url: string): Promise<void> {
    e.preventDefault();
    await this.renameServer(url, String(new FormData(e.target as HTMLFormElement).get('name') ?? ''));
    this.renaming = undefined;
  }
}
