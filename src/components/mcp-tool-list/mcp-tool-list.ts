import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { Tool } from '../../core/protocol/types.js';
import { McpToolSelectEvent } from '../../events/events.js';
import { filterTools, isDestructive, toolTitle } from '../../internal/catalogue.js';
import { visibility } from '../../core/apps/view.js';
import { msg } from '../../messages.js';
import { ClientElement, taskStates } from '../client-element.js';
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
export class McpToolList extends ClientElement {
  static override styles = [tokens, catalogueStyles, styles];

  private toolsTask = new Task(this, {
    // Until the connection is up, show the tools kept from last time (then revalidate).
    task: async ([client, ready], { signal }): Promise<Tool[]> => (client && ready ? client.listTools({ signal }) : (client?.catalogue.tools ?? [])),
    args: () => [this.clientCtl.client, this.clientCtl.ready, this.clientCtl.revision] as const,
  });

  /** Tools to show; when unset, the tools of the client (from the enclosing <mcp-client>). */
  @property({ attribute: false }) tools?: Tool[];
  /** The name of the chosen tool. */
  @property() selected?: string;
  /** Also list tools only an MCP App may call (`_meta.ui.visibility` without `model`), hidden by default. */
  @property({ type: Boolean, attribute: 'app-tools' }) appTools = false;

  @state() private query = '';

  override render() {
    if (this.tools) return this.renderTools(this.tools);
    return this.toolsTask.render({
      ...taskStates(msg().state.connecting),
      complete: (tools) => this.renderTools(tools),
    });
  }

  private renderTools(listed: Tool[]) {
    const all = this.appTools ? listed : listed.filter((t) => visibility(t).includes('model'));
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
    return html`<li>
      <button class="entry" part=${chosen ? 'tool selected' : 'tool'} aria-pressed=${chosen ? 'true' : 'false'} @click=${() => this.choose(tool)}>
        ${this.renderIcon(tool.icons)}
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
