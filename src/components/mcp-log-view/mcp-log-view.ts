import { html, render } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { LoggingLevel } from '../../core/protocol/types.js';
import { LEVELS, dataText } from './log.js';
import { msg } from '../../messages.js';
import { ClientElement } from '../client-element.js';
import { tokens } from '../shared.styles.js';
import { ClientEventsController } from '../../controllers/client-events.js';
import { styles } from './mcp-log-view.styles.js';

/** One line of the log. */
export interface LogEntry {
  time: Date;
  level: LoggingLevel;
  /** Where it came from: a server log message, another notification, or a client error. */
  source: 'log' | 'notification' | 'error';
  /** The server's logger name, or the notification method. */
  logger?: string;
  /** The data as text: strings as they are, anything else as indented JSON. */
  text: string;
}

/** One entry's nodes, built once and kept while the entry is shown. */
const nodes = new WeakMap<LogEntry, HTMLElement>();
function entryNode(e: LogEntry): HTMLElement {
  let row = nodes.get(e);
  if (!row) {
    nodes.set(e, (row = document.createElement('div')));
    row.part.add('entry', e.level);
    render(
      html`<time datetime=${e.time.toISOString()}>${e.time.toLocaleTimeString()}</time> <span class="level">${e.level}</span>
        <span class="logger">${e.logger ?? ''}</span> ${e.text ? html`<pre>${e.text}</pre>` : ''}`,
      row,
    );
  }
  return row;
}
/**
 * Longest a frame spends making new rows; the rest come in the next frames. A flood's newest rows come first (the log
 * sticks to its end), so rows about to be dropped past `max` are seldom made at all.
 */
const ROWS_MS = 10;
/** Notifications the log leaves out: log messages arrive as `log` events already, progress has its own display. */
const SKIPPED = new Set(['notifications/message', 'notifications/progress']);

/**
 * @summary The server's log messages and notifications, and client errors, newest last.
 * @csspart toolbar - The level filter and Clear button.
 * @csspart level - The level <select>.
 * @csspart list - The log (`role="log"`).
 * @csspart entry - One entry, also named by its level (`entry error`).
 * @cssprop --mcp-log-max-height - Height after which the log scrolls (20rem).
 * @cssprop --mcp-log-warning-color - Colour of warning and notice levels.
 */
export class McpLogView extends ClientElement {
  static override styles = [tokens, styles];

  protected readonly events = new ClientEventsController(this, () => this.clientCtl.client, {
    log: (e) => {
      const d = (e.detail ?? {}) as { level?: string; logger?: unknown; data?: unknown };
      const level = LEVELS.includes(d.level as LoggingLevel) ? (d.level as LoggingLevel) : 'info';
      this.add({
        level,
        source: 'log',
        logger: typeof d.logger === 'string' ? d.logger : undefined,
        text: dataText(d.data),
      });
    },
    notification: (e) => {
      const n = (e.detail ?? {}) as { method?: string; params?: unknown };
      if (!n.method || SKIPPED.has(n.method)) return;
      this.add({
        level: 'info',
        source: 'notification',
        logger: n.method,
        text: n.params === undefined ? '' : dataText(n.params),
      });
    },
    error: (e) => {
      const err = e.detail as Error | undefined;
      this.add({ level: 'error', source: 'error', logger: err?.name, text: err?.message ?? dataText(err) });
    },
  });

  /** The most entries kept; older ones are dropped. */
  @property({ type: Number }) max = 500;
  /** The least severe level shown; choosing one also asks a server with `logging` to send from that level. */
  @property() level: LoggingLevel = 'debug';

  /** Changed in place, with requestUpdate: a flood of lines would otherwise copy the whole kept list for each one. */
  private items: LogEntry[] = [];
  @query('[part="list"]') private list?: HTMLElement;
  private stickToEnd = true;

  /** The entries kept, oldest first. */
  get entries(): readonly LogEntry[] {
    return [...this.items];
  }

  /** Adds an entry (hosts can log their own lines too). */
  add(entry: Omit<LogEntry, 'time'> & { time?: Date }): void {
    const items = this.items;
    items.push({ time: new Date(), ...entry });
    items.splice(0, items.length - Math.max(1, this.max)); // a negative count removes nothing
    this.requestUpdate();
  }

  /** Empties the log. */
  clear(): void {
    this.items = [];
    this.requestUpdate();
  }

  /**
   * Renders at most once a frame (a hidden tab, which has no frames, after a timer): a server that floods the log would
   * otherwise re-render the list for every chunk it sends.
   */
  protected override async scheduleUpdate(): Promise<void> {
    await new Promise((r) => (requestAnimationFrame(r), setTimeout(r, 100)));
    super.scheduleUpdate();
  }

  /**
   * Hidden (<mcp-client> keeps it mounted behind the other tabs), it measures nothing: a layout forced here would lay
   * out the whole page.
   */
  @property({ type: Boolean, reflect: true }) override hidden = false;

  /** The entries the level lets through, oldest first. */
  private shown: LogEntry[] = [];
  /** Rows were left for the next frame; updateComplete waits for them. */
  private rowsLeft = false;

  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.rowsLeft) done = await super.getUpdateComplete();
    return done;
  }

  protected override willUpdate(): void {
    const l = this.list;
    if (!this.hidden) this.stickToEnd = !l || l.scrollHeight - l.scrollTop - l.clientHeight < 24;
  }

  /**
   * Brings the list's nodes in line with `shown`, keeping the nodes of entries still shown: a flooded log lays out
   * only its new lines, and a screen reader hears only them.
   */
  protected override updated(): void {
    const list = this.list!;
    const start = performance.now();
    const want: HTMLElement[] = [];
    let more = false;
    for (let i = this.shown.length; i--;) {
      const e = this.shown[i];
      if (nodes.has(e) || performance.now() - start < ROWS_MS) want.push(entryNode(e));
      else more = true;
    }
    want.reverse();
    // The rows left out come in the next frame (scheduleUpdate waits for it).
    if ((this.rowsLeft = more)) this.requestUpdate();
    const keep = new Set<Element>(want);
    for (const n of [...list.children]) if (!keep.has(n)) n.remove();
    want.forEach((n, i) => list.children[i] !== n && list.insertBefore(n, list.children[i] ?? null));
    if (!this.hidden && this.stickToEnd) list.scrollTop = list.scrollHeight;
  }

  override render() {
    const min = LEVELS.indexOf(this.level);
    const shown = (this.shown = this.items.filter((e) => LEVELS.indexOf(e.level) >= min));
    return html`
      <div part="toolbar">
        <label
          >${msg().level}
          <select part="level" .value=${this.level} @change=${this.onLevel}>
            ${LEVELS.map((l) => html`<option value=${l} ?selected=${l === this.level}>${msg().levels[l] ?? l}</option>`)}
          </select>
        </label>
        <button @click=${this.clear}>${msg().clear}</button>
        <span class="muted">${msg().logEntries(shown.length)}</span>
      </div>
      <div part="list" role="log" aria-live="polite" aria-label=${msg().log} tabindex="0"></div>
      ${shown.length ? '' : html`<p class="muted">${msg().logEmpty}</p>`}
    `;
  }

  private onLevel(e: Event) {
    this.level = (e.target as HTMLSelectElement).value as LoggingLevel;
    const client = this.clientCtl.client;
    if (client?.state === 'ready' && client.serverCapabilities.logging)
      client
        .setLogLevel(this.level)
        .catch((error: Error) =>
          this.add({ level: 'error', source: 'error', logger: error.name, text: error.message }),
        );
  }
}
