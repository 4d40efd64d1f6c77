// The base of every element that works with an McpClient: it uses the one of the enclosing
// <mcp-client> (context) unless one is set as its `client` property.
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ClientController } from '../controllers/client-controller.js';
import type { McpClient, McpClientOptions } from '../core/client/client.js';
import type { ClientLease } from '../core/client/pool.js';
import { leaseClient } from '../controllers/client-factory.js';
import type { Icon } from '../core/protocol/types.js';
import { safeIconSrc } from '../internal/safe-url.js';

/** An element with a `client` property that defaults to the enclosing <mcp-client>'s client. */
export class ClientElement extends LitElement {
  protected readonly clientCtl = new ClientController(this);
  /** This element's hold on the page's client for the server it names itself (`url`), and what it asked for. */
  protected lease?: ClientLease;
  private leased?: McpClientOptions;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.leased && !this.lease) this.holdClient(this.leased);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.lease?.release();
    this.lease = undefined;
  }

  /**
   * Uses the page's client for `options` (shared with every element that names the same server the same way),
   * letting go of the one held before.
   */
  protected holdClient(options: McpClientOptions): void {
    const old = this.lease;
    this.lease = leaseClient((this.leased = options));
    old?.release();
    this.client = this.lease.client;
  }

  /** A client to use instead of the enclosing <mcp-client>'s. */
  @property({ attribute: false })
  get client(): McpClient | undefined {
    return this.clientCtl.client;
  }
  set client(client: McpClient | undefined) {
    this.clientCtl.client = client;
  }

  /** The first of a catalogue entry's icons that is safe to show (checklist CT-04), or nothing. */
  protected renderIcon(icons: Icon[] | undefined) {
    const src = icons?.map((i) => safeIconSrc(i.src, this.clientCtl.client?.url, i.mimeType)).find(Boolean);
    return src
      ? html`<img part="icon" src=${src} alt="" crossorigin="anonymous" referrerpolicy="no-referrer" />`
      : nothing;
  }
}

/**
 * What a client element shows while a task runs (`pendingText`) and when it fails; spread into `task.render({...})`.
 */
export const taskStates = (pendingText: string) => ({
  pending: () => html`<p class="muted" role="status">${pendingText}</p>`,
  error: (e: unknown) => html`<p class="error" role="alert">${(e as Error).message}</p>`,
});
