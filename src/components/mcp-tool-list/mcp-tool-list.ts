import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { ClientController } from '../../controllers/client-controller.js';
import type { McpClient } from '../../core/client/client.js';
import type { Tool } from '../../core/protocol/types.js';
import { McpToolSelectEvent } from '../../events/events.js';
import { filterTools, isDestructive, toolTitle } from '../../internal/catalogue.js';
import { msg } from '../../messages.js';
import { safeIconSrc } from '../../internal/safe-url.js';
import { catalogueStyles, tokens } from '../shared.styles.js';
import { styles } from './mcp-tool-list.styles.js';

/**
 * @summary A searchable list of a server's tools.
 * @fires mcp-tool-select - A tool was chosen; `detail` is the Tool.
 * @csspart search - The search field.
 * @csspart list - The list.
 * @csspart tool - One tool's button (also `tool selected` when chosen).
 * @csspart icon - A tool icon.
 * @csspart description - A tool's description.
 */
export class McpToolList extends LitElement {
  static override styles = [tokens, catalogueStyles, styles];

  private clientCtl = new ClientController(this);
  private toolsTask = new Task(this, {
    // Until the connection is up, show the tools kept from last time (then revalidate).
    task: async ([client, ready], { signal }): Promise<Tool[]> => (client && ready ? client.listTools({ signal }) : (client?.catalogue.tools ?? [])),
    args: () => [this.clientCtl.client, this.clientCtl.ready, this.clientCtl.revision] as const,
  });

  /** Tools to show; when unset, the tools of the client (from the enclosing <mcp-client>). */
  @property({ attribute: false }) tools?: Tool[];
  /** The name of the chosen tool. */
  @property() selected?: string;
  /** A client to use instead of the enclosing <mcp-client>'s. */
  @property({ attribute: false })
  get client(): McpClient | undefined {
    return this.clientCtl.client;
  }
  set client(client: McpClient | undefined) {
    this.clientCtl.client = client;
  }

  @state() private query = '';

  override render() {
    if (this.tools) return this.renderTools(this.tools);
    return this.toolsTask.render({
      pending: () => html`<p class="muted" role="status">${msg().state.connecting}</p>`,
      complete: (tools) => this.renderTools(tools),
      error: (e) => html`<p class="error" role="alert">${(e as Error).message}</p>`,
    });
  }

  private renderTools(all: Tool[]) {
    const tools = filterTools(all, this.query);
    return html`
      <input part="search" type="search" aria-label=${msg().searchTools} placeholder=${msg().searchTools} .value=${this.query} @input=${this.onSearch} />
      ${all.length === 0 ? html`<p class="muted">${msg().noTools}</p>` : tools.length === 0 ? html`<p class="muted">${msg().noMatches}</p>` : nothing}
      <ul part="list" aria-label=${msg().tools}>
        ${tools.map((tool) => this.renderTool(tool))}
      </ul>
    `;
  }

  private renderTool(tool: Tool) {
    const chosen = tool.name === this.selected;
    const icon = tool.icons?.map((i) => safeIconSrc(i.src, this.clientCtl.client?.url, i.mimeType)).find(Boolean);
    return html`<li>
      <button class="entry" part=${chosen ? 'tool selected' : 'tool'} aria-pressed=${chosen ? 'true' : 'false'} @click=${() => this.choose(tool)}>
        ${icon ? html`<img part="icon" src=${icon} alt="" crossorigin="anonymous" referrerpolicy="no-referrer" />` : nothing}
        <span
          ><span class="name">${toolTitle(tool)}</span>${tool.annotations?.readOnlyHint ? html`<span class="badge">${msg().readOnly}</span>` : nothing}${isDestructive(tool)
            ? html`<span class="badge destructive">${msg().destructive}</span>`
            : nothing}</span
        >
        ${tool.description ? html`<span part="description">${tool.description}</span>` : nothing}
      </button>
    </li>`;
  }

  private onSearch(e: Event) {
    this.query = (e.target as HTMLInputElement).value;
  }

  private choose(tool: Tool) {
    this.selected = tool.name;
    this.dispatchEvent(new McpToolSelectEvent(tool));
  }
}
