import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { clientContext } from '../../controllers/context.js';
import { leaseClient } from '../../controllers/client-factory.js';
import type { ClientState, McpClient, McpClientOptions } from '../../core/client/client.js';
import type { ClientLease } from '../../core/client/pool.js';
import type { AuthOptions, AuthState } from '../../core/auth/types.js';
import type { KeyValueStore } from '../../core/kv/store.js';
import type { AppPolicy } from '../../core/apps/csp.js';
import { McpAuthError, McpError } from '../../core/jsonrpc/errors.js';
import { samplingRejected } from '../../core/client/input.js';
import { SKILLS_EXTENSION } from '../../core/protocol/versions.js';
import type { JsonRpcNotification } from '../../core/jsonrpc/messages.js';
import type {
  CreateMessageParams,
  CreateMessageResult,
  ElicitParams,
  ElicitResult,
  Tool,
} from '../../core/protocol/types.js';
import type { TaskState } from '../../core/client/tasks.js';
import { tasksKey } from '../../core/store/keys.js';
import type { TaskRecord } from '../../core/store/records.js';
import type { McpElicitationDialog } from '../mcp-elicitation-dialog/mcp-elicitation-dialog.js';
import type { McpSamplingDialog } from '../mcp-sampling-dialog/mcp-sampling-dialog.js';
import {
  McpConnectedEvent,
  McpDisconnectedEvent,
  McpElicitationRequestEvent,
  McpErrorEvent,
  McpNotificationEvent,
  McpSamplingRequestEvent,
  type McpToolSelectEvent,
} from '../../events/events.js';
import { serverNameAt } from '../../internal/dialog.js';
import { dialogIn, enqueue, RateWindow, type SamplingHandler } from '../../internal/human-in-the-loop.js';
import { msg } from '../../messages.js';
import { tokens } from '../shared.styles.js';
import { styles } from './mcp-client.styles.js';
import '../mcp-tool-list/define.js';
import '../mcp-tool-form/define.js';
import '../mcp-resource-browser/define.js';
import '../mcp-prompt-list/define.js';
import '../mcp-log-view/define.js';
import { loadDialogs } from '../load-dialogs.js';
import { toolsOf } from '../../controllers/tools.js';

type Tab = 'tools' | 'resources' | 'prompts' | 'skills' | 'log';

/**
 * @summary The whole widget for one MCP server: connection status, tools with forms and results, resources, prompts
 * and log.
 * @fires mcp-connected - Connected (again).
 * @fires mcp-disconnected - Disconnected.
 * @fires mcp-error - Connecting or a call failed.
 * @fires mcp-notification - A server notification arrived.
 * @fires mcp-sampling-request - A server asks to use the page's LLM (cancelable: preventDefault() rejects).
 * @fires mcp-elicitation-request - A server asks the user for information (cancelable: preventDefault() declines).
 * @fires mcp-tool-call - From the inner <mcp-tool-form>: a tool is about to be called (cancelable: preventDefault()
 * vetoes it).
 * @fires mcp-tool-result - From the inner <mcp-tool-form>: a call finished, with its result or its error.
 * @slot header - Host content at the start of the header, before the server's name (a logo, a product name).
 * @slot empty - Shown where a tool's form goes while no tool is chosen (default: "Choose a tool to see its form.").
 * @slot footer - Host content below the widget (a privacy note, a link to the server's terms).
 * @cssstate connected - Connected to the server.
 * @cssstate connecting - Connecting or reconnecting.
 * @cssstate needs-auth - The server needs the person to sign in.
 * @cssstate error - Connecting failed; the error is shown with Retry.
 * @csspart header - Server name, status and connection buttons.
 * @csspart server - The server's name.
 * @csspart status - The connection state.
 * @csspart error - The connection error with Retry.
 * @csspart tabs - The tab list.
 * @csspart tab - One tab (also `tab selected`).
 * @csspart tools - The tool list and form.
 * @csspart tasks - The server's running tasks (tool calls it runs as tasks), kept across reloads.
 * @csspart task - One running task's button, which opens its tool's form.
 */
export class McpClientElement extends LitElement {
  static override styles = [tokens, styles];

  private provider = new ContextProvider(this, { context: clientContext });
  private internals = this.attachInternals();

