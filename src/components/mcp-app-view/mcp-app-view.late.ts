// The body of <mcp-app-view>, loaded the first time one is connected: it loads the view, renders its
// sandboxed iframe and the person's confirmations, and answers the view through the bridge and the
// host policy. The element itself (mcp-app-view.ts) is defined with every element and holds the properties.
import { adoptStyles, html, nothing, type PropertyValues } from 'lit';
import { Task } from '@lit/task';
import { toolsOf } from '../../controllers/tools.js';
import { ClientEventsController } from '../../controllers/client-events.js';
import { appBridge, type AppBridge } from '../../core/apps/bridge.js';
import { appHost, fromBase64, MODES, type AppHost, type HostAsk, type LoadedView } from '../../core/apps/host.js';
import { allowOf, capCsp, VIEW_SANDBOX, viewCsp, wanted, withPolicy, type AppPolicy } from '../../core/apps/csp.js';
import { APP_MIME, viewUri } from '../../core/apps/view.js';
import type { LogEntry } from '../../core/client/client.js';
import { McpError } from '../../core/jsonrpc/errors.js';
import type { JsonRpcMessage, Params } from '../../core/jsonrpc/messages.js';
import type { CallToolResult } from '../../core/protocol/types.js';
import { isDestructive, toolTitle } from '../../internal/catalogue.js';
import { ActivationGuard, deepActiveElement } from '../../internal/dialog.js';
import { safeLink } from '../../internal/safe-url.js';
import { appMsg as msg } from './messages.js';
import { tokens } from '../shared.styles.js';
import type { McpAppView } from './mcp-app-view.js';
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

/** One <mcp-app-view>'s behaviour; the element forwards its lifecycle here. */
export class AppViewBody {
  constructor(private readonly el: McpAppView) {
    adoptStyles(el.renderRoot as ShadowRoot, [tokens, styles]);
  }

  private get frame(): HTMLIFrameElement | undefined {
    return this.el.renderRoot.querySelector('iframe') ?? undefined;
  }

  private get dialog(): HTMLDialogElement | undefined {
    return this.el.renderRoot.querySelector('dialog') ?? undefined;
  }

  /** Re-renders the element (what lit's @state did for these fields). */
  private changed(): void {
    this.el.requestUpdate();
  }

  protected readonly events = new ClientEventsController(this.el, () => this.el.client, {
    toolschanged: () => this.forward('notifications/tools/list_changed'),
    resourceschanged: () => this.forward('notifications/resources/list_changed'),
    promptschanged: () => this.forward('notifications/prompts/list_changed'),
  });

