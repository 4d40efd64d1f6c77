import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { Task } from '@lit/task';
import type { Tool } from '../../core/protocol/types.js';
import { McpToolSelectEvent } from '../../events/events.js';
import { filterTools, isDestructive, toolTitle } from '../../internal/catalogue.js';
import { visibility } from '../../core/apps/view.js';
import { msg } from '../../messages.js';
import { ClientElement, taskStates } from '../client-element.js';
import { catalogueStyles, tokens } from '../shared.styles.js';
import { styles } from './mcp-tool-list.styles.js';

/** Entries per chunk: the first chunk (more than a screen) renders at once, two more each frame. */
const CHUNK = 100;
const PER_FRAME = 2;

/**
 * @summary A searchable list of a server's tools: each shows its title (spec precedence) and, when
 * that differs, the tool's name on a quieter monospace line; search matches both. A long list is
 * rendered a screenful first and the rest over the next frames, so 10,000 tools never hold up the first screen.
 * @fires mcp-tool-select - A tool was chosen; `detail` is the Tool.
 * @csspart search - The search field.
 * @csspart list - The list.
 * @csspart tool - One tool's button (also `tool selected` when chosen).
 * @csspart icon - A tool icon.
 * @csspart description - A tool's description.
 * @csspart tool-name - A tool's name, when its title differs.
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
  /** How many chunks of the matching tools are rendered so far. */
  @state() private shown = 1;
  /** The listed tools (those a person may run) and the matching ones in chunks, kept while the tools, the query and app-tools stay the same (rendered chunks are then skipped). */
  private filtered?: { all: Tool[]; visible: Tool[]; query: string; appTools: boolean; chunks: Tool[][] };
  private more?: number;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.more !== undefined) cancelAnimationFrame(this.more);
    this.more = undefined;
  }

  protected override updated(): void {
    // The rest of a long list, a few chunks a frame: no task grows with the number of tools.
    if (this.shown < (this.filtered?.chunks.length ?? 0) && this.more === undefined)
      this.more = requestAnimationFrame(() => {
        this.more = undefined;
        this.shown += PER_FRAME;
      });
  }

  override render() {
    if (this.tools) return this.renderTools(this.tools);
    return this.toolsTask.render({
      ...taskStates(msg().state.connecting),
      complete: (tools) => this.renderTools(tools),
    });
  }

  private renderTools(listed: Tool[]) {
    const chunks = this.chunksOf(listed);
    const all = this.filtered!.visible;
    const selected = this.selected;
    return html`
      <input part="search" type="search" aria-label=${msg().searchTools} placeholder=${msg().searchTools} .value=${this.query} @input=${this.onSearch} />
      ${all.length === 0 ? html`<p class="muted">${msg().noTools}</p>` : chunks.length === 0 ? html`<p class="muted">${msg().noMatches}</p>` : nothing}
      <ul part="list" aria-label=${msg().tools}>
        ${chunks.slice(0, this.shown).map((chunk) => guard([chunk, chunk.some((t) => t.name === selected) ? selected : undefined], () => chunk.map((tool) => this.renderTool(tool))))}
      </ul>
    `;
  }

  private chunksOf(all: Tool[]): Tool[][] {
    const f = this.filtered;
    if (f?.all === all && f.query === this.query && f.appTools === this.appTools) return f.chunks;
    const visible = this.appTools ? all : all.filter((t) => visibility(t).includes('model'));
    const tools = filterTools(visible, this.query);
    const chunks: Tool[][] = [];
    for (let i = 0; i < tools.length; i += CHUNK) chunks.push(tools.slice(i, i + CHUNK));
    this.filtered = { all, visible, query: this.query, appTools: this.appTools, chunks };
    return chunks;
  }

  private renderTool(tool: Tool) {
    const chosen = tool.name === this.selected;
    const title = toolTitle(tool);
    return html`<li>
      <button class="entry" part=${chosen ? 'tool selected' : 'tool'} aria-pressed=${chosen ? 'true' : 'false'} @click=${() => this.choose(tool)}>
        ${this.renderIcon(tool.icons)}
        <span
          ><span class="name">${title}</span>${tool.annotations?.readOnlyHint ? html`<span class="badge">${msg().readOnly}</span>` : nothing}${isDestructive(tool)
            ? html`<span class="badge destructive">${msg().destructive}</span>`
            : nothing}</span
        >
        ${title !== tool.name ? html`<code part="tool-name">${tool.name}</code>` : nothing}
        ${tool.description ? html`<span part="description">${tool.description}</span>` : nothing}
      </button>
    </li>`;
  }

  private onSearch(e: Event) {
    this.query = (e.target as HTMLInputElement).value;
    this.shown = 1;
  }

  private choose(tool: Tool) {
    this.selected = tool.name;
    this.dispatchEvent(new McpToolSelectEvent(tool));
  }
}