  /** The MCP server endpoint. */
  @property() url = '';
  /**
   * A CORS relay (`mcp-web-components/relay`) to reach a server that answers no CORS: the relay's URL; `url` stays the
   * server's.
   */
  @property() relay?: string;
  /** `auto` (default), `streamable-http` or `sse`. */
  @property() transport: 'auto' | 'streamable-http' | 'sse' = 'auto';
  /** The protocol version the server is known to speak (e.g. `2025-11-25`): a first visit skips the era probe. */
  @property({ attribute: 'protocol-version' }) protocolVersion?: string;
  /** `light` or `dark` to override the system colour scheme. */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /** The page's LLM, used for sampling requests a person approved. Without it the person writes the reply. */
  @property({ attribute: false }) samplingHandler?: SamplingHandler;
  /**
   * Host policy for sampling requests: `ask` (default) shows the dialog; `reject` refuses; `approve`
   * trusts this request to the page's `samplingHandler` and sends its reply unasked (without a
   * handler there is nothing to trust, so the dialog shows as for `ask`).
   */
  @property({ attribute: false }) samplingPolicy?: (params: CreateMessageParams) => 'ask' | 'approve' | 'reject';
  /** What the MCP App views inside may have (permissions, CSP domains, fullscreen): nothing delegated by default. */
  declare appPolicy?: AppPolicy;

  /**
   * OAuth settings for servers that need sign-in (ARCHITECTURE.md#authorization): at least `redirectUri`, a page of
   * yours serving dist/auth-callback.js.
   */
  @property({ attribute: false }) auth?: AuthOptions;
  /**
   * Where sessions, the catalogue, drafts, history and tokens are kept; default: IndexedDB database
   * `mcp-web-components`.
   */
  @property({ attribute: false }) store?: KeyValueStore;
  /** Shorthand for `auth = { redirectUri }`. */
  @property({ attribute: 'redirect-uri' }) redirectUri?: string;
  /**
   * Headers for every request to the server (an API key): a function of the server URL, as the headless `headers`
   * option; elements given the same function share a client.
   */
  @property({ attribute: false }) headers?: (url: string) => Record<string, string> | undefined;
  /** How many sampling requests one server may make per minute before they are refused. */
  @property({ type: Number, attribute: 'sampling-rate-limit' }) samplingRateLimit = 10;
  /** Elicitation requests one server may make per minute; more are answered `cancel` and noted in the log. */
  @property({ type: Number, attribute: 'elicitation-rate-limit' }) elicitationRateLimit = 10;

  @state() private tab: Tab = 'tools';
  @state() private selectedTool?: Tool;
  @state() private connectionState: ClientState = 'idle';
  @state() private error?: Error;
  @state() private authState: AuthState = 'none';
  /** The server's tasks that have not ended: kept ones after a reload, and those this page started. */
  @state() private running = new Map<string, { tool?: string; status: string; statusMessage?: string }>();
  private current?: McpClient;
  /** This element's hold on the page's client for its server, and the listeners it put on that client. */
  private lease?: ClientLease;
  private listening?: AbortController;
  /** Sampling requests of this server in the last minute; app views count against it too. */
  readonly samplingWindow = new RateWindow(() => this.samplingRateLimit);
  private readonly elicitationWindow = new RateWindow(() => this.elicitationRateLimit);