  private loader = new Task(this.el, {
    task: async ([name, client, definition], { signal }): Promise<LoadedView | undefined> => {
      if (!client || (!name && !definition)) return undefined;
      if (client.state !== 'ready') await client.connect();
      const tools = await toolsOf(client, signal);
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
    args: () => [this.el.tool, this.el.client, this.el.definition] as const,
  });

  private height = 150;
  private width?: number;
  private mode = 'inline';
  private asking?: Ask;
  private readonly guard = new ActivationGuard(this.el, () => this.el.activationDelay);
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
  private sentResult?: CallToolResult;
  private readonly onMessage = (e: MessageEvent) => this.receive(e);
  private readonly dark = matchMedia('(prefers-color-scheme: dark)');
  private readonly onScheme = () => this.contextChanged({ theme: this.currentTheme() });
  private lastWidth = 0;
  /** The view hears when its container gets narrower or wider. */
  private readonly resized = new ResizeObserver(() => {
    if (this.el.clientWidth === this.lastWidth) return;
    this.lastWidth = this.el.clientWidth;
    this.contextChanged({ containerDimensions: this.dimensions() });
  });

  connect(): void {
    addEventListener('message', this.onMessage);
    for (const t of ['pointerdown', 'keydown']) addEventListener(t, this.onHostInput, true);
    this.dark.addEventListener('change', this.onScheme);
    this.resized.observe(this.el);
  }

  disconnect(): void {
    removeEventListener('message', this.onMessage);
    for (const t of ['pointerdown', 'keydown']) removeEventListener(t, this.onHostInput, true);
    this.dark.removeEventListener('change', this.onScheme);
    this.resized.disconnect();
    this.closeBridge();
  }

  updated(changed: PropertyValues<McpAppView>): void {
    this.win = this.frame?.contentWindow;
    if (changed.has('result')) this.sendResult();
    if (changed.has('theme')) this.contextChanged({ theme: this.currentTheme() });
  }

  cancelled(reason: string): void {
    this.bridge?.notify('ui/notifications/tool-cancelled', { reason });
  }

  async teardown(timeout: number): Promise<void> {
    const bridge = this.bridge;
    if (bridge?.initialized)
      await bridge
        .request('ui/resource-teardown', {}, timeout)
        .catch(() => this.note('The view did not answer ui/resource-teardown in time; it was removed anyway.'));
    this.closeBridge();
    this.frame?.remove();
  }

  render() {
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
          this.changed();
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
      client: () => this.el.client!,
      context: (tool) => {
        const computed = getComputedStyle(this.el);
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
        this.changed();
        this.contextChanged({ displayMode: mode });
        return mode;
      },
      message: (role, content) =>
        this.el.dispatchEvent(new McpAppMessageEvent(this.loader.value!.tool.name, role, content)),
      updateContext: (content, structured) =>
        this.el.dispatchEvent(new McpAppContextEvent(this.loader.value!.tool.name, content, structured)),
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
      this.bridge?.notify('ui/notifications/tool-input', { arguments: this.el.input });
      this.sendResult();
    } else if (method === 'ui/notifications/size-changed') {
      const { width, height } = params as { width?: unknown; height?: unknown };
      const size = (v: unknown, max: number) =>
        typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.min(Math.ceil(v), max) : undefined;
      this.height = size(height, this.el.maxHeight) ?? this.height;
      this.width = size(width, 10_000) ?? this.width;
      this.changed();
    } else if (method === 'notifications/message' && view) {
      this.el.client?.log({ ...params, logger: this.appTitle() } as LogEntry);
    }
  }

  private sendResult(): void {
    if (!this.bridge || !this.el.result || this.sentResult === this.el.result) return;
    this.sentResult = this.el.result;
    this.bridge.notify('ui/notifications/tool-result', this.el.result as unknown as Params);
  }

  private forward(method: string): void {
    this.bridge?.notify(method);
  }

  private contextChanged(change: Params): void {
    if (this.bridge?.initialized) this.bridge.notify('ui/notifications/host-context-changed', change);
  }

  private note(text: string): void {
    this.el.client?.log({ level: 'warning', logger: this.appTitle(), data: text });
  }

  /** The view's name in the asks and the log: "<tool> app". */
  private appTitle(): string {
    const tool = this.loader.value?.tool ?? this.el.definition;
    return msg().appOf(tool ? toolTitle(tool) : (this.el.tool ?? ''));
  }

  /**
   * The first value `get` finds on this element or its ancestors, across shadow roots (so <mcp-client sandbox-url> and
   * its appPolicy reach the views in its forms).
   */
  private nearest<T>(get: (n: Element) => T | null | undefined): T | undefined {
    for (
      // The walk starts at the element and goes up through shadow roots.
      let n: Node | null = this.el;
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
    return this.el.sandboxUrl ?? this.inherited('sandbox-url');
  }

  private currentTheme(): 'light' | 'dark' {
    const t = this.inherited('theme');
    return t === 'light' || t === 'dark' ? t : this.dark.matches ? 'dark' : 'light';
  }

  private dimensions(): Params {
    return { maxHeight: this.el.maxHeight, maxWidth: this.el.clientWidth || undefined };
  }

  /** Escape leaves fullscreen instead of closing the view. */
  private readonly onCancel = (e: Event): void => {
    e.preventDefault();
    this.host?.setMode('inline');
  };
}

/** Base64 to UTF-8 text; undefined when it is not base64. */
function decode(b64: string): string | undefined {
  try {
    return new TextDecoder().decode(fromBase64(b64));
  } catch {
    return undefined;
  }
}
