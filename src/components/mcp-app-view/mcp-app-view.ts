import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { createClient } from '../../controllers/client-factory.js';
import { ClientEventsController } from '../../controllers/client-events.js';
import { appBridge, type AppBridge } from '../../core/apps/bridge.js';
import { appHost, fromBase64, MODES, type AppHost, type HostAsk, type LoadedView } from '../../core/apps/host.js';
import { allowOf, capCsp, VIEW_SANDBOX, viewCsp, wanted, withPolicy, type AppPolicy } from '../../core/apps/csp.js';
import { APP_MIME, viewUri } from '../../core/apps/view.js';
import type { LogEntry, McpClient } from '../../core/client/client.js';
import { McpError } from '../../core/jsonrpc/errors.js';
import type { JsonRpcMessage, Params } from '../../core/jsonrpc/messages.js';
import type { CallToolResult, Tool } from '../../core/protocol/types.js';
import type { KeyValueStore } from '../../core/kv/store.js';
import { isDestructive, toolTitle } from '../../internal/catalogue.js';
import { ACTIVATION_DELAY_MS, ActivationGuard, deepActiveElement } from '../../internal/dialog.js';
import { safeLink } from '../../internal/safe-url.js';
import { appMsg as msg } from './messages.js';
import { ClientElement } from '../client-element.js';
import { tokens } from '../shared.styles.js';
import { McpAppContextEvent, McpAppMessageEvent } from './events.js';
import { styles } from './mcp-app-view.styles.js';

/** Our theme tokens as the spec's standard variables (hostContext.styles.variables). */
const VARIABLES: Record<string, string> = {
  '--color-background-primary': '--_bg',
  '--color-background-secondary': '--_surface',
  '--color-text-primary': '--_fg',
  '--color-text-secondary': '--_muted',
  '--color-text-danger': '--_danger',
  '--color-text-success': '--_ok',
  '--color-border-primary': '--_border',
  '--color-ring-primary': '--_accent',
  '--font-sans': '--_font',
  '--font-mono': '--_mono',
  '--border-radius-md': '--_radius',
};

interface Ask {
  text: string;
  yes: string;
  answer(ok: boolean): void;
}

/** How long a click or key activates a page in Chromium (its transient activation), in ms. */
const ACTIVATION_SPAN_MS = 5000;

/** The person's answer to a view's permissions, per server and view, for the life of the page. */
const granted = new Map<string, string[]>();

let inlineScripts: boolean | undefined;
/** Whether this page's CSP lets an inline script run: a srcdoc view inherits that policy. */
function inlineScriptsRun(): boolean {
  if (inlineScripts !== undefined) return inlineScripts;
  const w = window as unknown as { __mcpAppProbe?: number };
  try {
    const s = document.createElement('script');
    s.textContent = 'window.__mcpAppProbe=1';
    document.head.append(s);
    s.remove();
  } catch {
    /* Trusted Types refused the text: the view could not run either */
  }
  inlineScripts = w.__mcpAppProbe === 1;
  delete w.__mcpAppProbe;
  return inlineScripts;
}

/**
 * @summary A tool's MCP App (its `ui://` view) in a sandboxed iframe, talking to the server through this element.
 * @fires mcp-app-message - The view sent `ui/message`; cancelable (preventDefault() answers the view with an error).
 * @fires mcp-app-context - The view sent `ui/update-model-context`; cancelable.
 * @csspart frame - The dialog around the iframe (modal in fullscreen mode).
 * @csspart view - The iframe.
 * @csspart ask - A confirmation the view's request needs.
 * @csspart error - Why the view cannot be shown.
 */
export class McpAppView extends ClientElement {
  static override styles = [tokens, styles];

  protected readonly events = new ClientEventsController(this, () => this.clientCtl.client, {
    toolschanged: () => this.forward('notifications/tools/list_changed'),
    resourceschanged: () => this.forward('notifications/resources/list_changed'),
    promptschanged: () => this.forward('notifications/prompts/list_changed'),
  });

