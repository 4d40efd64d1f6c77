// The base of every element that works with an McpClient: it uses the one of the enclosing
// <mcp-client> (context) unless one is set as its `client` property.
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ClientController } from '../controllers/client-controller.js';
import type { McpClient } from '../core/client/client.js';
import type { Icon } from '../core/protocol/types.js';
import { safeIconSrc } from '../internal/safe-url.js';

/** An element with a `client` property that defaults to the enclosing <mcp-client>'s client. */
export class ClientElement extends LitElement {
  protected readonly clientCtl = new ClientController(this);

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
