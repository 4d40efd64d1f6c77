// <mcp-app-view>, defined with every element so it works on its own (`url` and `tool`); what it does
// (loading the view, the sandbox, the bridge, the host policy) loads the first time one is connected
// (mcp-app-view.late.ts), as MCP Apps are the exception on a page.
import { nothing, type PropertyValues } from 'lit';
import type { AppPolicy } from '../../core/apps/csp.js';
import type { KeyValueStore } from '../../core/kv/store.js';
import type { CallToolResult, Tool } from '../../core/protocol/types.js';
import { ACTIVATION_DELAY_MS } from '../../internal/dialog.js';
import { ClientElement } from '../client-element.js';
import type { AppViewBody } from './mcp-app-view.late.js';

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
  static override properties = {
    tool: {},
    definition: { attribute: false },
    url: {},
    relay: {},
    store: { attribute: false },
    input: { attribute: false },
    result: { attribute: false },
    sandboxUrl: { attribute: 'sandbox-url' },
    maxHeight: { type: Number, attribute: 'max-height' },
    theme: { reflect: true },
    appPolicy: { attribute: false },
    activationDelay: { type: Number, attribute: 'activation-delay' },
  };

  /** The name of the tool whose view this shows. */
  declare tool?: string;
  /** The tool definition, when the host already has it. */
  declare definition?: Tool;
  /** Standalone use: the MCP server URL, when not inside <mcp-client> and no `client` is set. */
  declare url?: string;
  /**
   * Standalone use: a CORS relay (`mcp-web-components/relay`) to reach a server that answers no CORS: the relay's URL;
   * `url` stays the server's.
   */
  declare relay?: string;
  /** Standalone use: where the session is kept (default: IndexedDB, as for <mcp-client>). */
  declare store?: KeyValueStore;
  /** The arguments the tool was called with (sent to the view as `ui/notifications/tool-input`). */
  input: Record<string, unknown> = {};
  /** The tool's result, sent to the view as `ui/notifications/tool-result` once it is ready. */
  declare result?: CallToolResult;
  /**
   * Spec mode: the sandbox proxy page (on another origin) the view runs in; also read from an ancestor's `sandbox-url`
   * (e.g. <mcp-client>). Without it, opaque mode.
   */
  declare sandboxUrl?: string;
  /** The tallest the view may grow, in CSS pixels. */
  maxHeight = 800;
  /** `light` or `dark`; otherwise the system preference. */
  declare theme?: 'light' | 'dark';
  /**
   * What the host lets views have (permissions, CSP domains, fullscreen); nothing delegated by default. Also read from
   * an ancestor's `appPolicy` (e.g. <mcp-client>).
   */
  declare appPolicy?: AppPolicy;
  /** Ms after a confirmation appears during which a person's clicks on it do nothing (a double-click cannot land). */
  activationDelay = ACTIVATION_DELAY_MS;

  private body?: AppViewBody;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.body) this.body.connect();
    else
      void import('./mcp-app-view.late.js').then((m) => {
        if (this.body) return;
        this.body = new m.AppViewBody(this);
        if (this.isConnected) this.body.connect();
        this.requestUpdate();
      });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.body?.disconnect();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Standalone (`url`): the page's client for that server, shared with every element that names it.
    if (this.url && (!this.clientCtl.client || this.lease) && changed.has('url'))
      this.holdClient({ url: this.url, relay: this.relay, store: this.store });
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.body?.updated(changed);
  }

  /** Tells the view its tool call will bring no result (`ui/notifications/tool-cancelled`). */
  cancelled(reason: string): void {
    this.body?.cancelled(reason);
  }

  /** Asks the view to wind down (`ui/resource-teardown`), waiting at most `timeout` ms, then removes it. */
  async teardown(timeout = 3000): Promise<void> {
    await this.body?.teardown(timeout);
  }

  override render() {
    return this.body?.render() ?? nothing;
  }
}