  private loader = new Task(this, {
    task: async ([name, client, definition], { signal }): Promise<LoadedView | undefined> => {
      if (!client || (!name && !definition)) return undefined;
      if (client.state !== 'ready') await client.connect();
      const tools = await client.listTools({ signal });
      const tool = definition ?? tools.find((t) => t.name === name);
      if (!tool) throw new McpError(msg().unknownTool(name ?? ''));
      const uri = viewUri(tool);
      if (!uri) throw new McpError(msg().appBadResource(String(tool._meta?.ui ?? tool.name)));
      const [read, listed] = await Promise.all([
        client.readResource(uri, { signal }),
        client.listResources({ signal }).catch(() => []),
      ]);
      const item = read.contents?.find((c) => c.uri === uri) ?? read.contents?.[0];
      const type = item?.mimeType?.replace(/\s/g, '').toLowerCase();
      const text =
        item &&
        ('text' in item && typeof item.text === 'string'
          ? item.text
          : 'blob' in item && typeof item.blob === 'string'
            ? decode(item.blob)
            : undefined);
      if (type !== APP_MIME || text === undefined) throw new McpError(msg().appBadResource(uri));
      const uiOf = (o: unknown) =>
        ((o as { _meta?: { ui?: object } } | undefined)?._meta?.ui ?? {}) as LoadedView['meta'];
      // The content item's _meta.ui wins over the listing entry's.
      const meta = { ...uiOf(listed.find((r) => r.uri === uri)), ...uiOf(item) };
      const policy = this.policy();
      // A permission goes to the view only when the host's policy lists it and the person said yes (once per view).
      const asked = wanted(meta.permissions, policy);
      const key = `${client.url} ${uri}`;
      if (asked.length && !granted.has(key))
        granted.set(key, (await this.ask({ kind: 'permissions', names: asked })) ? asked : []);
      const permissions = Object.fromEntries((asked.length ? granted.get(key)! : []).map((k) => [k, {}]));
      this.startBridge();
      return { tool, html: text, meta, tools, granted: { csp: capCsp(meta.csp, policy), permissions } };
    },
    args: () => [this.tool, this.clientCtl.client, this.definition] as const,
  });

  /** The name of the tool whose view this shows. */
  @property() tool?: string;
  /** The tool definition, when the host already has it. */
  @property({ attribute: false }) definition?: Tool;
  /** Standalone use: the MCP server URL, when not inside <mcp-client> and no `client` is set. */
  @property() url?: string;
  /**
   * Standalone use: a CORS relay (`mcp-web-components/relay`) to reach a server that answers no CORS: the relay's URL;
   * `url` stays the server's.
   */
  @property() relay?: string;
  /** Standalone use: where the session is kept (default: IndexedDB, as for <mcp-client>). */
  @property({ attribute: false }) store?: KeyValueStore;
  /** The arguments the tool was called with (sent to the view as `ui/notifications/tool-input`). */
  @property({ attribute: false }) input: Record<string, unknown> = {};
  /** The tool's result, sent to the view as `ui/notifications/tool-result` once it is ready. */
  @property({ attribute: false }) result?: CallToolResult;
  /**
   * Spec mode: the sandbox proxy page (on another origin) the view runs in; also read from an ancestor's `sandbox-url`
   * (e.g. <mcp-client>). Without it, opaque mode.
   */
  @property({ attribute: 'sandbox-url' }) sandboxUrl?: string;
  /** The tallest the view may grow, in CSS pixels. */
  @property({ type: Number, attribute: 'max-height' }) maxHeight = 800;
  /** `light` or `dark`; otherwise the system preference. */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /**
   * What the host lets views have (permissions, CSP domains, fullscreen); nothing delegated by default. Also read from
   * an ancestor's `appPolicy` (e.g. <mcp-client>).
   */
  @property({ attribute: false }) appPolicy?: AppPolicy;
  /** Ms after a confirmation appears during which a person's clicks on it do nothing (a double-click cannot land). */
  @property({ type: Number, attribute: 'activation-delay' }) activationDelay = ACTIVATION_DELAY_MS;

