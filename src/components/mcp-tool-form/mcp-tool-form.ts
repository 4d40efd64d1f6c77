import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { createClient } from '../../controllers/client-factory.js';
import type { McpClient } from '../../core/client/client.js';
import type { AuthOptions } from '../../core/auth/types.js';
import type { KeyValueStore } from '../../core/store/store.js';
import { McpAbortError } from '../../core/jsonrpc/errors.js';
import { loadValidator, validator } from '../../core/schema/validator.js';
import type { CallToolResult, Progress, Tool } from '../../core/protocol/types.js';
import { McpErrorEvent, McpToolCallEvent, McpToolResultEvent, type McpFormInputEvent } from '../../events/events.js';
import { isDestructive, toolTitle } from '../../internal/catalogue.js';
import { msg } from '../../messages.js';
import { appendHistory, readDraft, saveDraft } from '../../core/store/records.js';
import type { McpSchemaForm } from '../mcp-schema-form/mcp-schema-form.js';
import { ClientElement } from '../client-element.js';
import { tokens } from '../shared.styles.js';
import { styles } from './mcp-tool-form.styles.js';
import '../mcp-schema-form/define.js';
import '../mcp-result-view/define.js';

/**
 * @summary One tool's form: fields from its input schema, a Run button, progress, Cancel, and the result.
 * @fires mcp-tool-call - Before the call; cancelable: preventDefault() vetoes it.
 * @fires mcp-tool-result - After the call, with the result or the error.
 * @fires mcp-error - The call failed.
 * @csspart header - Title and name.
 * @csspart description - The tool's description.
 * @csspart form - The schema form.
 * @csspart actions - Run, Cancel and progress.
 * @csspart run - The Run button.
 * @csspart cancel - The Cancel button.
 * @csspart progress - The progress display.
 * @csspart confirm - The confirmation asked before a destructive tool runs.
 * @csspart error - The error of a failed call.
 * @csspart result - The result view.
 */
export class McpToolForm extends ClientElement {
  static override styles = [tokens, styles];

  private toolTask = new Task(this, {
    task: async ([name, client, ready, definition], { signal }): Promise<Tool | undefined> => {
      if (definition) return definition;
      if (!name || !client) return undefined;
      // Not this run's signal: the connect's own state change re-runs the task, which must not abort it.
      if (!ready) await client.connect();
      return (await client.listTools({ signal })).find((t) => t.name === name);
    },
    args: () => [this.tool, this.clientCtl.client, this.clientCtl.ready, this.definition, this.clientCtl.revision] as const,
  });

  /** The name of the tool this form calls. */
  @property() tool?: string;
  /** The tool definition, when the host already has it (saves a tools/list). */
  @property({ attribute: false }) definition?: Tool;
  /** Standalone use: the MCP server URL, when not inside <mcp-client>. */
  @property() url?: string;
  /** Standalone use: where the session, drafts and history are kept (default: IndexedDB database `mcp-web-components`, as for <mcp-client>). */
  @property({ attribute: false }) store?: KeyValueStore;
  /** Standalone use: OAuth settings for a server that needs sign-in, as <mcp-client>'s `auth`. */
  @property({ attribute: false }) auth?: AuthOptions;
  /** Preset argument values. */
  @property({ attribute: false }) values: Record<string, unknown> = {};
  /** Names of arguments fixed to their preset value: shown, not editable, always sent. */
  @property({ attribute: false }) locked: string[] = [];

