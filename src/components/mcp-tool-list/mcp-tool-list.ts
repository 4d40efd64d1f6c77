import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { safeIconSrc } from '../../internal/safe-url.js';
import { loadValidator } from '../../core/schema/validator.js';
import { Task } from '@lit/task';
import type { Tool } from '../../core/protocol/types.js';
import { McpToolSelectEvent } from '../../events/events.js';
import { filterTools, isDestructive, toolTitle } from '../../internal/catalogue.js';
import { visibility } from '../../core/apps/view.js';
import { msg } from '../../messages.js';
import { ClientElement, taskStates } from '../client-element.js';
import { catalogueStyles, tokens } from '../shared.styles.js';
import { styles } from './mcp-tool-list.styles.js';
import { toolsOf } from '../../controllers/tools.js';

/**
 * Entries per chunk; chunks are made until the budget is spent (the first one always), then the rest in later tasks,
 * BUDGET_MS each. 1,000 entries take 8 to 12 ms to make here once the page has run a while, but 30 to 60 ms in a
 * page's first seconds (its code not yet compiled, a collection or two among them): the first pass after a new list
 * has FIRST_BUDGET_MS for its first 1,000 entries, so a list that size is one pass and one frame even then (a second
 * pass waited a whole frame, 50 to 70 ms later, for its last entries); only longer lists are sliced, each later pass
 * well inside the 50 ms long-task line.
 */
const CHUNK = 25;
const BUDGET_MS = 25;
const FIRST_BUDGET_MS = 60;
/** The first pass's own budget holds for the first 1,000 entries; beyond them, BUDGET_MS as for any pass. */
const FIRST_CHUNKS = 1000 / CHUNK;

/** One entry as every entry starts (title, name, description), cloned in one call rather than built node by node. */
let proto: HTMLElement | undefined;
const entry = (): HTMLElement => {
  if (!proto) {
    proto = document.createElement('div');
    proto.setAttribute('role', 'listitem');
    const b = el('button', proto, 'entry', 'tool');
    b.setAttribute('aria-pressed', 'false');
    el('span', el('span', b), 'name');
    el('code', b, '', 'tool-name');
    el('span', b, '', 'description');
  }
  return proto.cloneNode(true) as HTMLElement;
};

/** An element with a class, a part and text, each when given. */
const el = (tag: string, parent: Node, cls?: string, part?: string, text?: string) => {
  const e = parent.appendChild(document.createElement(tag));
  if (cls) e.className = cls;
  if (part) e.setAttribute('part', part);
  if (text !== undefined) e.textContent = text;
  return e;
};