  @state() private height = 150;
  @state() private width?: number;
  @state() private mode = 'inline';
  @state() private asking?: Ask;
  @query('iframe') private frame?: HTMLIFrameElement;
  @query('dialog') private dialog?: HTMLDialogElement;
  private readonly guard = new ActivationGuard(this, () => this.activationDelay);
  /**
   * When the page itself last had the person's pointer or key: its activation (the Run click) lasts a few seconds, and
   * a view must not borrow it. Active when the view is made, the page was just activated (the view was not there yet).
   */
  private hostInput = navigator.userActivation?.isActive ? performance.now() : -Infinity;
  private readonly onHostInput = (e: Event) =>
    void (e.isTrusted && (e as KeyboardEvent).key !== 'Escape' && (this.hostInput = performance.now()));
  /** Aborts when the view goes (a new view, teardown, removal). */
  private gone = new AbortController();
  private bridge?: AppBridge;
  private host?: AppHost;
  /**
   * The view's window and the origin its messages must carry, fixed when the view starts (checked on every message, so
   * kept cheap).
   */
  private win?: Window | null;
  private origin?: string;
  private ownClient?: McpClient;
  private sentResult?: CallToolResult;
  private readonly onMessage = (e: MessageEvent) => this.receive(e);
  private readonly dark = matchMedia('(prefers-color-scheme: dark)');
  private readonly onScheme = () => this.contextChanged({ theme: this.currentTheme() });
  private lastWidth = 0;
  /** The view hears when its container gets narrower or wider. */
  private readonly resized = new ResizeObserver(() => {
    if (this.clientWidth === this.lastWidth) return;
    this.lastWidth = this.clientWidth;
    this.contextChanged({ containerDimensions: this.dimensions() });
  });

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('message', this.onMessage);
    for (const t of ['pointerdown', 'keydown']) addEventListener(t, this.onHostInput, true);
    this.dark.addEventListener('change', this.onScheme);
    this.resized.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('message', this.onMessage);
    for (const t of ['pointerdown', 'keydown']) removeEventListener(t, this.onHostInput, true);
    this.dark.removeEventListener('change', this.onScheme);
    this.resized.disconnect();
    this.closeBridge();
    void this.ownClient?.close();
    this.ownClient = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.url && !this.clientCtl.client && changed.has('url'))
      this.client = this.ownClient = createClient({ url: this.url, relay: this.relay, store: this.store });
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.win = this.frame?.contentWindow;
    if (changed.has('result')) this.sendResult();
    if (changed.has('theme')) this.contextChanged({ theme: this.currentTheme() });
  }

  /** Tells the view its tool call will bring no result (`ui/notifications/tool-cancelled`). */
  cancelled(reason: string): void {
    this.bridge?.notify('ui/notifications/tool-cancelled', { reason });
  }

  /** Asks the view to wind down (`ui/resource-teardown`), waiting at most `timeout` ms, then removes it. */
  async teardown(timeout = 3000): Promise<void> {
    const bridge = this.bridge;
    if (bridge?.initialized)
      await bridge
        .request('ui/resource-teardown', {}, timeout)
        .catch(() => this.note('The view did not answer ui/resource-teardown in time; it was removed anyway.'));
    this.closeBridge();
    this.frame?.remove();
  }

  override render() {
    const ask = this.asking;
    const disabled = this.guard.waiting;
    return html`${
      ask
        ? html`<div part="ask" role="alertdialog" aria-label=${ask.text}>
            <p>${ask.text}</p>
            <button type="button" class="danger" aria-disabled=${disabled} @click=${(e: Event) => this.guard.allows(e) && ask.answer(true)}>${ask.yes}</button>
            <button type="button" aria-disabled=${disabled} @click=${(e: Event) => this.guard.allows(e) && ask.answer(false)}>${msg().appDeny}</button>
          </div>`
        : nothing
    }${this.loader.render({
      initial: () => nothing,
      pending: () => html`<p class="muted" role="status">${msg().appLoading}</p>`,
      error: (e) => html`<p part="error" class="error" role="alert">${(e as Error).message}</p>`,
      complete: (view) => (view ? this.renderView(view) : nothing),
    })}`;
  }

  private renderView(view: LoadedView) {
    const title = this.appTitle();
    const spec = this.sandboxOrigin();
    if (spec === null) return html`<p part="error" class="error" role="alert">${msg().appSameOrigin}</p>`;
    if (!spec && !inlineScriptsRun()) return html`<p part="error" class="error" role="alert">${msg().appNoScript}</p>`;
    const allow = allowOf(view.granted.permissions);
    return html`
      <dialog part="frame" aria-label=${title} tabindex="-1" open @cancel=${this.onCancel}>
        ${
          spec
            ? html`<iframe part="view" class=${view.meta.prefersBorder ? 'border' : ''} title=${title} src=${this.proxyUrl()!} sandbox="allow-scripts allow-same-origin" allow=${allow} referrerpolicy="no-referrer" style=${this.frameStyle()}></iframe>`
            : html`<iframe part="view" class=${view.meta.prefersBorder ? 'border' : ''} title=${title} sandbox=${VIEW_SANDBOX} allow=${allow} referrerpolicy="no-referrer" .srcdoc=${withPolicy(view.html, viewCsp(view.granted.csp))} style=${this.frameStyle()}></iframe>`
        }
      </dialog>
    `;
  }

  private frameStyle(): string {
    return `height:${this.height}px;${this.width ? `width:${this.width}px;` : ''}`;
  }

  /** The proxy's origin in spec mode, undefined in opaque mode, null when sandbox-url is unusable (our own origin). */
  private sandboxOrigin(): string | undefined | null {
    const url = this.proxyUrl();
    if (!url) return undefined;
    try {
      const origin = new URL(url, location.href).origin;
      return origin === location.origin || origin === 'null' ? null : origin;
    } catch {
      return null;
    }
  }

  private closeBridge(): void {
    this.bridge?.close();
    this.bridge = undefined;
    this.gone.abort();
  }

  /**
   * Whether the person is using the view itself: the page is activated, the view's frame has the focus, and the page
   * had no click or key of its own for as long as an activation lasts, so the activation is the view's (a view cannot
   * see the page's input, and can take the focus by script).
   */
  private viewActive(): boolean {
    return (
      !!navigator.userActivation?.isActive &&
      !!this.frame &&
      deepActiveElement() === this.frame &&
      performance.now() - this.hostInput >= ACTIVATION_SPAN_MS
    );
  }

  /**
   * Asks the person in the view's frame area; true when they allow it. A confirmation never replaces a visible one: a
   * second ask while one shows is refused.
   */
  private ask(ask: HostAsk): Promise<boolean> {
    if (this.asking) {
      this.note('The view asked for a second confirmation while one was shown; refused.');
      return Promise.resolve(false);
    }
    const title = this.appTitle();
    const m = msg();
    const [text, yes] =
      ask.kind === 'call'
        ? [m.appAllowCall(title, toolTitle(ask.tool)), m.appAllow]
        : ask.kind === 'download'
          ? [m.appDownload(title, ask.name), m.appSave]
          : [m.appPermissions(title, ask.names), m.appAllow];
    return new Promise((resolve) => {
      this.asking = {
        text,
        yes,
        answer: (ok) => {
          this.asking = undefined;
          resolve(ok);
        },
      };
      this.guard.arm();
    });
  }

  private startBridge(): void {
    this.closeBridge();
    this.gone = new AbortController();
    this.sentResult = undefined;
    this.origin = this.sandboxOrigin() || 'null';
    const note = (text: string) => this.note(text);
    const host = (this.host = appHost({
      view: () => this.loader.value!,
      client: () => this.client!,
      context: (tool) => {
        const computed = getComputedStyle(this);
        const variables = Object.fromEntries(
          Object.entries(VARIABLES).map(([k, v]) => [k, computed.getPropertyValue(v).trim() || undefined]),
        );
        return {
          toolInfo: { tool },
          theme: this.currentTheme(),
          styles: { variables },
          displayMode: this.mode,
          availableDisplayModes: MODES,
          containerDimensions: this.dimensions(),
          locale: document.documentElement.lang || navigator.language,
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
          platform: 'web',
          deviceCapabilities: {
            touch: matchMedia('(pointer: coarse)').matches,
            hover: matchMedia('(hover: hover)').matches,
          },
        };
      },
      showMode: (mode) => {
        const dialog = this.dialog;
        if (!dialog || !mode || mode === this.mode) return this.mode;
        dialog.close();
        // The focus goes to the dialog, out of the view's frame (where the person asked for fullscreen):
        // an Escape pressed in a frame of another origin is that frame's, and would not leave fullscreen.
        if (mode === 'fullscreen') (dialog.showModal(), dialog.focus());
        else dialog.show();
        this.mode = mode;
        this.contextChanged({ displayMode: mode });
        return mode;
      },
      message: (role, content) =>
        this.dispatchEvent(new McpAppMessageEvent(this.loader.value!.tool.name, role, content)),
      updateContext: (content, structured) =>
        this.dispatchEvent(new McpAppContextEvent(this.loader.value!.tool.name, content, structured)),
      confirm: (ask) => this.ask(ask),
      note,
      safeLink,
      isDestructive,
      viewActive: () => this.viewActive(),
      policy: () => this.policy(),
      signal: () => this.gone.signal,
    }));
    this.bridge = appBridge({
      post: (m) => this.post(m),
      request: host.answer,
      notification: (method, params) => this.notified(method, params),
      note,
    });
  }

  private post(m: JsonRpcMessage | Params): void {
    this.frame?.contentWindow?.postMessage(m, this.sandboxOrigin() || '*');
  }

  /** Only the view's own window may talk to us: opaque mode from origin "null", spec mode from the proxy's origin. */
  private receive(e: MessageEvent): void {
    if (!this.win || e.source !== this.win || e.origin !== this.origin || !this.bridge) return;
    const data = e.data as { method?: unknown } | undefined;
    if (this.origin !== 'null' && data?.method === 'ui/notifications/sandbox-proxy-ready') {
      const view = this.loader.value!;
      return this.post({
        jsonrpc: '2.0',
        method: 'ui/notifications/sandbox-resource-ready',
        params: { html: view.html, ...view.granted, sandbox: VIEW_SANDBOX },
      });
    }
    this.bridge.receive(e.data);
  }

  private notified(method: string, params: Params): void {
    const view = this.loader.value;
    if (method === 'ui/notifications/initialized') {
      this.bridge?.notify('ui/notifications/tool-input', { arguments: this.input });
      this.sendResult();
    } else if (method === 'ui/notifications/size-changed') {
      const { width, height } = params as { width?: unknown; height?: unknown };
      const size = (v: unknown, max: number) =>
        typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.min(Math.ceil(v), max) : undefined;
      this.height = size(height, this.maxHeight) ?? this.height;
      this.width = size(width, 10_000) ?? this.width;
    } else if (method === 'notifications/message' && view) {
      this.client?.log({ ...params, logger: this.appTitle() } as LogEntry);
    }
  }

  private sendResult(): void {
    if (!this.bridge || !this.result || this.sentResult === this.result) return;
    this.sentResult = this.result;
    this.bridge.notify('ui/notifications/tool-result', this.result as unknown as Params);
  }

  private forward(method: string): void {
    this.bridge?.notify(method);
  }

  private contextChanged(change: Params): void {
    if (this.bridge?.initialized) this.bridge.notify('ui/notifications/host-context-changed', change);
  }

  private note(text: string): void {
    this.client?.log({ level: 'warning', logger: this.appTitle(), data: text });
  }

  /** The view's name in the asks and the log: "<tool> app". */
  private appTitle(): string {
    const tool = this.loader.value?.tool ?? this.definition;
    return msg().appOf(tool ? toolTitle(tool) : (this.tool ?? ''));
  }

  /**
   * The first value `get` finds on this element or its ancestors, across shadow roots (so <mcp-client sandbox-url> and
   * its appPolicy reach the views in its forms).
   */
  private nearest<T>(get: (n: Element) => T | null | undefined): T | undefined {
    for (
      // The walk starts at this element and goes up through shadow roots.
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      let n: Node | null = this;
      n;
      n = (n as Element).parentElement ?? ((n.getRootNode() as ShadowRoot).host || null)
    ) {
      const v = get(n as Element);
      if (v) return v;
    }
    return undefined;
  }

  private inherited(name: string): string | undefined {
    return this.nearest((n) => n.getAttribute?.(name));
  }

  /** This element's appPolicy, else the nearest ancestor's, else nothing delegated. */
  private policy(): AppPolicy {
    return this.nearest((n) => (n as { appPolicy?: AppPolicy }).appPolicy) ?? {};
  }

  private proxyUrl(): string | undefined {
    return this.sandboxUrl ?? this.inherited('sandbox-url');
  }

  private currentTheme(): 'light' | 'dark' {
    const t = this.inherited('theme');
    return t === 'light' || t === 'dark' ? t : this.dark.matches ? 'dark' : 'light';
  }

  private dimensions(): Params {
    return { maxHeight: this.maxHeight, maxWidth: this.clientWidth || undefined };
  }

  /** Escape leaves fullscreen instead of closing the view. */
  private onCancel(e: Event): void {
    e.preventDefault();
    this.host?.setMode('inline');
  }
}

/** Base64 to UTF-8 text; undefined when it is not base64. */
function decode(b64: string): string | undefined {
  try {
    return new TextDecoder().decode(fromBase64(b64));
  } catch {
    return undefined;
  }
}