  @state() private running = false;
  @state() private progress?: Progress;
  @state() private confirming = false;
  @state() private result?: CallToolResult;
  @state() private error?: Error;
  @query('mcp-schema-form') private form?: McpSchemaForm;
  private abort?: AbortController;
  private checking = false;
  private ownClient?: McpClient;
  /** The `url tool` whose stored draft was last restored. */
  private draftFor?: string;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.abort?.abort();
    void this.ownClient?.close();
    this.ownClient = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.url && (changed.has('url') || changed.has('store') || changed.has('auth'))) {
      void this.ownClient?.close();
      this.client = this.ownClient = createClient({ url: this.url, store: this.store, auth: this.auth });
      this.draftFor = undefined; // another store may hold another draft
    }
  }

  protected override updated(): void {
    // What was typed before a reload comes back as the form's values (locked values stay the host's).
    const client = this.client;
    const key = `${client?.url} ${this.tool}`;
    if (!client?.store || !this.tool || this.draftFor === key) return;
    this.draftFor = key;
    void readDraft(client.store, client.url, this.tool).then((draft) => {
      if (draft && this.draftFor === key) this.values = { ...draft, ...this.lockedValues() };
    });
  }

  /** Validates and runs the tool, as the Run button does. */
  async run(): Promise<void> {
    const tool = this.toolTask.value;
    if (!tool || this.running || this.checking) return;
    if (!validator()) {
      // A click in the first moments, before the validator's chunk is here: wait for it (once).
      this.checking = true;
      await loadValidator().catch(() => {});
      await this.form?.updateComplete;
      this.checking = false;
    }
    if (!this.form?.validate()) return;
    if (isDestructive(tool) && !this.confirming) {
      this.confirming = true;
      return;
    }
    this.confirming = false;
    await this.call(tool, { ...this.form.value, ...this.lockedValues() });
  }

  /** Cancels the running call. */
  cancel(): void {
    this.abort?.abort();
  }

  override render() {
    return this.toolTask.render({
      initial: () => nothing,
      pending: () => html`<p class="muted" role="status">${msg().state.connecting}</p>`,
      error: (e) => html`<p part="error" class="error" role="alert">${(e as Error).message}</p>`,
      complete: (tool) => (tool ? this.renderTool(tool) : html`<p class="error" role="alert">${msg().unknownTool(this.tool ?? '')}</p>`),
    });
  }

  private renderTool(tool: Tool) {
    const p = this.progress;
    return html`
      <div part="header">
        <h3>${toolTitle(tool)}</h3>
        ${toolTitle(tool) !== tool.name ? html`<code>${tool.name}</code>` : nothing}
      </div>
      ${tool.description ? html`<p part="description">${tool.description}</p>` : nothing}
      <form
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.run();
        }}
        novalidate
        @keydown=${this.onKeydown}
      >
        <mcp-schema-form part="form" exportparts="field,label,input,help,error: field-error" .schema=${tool.inputSchema ?? { type: 'object' }} .value=${this.values} .locked=${this.locked} ?disabled=${this.running} @mcp-form-input=${this.onFormInput}></mcp-schema-form>
        ${this.confirming
          ? html`<div part="confirm" role="alertdialog" aria-label=${msg().confirmDestructive(toolTitle(tool))}>
              <p>${msg().confirmDestructive(toolTitle(tool))}</p>
              <button type="submit" class="danger">${msg().confirm}</button>
              <button type="button" @click=${() => (this.confirming = false)}>${msg().cancel}</button>
            </div>`
          : html`<div part="actions">
              <button part="run" type="submit" class="primary" ?disabled=${this.running}>${msg().run}</button>
              ${this.running ? html`<button part="cancel" type="button" @click=${this.cancel}>${msg().cancel}</button>` : nothing}
              ${this.running
                ? html`<div part="progress" role="status">
                    ${p?.total ? html`<progress max=${p.total} .value=${p.progress} aria-label=${msg().running}></progress>` : html`<progress aria-label=${msg().running}></progress>`}
                    <span>${p ? `${msg().progress(p.progress, p.total)}${p.message ? ` \u2014 ${p.message}` : ''}` : msg().running}</span>
                  </div>`
                : nothing}
            </div>`}
      </form>
      ${this.error ? html`<p part="error" class="error" role="alert">${this.error.message}</p>` : nothing}
      ${this.result ? html`<mcp-result-view part="result" .result=${this.result} .outputSchema=${tool.outputSchema} .client=${this.client}></mcp-result-view>` : nothing}
    `;
  }

  private onFormInput(e: McpFormInputEvent): void {
    const client = this.client;
    if (client?.store && this.tool) void saveDraft(client.store, client.url, this.tool, e.detail);
  }

  /** Enter in a one-line field runs the tool, as in any form (the fields sit in another shadow root, so the browser won't). */
  private onKeydown(e: KeyboardEvent): void {
    const target = e.composedPath()[0] as HTMLElement;
    if (e.key !== 'Enter' || e.isComposing || !(target instanceof HTMLInputElement) || ['checkbox', 'radio', 'button', 'submit'].includes(target.type)) return;
    e.preventDefault();
    void this.run();
  }

  private lockedValues(): Record<string, unknown> {
    return Object.fromEntries(this.locked.filter((k) => k in this.values).map((k) => [k, this.values[k]]));
  }

  private async call(tool: Tool, args: Record<string, unknown>): Promise<void> {
    if (!this.dispatchEvent(new McpToolCallEvent(tool.name, args))) return;
    const client = this.client!;
    this.abort = new AbortController();
    this.running = true;
    this.progress = undefined;
    this.error = undefined;
    this.result = undefined;
    try {
      this.result = await client.callTool(tool.name, args, { signal: this.abort.signal, onProgress: (p) => (this.progress = p) });
      this.dispatchEvent(new McpToolResultEvent(tool.name, args, this.result));
    } catch (error) {
      // What the user typed stays in the form: only the error is shown.
      this.error = error instanceof McpAbortError ? new Error(msg().cancelled) : (error as Error);
      this.dispatchEvent(new McpToolResultEvent(tool.name, args, undefined, error as Error));
      if (!(error instanceof McpAbortError)) this.dispatchEvent(new McpErrorEvent(error as Error));
    } finally {
      this.running = false;
      this.abort = undefined;
      const summary = this.error?.message ?? this.result?.content?.find((c) => c.type === 'text')?.text;
      if (client.store) void appendHistory(client.store, client.url, { tool: tool.name, arguments: args, at: Date.now(), ok: !!this.result && !this.result.isError, summary: summary?.slice(0, 200) });
    }
  }
}