/**
 * @summary A searchable list of a server's tools: each shows its title (spec precedence) and, when
 * that differs, the tool's name on a quieter monospace line; search matches both. A long list is
 * rendered in chunks: as many as fit in a few milliseconds at once (the first screen among them), the rest
 * in the tasks after, so 10,000 tools never hold up the first screen nor make a long task.
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
    task: async ([client, ready], { signal }): Promise<Tool[]> =>
      client && ready ? toolsOf(client, signal) : (client?.catalogue.tools ?? []),
    args: () => [this.clientCtl.client, this.clientCtl.ready, this.clientCtl.revision] as const,
  });

  /** Tools to show; when unset, the tools of the client (from the enclosing <mcp-client>). */
  @property({ attribute: false }) tools?: Tool[];
  /** The name of the chosen tool. */
  @property() selected?: string;
  /** Also list tools only an MCP App may call (`_meta.ui.visibility` without `model`), hidden by default. */
  @property({ type: Boolean, attribute: 'app-tools' }) appTools = false;

  @state() private query = '';
  /**
   * The listed tools (those a person may run) and the matching ones in chunks, kept while the tools, the query and
   * app-tools stay the same (rendered chunks are then kept).
   */
  private filtered?: { all: Tool[]; visible: Tool[]; query: string; appTools: boolean; chunks: Tool[][] };
  /** The chunks rendered so far, for those chunks and messages. */
  private made: { chunks?: Tool[][]; m?: ReturnType<typeof msg>; nodes: HTMLElement[] } = { nodes: [] };
  private more = false;
  /** Each rendered entry's button and its tool, and the button shown as chosen. */
  private buttons = new Map<string, HTMLButtonElement>();
  private toolOf = new WeakMap<Element, Tool>();
  private marked?: HTMLButtonElement;
  private preloaded = false;

  protected override updated(): void {
    // The chosen entry, marked in place: its button (and the focus on it) stays.
    const chosen = this.selected === undefined ? undefined : this.buttons.get(this.selected);
    if (chosen !== this.marked) {
      for (const [b, on] of [
        [this.marked, false],
        [chosen, true],
      ] as const)
        (b?.setAttribute('part', on ? 'tool selected' : 'tool'), b?.setAttribute('aria-pressed', String(on)));
      this.marked = chosen;
    }
    // A listed tool is soon opened: its form's validator chunk comes now, while the page is idle, not on the click.
    if (this.filtered?.chunks.length && !this.preloaded)
      ((this.preloaded = true),
        (globalThis.requestIdleCallback ?? setTimeout)(() => void loadValidator().catch(() => {})));
    // The rest of a long list, in the next task (and the ones after): no task grows with the number of tools.
    if (this.made.nodes.length < (this.filtered?.chunks.length ?? 0) && !this.more)
      ((this.more = true),
        // A task of its own (the 4 ms clamp starts at the fifth nested pass; 10,000 tools take about five).
        setTimeout(() => {
          this.more = false;
          if (this.isConnected) this.requestUpdate();
        }));
  }

  override render() {
    if (this.tools) return this.renderTools(this.tools);
    const states = taskStates(msg().state.connecting);
    // While the list is asked for again (connected now, or changed), the last one stays: no flash, no lost search.
    const last = this.toolsTask.value;
    return this.toolsTask.render({
      ...states,
      pending: () => (last ? this.renderTools(last) : states.pending()),
      complete: (tools) => this.renderTools(tools),
    });
  }

  private renderTools(listed: Tool[]) {
    const chunks = this.chunksOf(listed);
    const all = this.filtered!.visible;
    const m = msg();
    return html`
      <input part="search" type="search" aria-label=${m.searchTools} placeholder=${m.searchTools} .value=${this.query} @input=${this.onSearch} />
      ${all.length === 0 ? html`<p class="muted">${m.noTools}</p>` : chunks.length === 0 ? html`<p class="muted">${m.noMatches}</p>` : nothing}
      <div part="list" role="list" aria-label=${m.tools} @click=${this.onClick}>${this.chunkNodes(chunks, m)}</div>
    `;
  }

  /** The rendered chunks, a few more each time: made until the time budget is spent, the first always. */
  private chunkNodes(chunks: Tool[][], m: ReturnType<typeof msg>): HTMLElement[] {
    if (this.made.chunks !== chunks || this.made.m !== m) this.made = { chunks, m, nodes: [] };
    const { nodes } = this.made;
    const start = performance.now();
    const first = !nodes.length;
    const budget = () => (first && nodes.length < FIRST_CHUNKS ? FIRST_BUDGET_MS : BUDGET_MS);
    while (nodes.length < chunks.length && (!nodes.length || performance.now() - start < budget()))
      nodes.push(this.renderChunk(chunks[nodes.length], m, nodes.length * CHUNK, chunks.length));
    return [...nodes];
  }

  private chunksOf(all: Tool[]): Tool[][] {
    const f = this.filtered;
    if (f?.all === all && f.query === this.query && f.appTools === this.appTools) return f.chunks;
    const visible = this.appTools ? all : all.filter((t) => visibility(t).includes('model'));
    const tools = filterTools(visible, this.query);
    const chunks: Tool[][] = [];
    for (let i = 0; i < tools.length; i += CHUNK) chunks.push(tools.slice(i, i + CHUNK));
    this.filtered = { all, visible, query: this.query, appTools: this.appTools, chunks };
    this.buttons.clear();
    this.marked = undefined;
    return chunks;
  }

  /**
   * One chunk's entries, made with the DOM directly: thousands of tools cost a fraction of a template
   * per entry. Server text goes in as text; the chosen one is marked in updated(). A chunk off screen
   * skips layout and paint as one (styles: .chunk): per entry, the browser would check 10,000 of them every frame.
   * Each entry says where it stands in the whole list (the chunks would restart the count).
   */
  private renderChunk(chunk: Tool[], m: ReturnType<typeof msg>, first: number, chunks: number): HTMLElement {
    const f = document.createElement('div');
    f.className = 'chunk';
    f.style.containIntrinsicSize = `auto ${chunk.length * 4}em`;
    const url = this.clientCtl.client?.url;
    const size = String((chunks - 1) * CHUNK + (this.filtered!.chunks.at(-1)?.length ?? 0));
    for (const [i, tool] of chunk.entries()) {
      const title = toolTitle(tool);
      const item = f.appendChild(entry());
      item.setAttribute('aria-posinset', String(first + i + 1));
      item.setAttribute('aria-setsize', size);
      const b = item.firstElementChild as HTMLButtonElement;
      const line = b.firstElementChild!;
      const code = line.nextElementSibling!;
      const description = code.nextElementSibling!;
      line.firstElementChild!.textContent = title;
      if (tool.annotations?.readOnlyHint) el('span', line, 'badge', '', m.readOnly);
      if (isDestructive(tool)) el('span', line, 'badge destructive', '', m.destructive);
      title !== tool.name ? (code.textContent = tool.name) : code.remove();
      tool.description ? (description.textContent = tool.description) : description.remove();
      const src = tool.icons?.map((i) => safeIconSrc(i.src, url, i.mimeType)).find(Boolean);
      if (src)
        b.prepend(
          Object.assign(document.createElement('img'), {
            part: 'icon',
            alt: '',
            crossOrigin: 'anonymous',
            referrerPolicy: 'no-referrer',
            src,
          }),
        );
      this.buttons.set(tool.name, b);
      this.toolOf.set(b, tool);
    }
    return f;
  }

  private onClick(e: Event) {
    const tool = this.toolOf.get((e.target as Element).closest('button') as Element);
    if (tool) this.choose(tool);
  }

  private onSearch(e: Event) {
    this.query = (e.target as HTMLInputElement).value;
  }

  private choose(tool: Tool) {
    this.selected = tool.name;
    this.dispatchEvent(new McpToolSelectEvent(tool));
  }
}