  /** The McpClient behind the element. */
  get client(): McpClient | undefined {
    return this.current;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.current) return;
    // Moved in the DOM or re-rendered within the pool's grace: the same client, as it was.
    const lease = leaseClient(this.clientOptions());
    if (lease.client !== this.current) this.replaceClient(true, lease);
    else if (((this.lease = lease), this.current.state !== 'ready')) void this.connect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.lease?.release();
    this.lease = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const authChanged =
      ((changed.has('auth') || changed.has('redirectUri')) &&
        this.current?.options.auth?.redirectUri !== this.authOptions()?.redirectUri) ||
      (changed.has('headers') && this.current?.options.headers !== this.headers);
    if (
      this.url &&
      (authChanged ||
        ((changed.has('url') || changed.has('transport') || changed.has('relay')) &&
          (this.current?.url !== this.url ||
            this.current.options.transport !== this.transport ||
            this.current.options.relay !== this.relay)))
    ) {
      this.replaceClient();
    }
  }

  /** Connects (or reconnects) to the server. */
  connect(): Promise<void> {
    return this.reach((client) => client.connect());
  }

  /** Signs in to the server (call it from a click: the popup must open in the click) and connects. */
  signIn(): Promise<void> {
    return this.reach((client) => client.authorize());
  }

  /** Forgets (and revokes where the server allows) this server's tokens. */
  async signOut(): Promise<void> {
    await this.current?.signOut();
    this.dispatchEvent(new McpDisconnectedEvent());
  }

  /** Closes the connection. */
  async disconnect(): Promise<void> {
    await this.current?.close();
    this.dispatchEvent(new McpDisconnectedEvent());
    this.replaceClient(false);
  }

  protected override updated(): void {
    const on: Record<string, boolean> = {
      connected: this.connectionState === 'ready',
      connecting: this.connectionState === 'connecting' || this.connectionState === 'reconnecting',
      'needs-auth': this.needsSignIn(),
      error: !!this.error && !this.needsSignIn(),
    };
    for (const [name, yes] of Object.entries(on))
      yes ? this.internals.states.add(name) : this.internals.states.delete(name);
  }

  override render() {
    const client = this.current;
    const caps = client?.serverCapabilities ?? {};
    const name = client?.serverInfo?.title || client?.serverInfo?.name || this.url;
    const ready = this.connectionState === 'ready';
    const tabs: [Tab, string, boolean][] = [
      ['tools', msg().tools, true],
      ['resources', msg().resources, !!caps.resources],
      ['prompts', msg().prompts, !!caps.prompts],
      ['skills', msg().skills, !!caps.extensions?.[SKILLS_EXTENSION]],
      ['log', msg().log, true],
    ];
    return html`
      <div part="header">
        <slot name="header"></slot>
        <h2 part="server">${name}</h2>
        <span part="status" role="status" data-state=${this.connectionState}>${msg().state[this.connectionState]}${ready ? html` &middot; <span class="muted" dir="ltr">${client?.protocolVersion}</span>` : nothing}</span>
        <span class="spacer"></span>
        ${this.authState === 'signed-in' ? html`<button part="sign-out" @click=${this.signOut}>${msg().signOut}</button>` : nothing}
        ${ready ? html`<button @click=${this.disconnect}>${msg().disconnect}</button>` : html`<button class="primary" ?disabled=${this.connectionState === 'connecting'} @click=${this.connect}>${msg().connect}</button>`}
      </div>
      ${this.renderProblem()}
      ${ready && client?.instructions ? html`<details><summary>${msg().instructions}</summary><p part="instructions">${client.instructions}</p></details>` : nothing}
      ${
        ready || client?.catalogue.tools?.length
          ? html`<div part="tabs" role="tablist" aria-label=${name} @keydown=${this.onTabKey}>
              ${tabs
                .filter(([, , shown]) => shown)
                .map(
                  ([id, label]) =>
                    html`<button part=${this.tab === id ? 'tab selected' : 'tab'} role="tab" id="tab-${id}" aria-controls="panel" aria-selected=${this.tab === id ? 'true' : 'false'} tabindex=${this.tab === id ? 0 : -1} @click=${() => (this.tab = id)}>
                      ${label}
                    </button>`,
                )}
            </div>
            <div id="panel" role="tabpanel" aria-labelledby="tab-${this.tab}">
              ${this.renderTab()}
              <!-- Always mounted, so it hears what happens while another tab is shown. -->
              <mcp-log-view ?hidden=${this.tab !== 'log'}></mcp-log-view>
            </div>`
          : nothing
      }
      <slot name="footer"></slot>
    `;
  }

  private renderProblem() {
    if (this.authState === 'signing-in') {
      // Where the person is sent, when it is not the MCP server's own host (a server may name any authorization
      // server).
      const as =
        this.client?.authorizationServer && URL.canParse(this.client.authorizationServer)
          ? new URL(this.client.authorizationServer)
          : undefined;
      return html`<p part="auth" role="status">${as && as.hostname !== new URL(this.client!.url).hostname ? msg().signingInAt(as.host) : msg().signingIn}</p>`;
    }
    if (this.needsSignIn()) {
      const why =
        this.authState === 'expired'
          ? msg().authExpired
          : this.authState === 'denied'
            ? msg().authDenied
            : msg().authNeeded;
      return html`<div part="auth" role="alert">
        <span>${why}</span>
        ${this.authOptions() ? html`<button part="sign-in" class="primary" @click=${this.signIn}>${msg().signIn}</button>` : html`<span class="muted">${msg().authNotConfigured}</span>`}
      </div>`;
    }
    if (!this.error) return nothing;
    return html`<div part="error" role="alert"><span class="error">${this.error.message}</span><button @click=${this.connect}>${msg().retry}</button></div>`;
  }

  private needsSignIn(): boolean {
    return (
      ((this.error instanceof McpAuthError && this.error.needsAuthorization) ||
        ['needed', 'expired', 'denied'].includes(this.authState)) &&
      this.connectionState !== 'ready'
    );
  }

  private authOptions(): AuthOptions | undefined {
    return this.auth ?? (this.redirectUri ? { redirectUri: this.redirectUri } : undefined);
  }

  private renderTab() {
    switch (this.tab) {
      case 'tools':
        return html`<div part="tools">
          <mcp-tool-list exportparts="search,list,tool,icon,description" .selected=${this.selectedTool?.name} @mcp-tool-select=${(e: McpToolSelectEvent) => (this.selectedTool = e.detail)}></mcp-tool-list>
          ${this.selectedTool ? html`<mcp-tool-form .tool=${this.selectedTool.name} .definition=${this.selectedTool}></mcp-tool-form>` : html`<slot name="empty"><p class="muted">${msg().chooseTool}</p></slot>`}
          ${
            this.running.size
              ? html`<section part="tasks" aria-label=${msg().runningTasks}>
                <h3>${msg().runningTasks}</h3>
                <ul>
                  ${[...this.running.values()].map((t) => html`<li><button part="task" @click=${() => this.selectTool(t.tool)}>${t.tool}</button> <span>${msg().task(t.status, t.statusMessage)}</span></li>`)}
                </ul>
              </section>`
              : nothing
          }
        </div>`;
      case 'resources':
        return html`<mcp-resource-browser></mcp-resource-browser>`;
      case 'prompts':
        return html`<mcp-prompt-list></mcp-prompt-list>`;
      case 'skills':
        // A lazy chunk: loaded when the tab opens, never for a server without the extension.
        void import('../mcp-skill-list/define.js');
        return html`<mcp-skill-list></mcp-skill-list>`;
      case 'log':
        return nothing;
    }
  }

  /**
   * Runs a step that ends connected (connect, sign in) and reports it; a failure of a client since replaced is not
   * news.
   */
  private async reach(step: (client: McpClient) => Promise<void>): Promise<void> {
    const client = this.current;
    if (!client) return;
    this.error = undefined;
    try {
      await step(client);
      this.dispatchEvent(new McpConnectedEvent(client.serverInfo, client.era));
    } catch (error) {
      if (client !== this.current) return;
      this.error = error as Error;
      this.dispatchEvent(new McpErrorEvent(error as Error));
    }
  }

  private clientOptions(): McpClientOptions {
    return {
      url: this.url,
      relay: this.relay,
      transport: this.transport,
      protocolVersion: this.protocolVersion,
      auth: this.authOptions(),
      store: this.store,
      headers: this.headers,
      onSampling: (params, { signal }) => this.askSampling(params, signal),
      onElicitation: (params, { signal }) => this.askElicitation(params, signal),
    };
  }

  private replaceClient(connect = true, lease = leaseClient(this.clientOptions())): void {
    // The new hold comes first: the same server's client stays open through the swap.
    this.lease?.release();
    this.listening?.abort(); // the previous client's news is not this one's (a late "ready" showed "Connected .")
    this.lease = lease;
    const client = lease.client;
    const on = { signal: (this.listening = new AbortController()).signal };
    client.addEventListener(
      'statechange',
      () => {
        this.connectionState = client.state;
        if (client.state === 'ready' && this.error) this.error = undefined;
        if (client.state === 'ready') void this.pickUpTasks(client);
      },
      on,
    );
    client.addEventListener(
      'task',
      (e) => {
        const t = (e as CustomEvent<TaskState>).detail;
        const running = new Map(this.running);
        if (['completed', 'failed', 'cancelled'].includes(t.status)) running.delete(t.taskId);
        else
          running.set(t.taskId, {
            tool: t.tool || running.get(t.taskId)?.tool,
            status: t.status,
            statusMessage: t.statusMessage,
          });
        this.running = running;
      },
      on,
    );
    client.addEventListener('catalogue', () => this.requestUpdate(), on); // tools to show while connecting
    // The state changed, or where signing in goes was found.
    client.addEventListener('authchange', () => ((this.authState = client.authState), this.requestUpdate()), on);
    client.addEventListener(
      'notification',
      (e) => this.dispatchEvent(new McpNotificationEvent((e as CustomEvent<JsonRpcNotification>).detail)),
      on,
    );
    // A changed list keeps the open form (a call may be running in it) while its tool is still listed.
    client.addEventListener(
      'toolschanged',
      () =>
        void toolsOf(client).then(
          (tools) => (this.selectedTool = tools.find((t) => t.name === this.selectedTool?.name)),
          () => (this.selectedTool = undefined),
        ),
      on,
    );
    this.current = client;
    this.error = client.lastError;
    this.connectionState = client.state;
    this.authState = client.authState;
    this.selectedTool = undefined;
    this.running = new Map();
    this.provider.setValue(client);
    // The page's client for this server may be up already (another element holds it): no 'ready' will come.
    if (client.state === 'ready') void this.pickUpTasks(client);
    if (connect && this.isConnected) void this.connect();
  }

  /**
   * After a reload: lists the tasks the store kept for this server and opens the first one's tool, whose form follows
   * it again.
   */
  private async pickUpTasks(client: McpClient): Promise<void> {
    const kept = (await client.store?.get<TaskRecord[]>(tasksKey(client.url))) ?? [];
    if (!kept.length || client !== this.current) return;
    const running = new Map(this.running);
    for (const r of kept)
      if (!running.has(r.taskId))
        running.set(r.taskId, { tool: r.tool, status: r.status ?? 'working', statusMessage: r.statusMessage });
    this.running = running;
    if (!this.selectedTool) await this.selectTool(kept[0].tool);
  }

  private async selectTool(name?: string): Promise<void> {
    const tools =
      this.current?.catalogue.tools ?? (this.current && (await toolsOf(this.current).catch(() => []))) ?? [];
    const tool = tools.find((t) => t.name === name);
    if (!tool) return;
    this.tab = 'tools';
    this.selectedTool = tool;
  }

  private async askSampling(params: CreateMessageParams, signal: AbortSignal): Promise<CreateMessageResult> {
    const server = this.current?.serverInfo;
    if (!this.samplingWindow.take()) throw samplingRejected(msg().rateLimited(serverNameAt(server, this.host())));
    const policy = this.samplingPolicy?.(params) ?? 'ask';
    if (policy === 'reject' || !this.dispatchEvent(new McpSamplingRequestEvent(params, server)))
      throw samplingRejected();
    if (policy === 'approve' && this.samplingHandler) return this.samplingHandler(params, { signal });
    // A request the server cancelled while waiting for its turn is not shown.
    return enqueue(
      () =>
        signal.aborted
          ? Promise.reject(signal.reason)
          : loadDialogs().then(() =>
              dialogIn<McpSamplingDialog>(this, 'mcp-sampling-dialog').open({
                params,
                server,
                host: this.host(),
                signal,
                handler: this.samplingHandler,
              }),
            ),
      async () => {
        throw samplingRejected(this.note(msg().queueFull(serverNameAt(server, this.host()))));
      },
      signal,
    );
  }

  private async askElicitation(params: ElicitParams, signal: AbortSignal): Promise<ElicitResult> {
    const server = this.current?.serverInfo;
    if (!this.dispatchEvent(new McpElicitationRequestEvent(params, server))) return { action: 'decline' };
    const cancel = (note: string) => (this.note(note), Promise.resolve({ action: 'cancel' as const }));
    if (!this.elicitationWindow.take()) return cancel(msg().rateLimited(serverNameAt(server, this.host())));
    return enqueue(
      () =>
        signal.aborted
          ? Promise.resolve({ action: 'cancel' as const })
          : loadDialogs().then(() =>
              dialogIn<McpElicitationDialog>(this, 'mcp-elicitation-dialog').open({
                params,
                server,
                host: this.host(),
                signal,
              }),
            ),
      () => cancel(msg().queueFull(serverNameAt(server, this.host()))),
      signal,
    );
  }

  /** The host of the server URL, which the server cannot choose (shown beside its claimed name). */
  private host(): string | undefined {
    return URL.canParse(this.url ?? '') ? new URL(this.url!).host : undefined;
  }

  /** Puts a line in the log views of this client (they show its `error` events); returns the text. */
  private note(text: string): string {
    this.current?.log(new McpError(text));
    return text;
  }

  private onTabKey(e: KeyboardEvent): void {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) return;
    const tabs = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role=tab]')];
    const i = tabs.findIndex((t) => t.getAttribute('aria-selected') === 'true');
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? tabs.length - 1
          : (i + (e.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length;
    e.preventDefault();
    tabs[next].click();
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>('[role=tab][aria-selected=true]')?.focus(),
    );
  }
}
