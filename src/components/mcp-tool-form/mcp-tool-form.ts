import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { Task } from '@lit/task';
import type { AuthOptions } from '../../core/auth/types.js';
import type { KeyValueStore } from '../../core/kv/store.js';
import { McpAbortError, McpProtocolError } from '../../core/jsonrpc/errors.js';
import { ERROR } from '../../core/protocol/versions.js';
import { loadValidator, validator } from '../../core/schema/validator.js';
import type { CallToolResult, Progress, Tool } from '../../core/protocol/types.js';
import type { TaskState } from '../../core/client/tasks.js';
import { McpErrorEvent, McpToolCallEvent, McpToolResultEvent, type McpFormInputEvent } from '../../events/events.js';
import { isDestructive, toolTitle } from '../../internal/catalogue.js';
import { viewUri } from '../../core/apps/view.js';
import { ActivationGuard } from '../../internal/dialog.js';
import { withoutSecrets } from '../../internal/secrets.js';
import { msg } from '../../messages.js';
import { tasksKey } from '../../core/store/keys.js';
import { appendHistory, readDraft, saveDraft, type TaskRecord } from '../../core/store/records.js';
import type { McpSchemaForm } from '../mcp-schema-form/mcp-schema-form.js';
import type { McpResultView } from '../mcp-result-view/mcp-result-view.js';
import { ClientElement } from '../client-element.js';
import { tokens } from '../shared.styles.js';
import { styles } from './mcp-tool-form.styles.js';
import '../mcp-schema-form/define.js';
import '../mcp-result-view/define.js';
import { toolsOf } from '../../controllers/tools.js';
import '../mcp-app-view/define.js';

/**
 * @summary One tool's form: fields from its input schema, a Run button, progress or a task's status, Cancel, and the
 * result.
 * A call the server runs as a task shows the task's status line; after a reload, an unfinished task of this tool is
 * picked up again.
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
 * @csspart task - The status line of a call the server runs as a task.
 * @csspart confirm - The confirmation asked before a destructive tool runs.
 * @csspart error - The error of a failed call.
 * @csspart result - The result view.
 * @csspart app - The tool's MCP App (<mcp-app-view>), shown instead of the result view when the tool has one.
 * @csspart app-toggle - The button that switches between the app and the plain result.
 * @slot before-run - Host content in the actions row, before the Run button (a consent checkbox, a note on costs).
 * @slot after-run - Host content in the actions row, after Run, Cancel and progress.
 * @cssstate running - A call is running.
 */
export class McpToolForm extends ClientElement {
  static override styles = [tokens, styles];

  private toolTask = new Task(this, {
    task: async ([name, client, ready, definition], { signal }): Promise<Tool | undefined> => {
      if (definition) return definition;
      if (!name || !client) return undefined;
      // Not this run's signal: the connect's own state change re-runs the task, which must not abort it.
      if (!ready) await client.connect();
      return (await toolsOf(client, signal)).find((t) => t.name === name);
    },
    args: () =>
      [this.tool, this.clientCtl.client, this.clientCtl.ready, this.definition, this.clientCtl.revision] as const,
  });

  /** The name of the tool this form calls. */
  @property() tool?: string;
  /** The tool definition, when the host already has it (saves a tools/list). */
  @property({ attribute: false }) definition?: Tool;
  /** Standalone use: the MCP server URL, when not inside <mcp-client>. */
  @property() url?: string;
  /**
   * Standalone use: a CORS relay (`mcp-web-components/relay`) to reach a server that answers no CORS: the relay's URL;
   * `url` stays the server's.
   */
  @property() relay?: string;
  /**
   * Standalone use: where the session, drafts and history are kept (default: IndexedDB database `mcp-web-components`,
   * as for <mcp-client>).
   */
  @property({ attribute: false }) store?: KeyValueStore;
  /** Standalone use: OAuth settings for a server that needs sign-in, as <mcp-client>'s `auth`. */
  @property({ attribute: false }) auth?: AuthOptions;
  /** Preset argument values. */
  @property({ attribute: false }) values: Record<string, unknown> = {};
  /** Names of arguments fixed to their preset value: shown, not editable, always sent. */
  @property({ attribute: false }) locked: string[] = [];

  @state() private running = false;
  @state() private progress?: Progress;
  @state() private task?: TaskState;
  @state() private confirming = false;
  /**
   * The confirmation ignores a person's clicks for a moment, so a double-click or second Enter on Run cannot confirm.
   */
  private readonly confirmGuard = new ActivationGuard(this);
  @state() private result?: CallToolResult;
  @state() private error?: Error;
  /** The arguments of the last call, for the app's `tool-input`. */
  @state() private args: Record<string, unknown> = {};
  /** Whether a tool's app is shown rather than its plain result. */
  @state() private appShown = true;
  /** A call was made since the form showed: a tool's app shows from its start (and stays after a cancel). */
  @state() private viewCall = 0;
  @query('mcp-schema-form') private form?: McpSchemaForm;
  @query('mcp-result-view') private resultView?: McpResultView;
  private abort?: AbortController;
  private internals = this.attachInternals();
  private checking = false;
  /** The `url tool` whose stored draft was last restored, and whose kept tasks were looked for. */
  private draftFor?: string;
  private tasksFor?: string;
  /** Which call() is the form's current one. */
  private runId = 0;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.running) this.leaveRun();
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    // Settled means the result is on screen: a long text's blocks take a few tasks more.
    await this.resultView?.updateComplete;
    return done;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('tool') && changed.get('tool') !== undefined) {
      if (this.running) this.leaveRun();
      this.viewCall = 0; // the view belonged to the other tool's call
    }
    if (this.url && (changed.has('url') || changed.has('relay') || changed.has('store') || changed.has('auth'))) {
      this.holdClient({ url: this.url, relay: this.relay, store: this.store, auth: this.auth });
      this.draftFor = undefined; // another store may hold another draft
    }
  }

  protected override updated(): void {
    this.pickUpTask();
    this.running ? this.internals.states.add('running') : this.internals.states.delete('running');
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
      this.confirmGuard.arm();
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
      complete: (tool) =>
        tool ? this.renderTool(tool) : html`<p class="error" role="alert">${msg().unknownTool(this.tool ?? '')}</p>`,
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
        ${
          this.confirming
            ? html`<div part="confirm" role="alertdialog" aria-label=${msg().confirmDestructive(toolTitle(tool))}>
              <p>${msg().confirmDestructive(toolTitle(tool))}</p>
              <button type="submit" class="danger" aria-disabled=${this.confirmGuard.waiting} @click=${(e: Event) => !this.confirmGuard.allows(e) && e.preventDefault()}>${msg().confirm}</button>
              <button type="button" @click=${() => (this.confirming = false)}>${msg().cancel}</button>
            </div>`
            : html`<div part="actions">
              <slot name="before-run"></slot>
              <button part="run" type="submit" class="primary" ?disabled=${this.running}>${msg().run}</button>
              ${this.running ? html`<button part="cancel" type="button" @click=${this.cancel}>${msg().cancel}</button>` : nothing}
              ${this.task ? html`<p part="task" role="status">${msg().task(this.task.status, this.task.statusMessage)}</p>` : nothing}
              ${
                this.running && !this.task
                  ? html`<div part="progress" role="status">
                    ${p?.total ? html`<progress max=${p.total} .value=${p.progress} aria-label=${msg().running}></progress>` : html`<progress aria-label=${msg().running}></progress>`}
                    <span>${p ? `${msg().progress(p.progress, p.total)}${p.message ? ` \u2014 ${p.message}` : ''}` : msg().running}</span>
                  </div>`
                  : nothing
              }
              <slot name="after-run"></slot>
            </div>`
        }
      </form>
      ${this.error ? html`<p part="error" class="error" role="alert">${this.error.message}</p>` : nothing}
      ${this.result || (this.viewCall && viewUri(tool)) ? this.renderResult(tool, this.result) : nothing}
    `;
  }

  /**
   * The plain result, or the tool's app (loaded on first use, shown from the start of the call) with the plain result
   * one click away.
   */
  private renderResult(tool: Tool, result: CallToolResult | undefined) {
    const app = viewUri(tool) && this.appShown;
    return html`
      ${viewUri(tool) && result ? html`<button part="app-toggle" type="button" @click=${() => (this.appShown = !app)}>${app ? msg().appShowResult : msg().appShowView}</button>` : nothing}
      ${
        app
          ? // One view per call: the last one was torn down.
            keyed(
              this.viewCall,
              html`<mcp-app-view part="app" .client=${this.client} .definition=${tool} .input=${this.args} .result=${result}></mcp-app-view>`,
            )
          : result
            ? html`<mcp-result-view part="result" .result=${result} .outputSchema=${tool.outputSchema} .client=${this.client}></mcp-result-view>`
            : nothing
      }
    `;
  }

  private onFormInput(e: McpFormInputEvent): void {
    const client = this.client;
    if (client?.store && this.tool)
      void saveDraft(
        client.store,
        client.url,
        this.tool,
        withoutSecrets(this.toolTask.value?.inputSchema, e.detail) as typeof e.detail,
      );
  }

  /**
   * Enter in a one-line field runs the tool, as in any form (the fields sit in another shadow root, so the browser
   * won't).
   */
  private onKeydown(e: KeyboardEvent): void {
    const target = e.composedPath()[0] as HTMLElement;
    if (
      e.key !== 'Enter' ||
      e.isComposing ||
      !(target instanceof HTMLInputElement) ||
      ['checkbox', 'radio', 'button', 'submit'].includes(target.type)
    )
      return;
    e.preventDefault();
    // Enter in a field asks for the confirmation; only the Confirm button gives it.
    if (!this.confirming) void this.run();
  }

  /**
   * After a reload: an unfinished task of this tool, kept in the store, is followed again to its result (once per
   * client and tool).
   */
  private pickUpTask(): void {
    const client = this.client;
    const tool = this.toolTask.value;
    const key = `${client?.url} ${tool?.name}`;
    if (!client?.store || !tool || !this.clientCtl.ready || this.running || this.tasksFor === key) return;
    this.tasksFor = key;
    void client.store.get<TaskRecord[]>(tasksKey(client.url)).then((kept) => {
      const record = kept?.find((r) => r.tool === tool.name);
      if (record && !this.running && this.tasksFor === key) void this.call(tool, record.arguments, record);
    });
  }

  private lockedValues(): Record<string, unknown> {
    return Object.fromEntries(this.locked.filter((k) => k in this.values).map((k) => [k, this.values[k]]));
  }

  private async call(tool: Tool, args: Record<string, unknown>, resume?: TaskRecord): Promise<void> {
    if (!resume && !this.dispatchEvent(new McpToolCallEvent(tool.name, args))) return;
    const client = this.client!;
    // The form may be switched to another tool while this runs (leaveRun): from then on this run shows nothing.
    const run = ++this.runId;
    const mine = () => run === this.runId;
    this.abort = new AbortController();
    this.running = true;
    this.progress = undefined;
    this.task = resume && {
      taskId: resume.taskId,
      status: resume.status as TaskState['status'],
      statusMessage: resume.statusMessage,
    };
    this.error = undefined;
    // A view is asked to wind down (ui/resource-teardown) before it goes.
    await (this.renderRoot.querySelector('mcp-app-view') as { teardown?: () => Promise<void> } | null)?.teardown?.();
    this.result = undefined;
    this.args = args;
    this.viewCall++;
    const showTask = (t: TaskState) => mine() && (this.task = t);
    // A tool that may run as a task is asked to (2025-11-25 `optional`): the status line shows how it goes.
    const options = {
      signal: this.abort.signal,
      onProgress: (p: Progress) => mine() && (this.progress = p),
      onTask: showTask,
      task: true,
      keptArguments: withoutSecrets(tool.inputSchema, args) as Record<string, unknown>,
    };
    // A resumed task may already be followed (by a form that was removed): its statuses come as the client's task
    // events.
    const onTaskEvent = (e: CustomEvent<TaskState>) => e.detail.taskId === resume?.taskId && showTask(e.detail);
    if (resume) client.addEventListener('task', onTaskEvent);
    let result: CallToolResult | undefined;
    let failure: Error | undefined;
    try {
      result = await (resume
        ? (await client.tasks()).resume(resume.taskId, options)
        : client.callTool(tool.name, args, options));
      if (mine()) this.result = result;
      this.dispatchEvent(new McpToolResultEvent(tool.name, args, result));
    } catch (error) {
      // What the user typed stays in the form: only the error is shown.
      failure =
        error instanceof McpAbortError
          ? new McpAbortError(msg().cancelled)
          : error instanceof McpProtocolError && error.code === ERROR.missingCapability
            ? new McpProtocolError(error.code, msg().missingCapability(needed(error.data)), error.data)
            : (error as Error);
      if (mine()) {
        this.error = failure;
        // A view shown while the call ran learns it will get no result.
        (this.renderRoot.querySelector('mcp-app-view') as { cancelled?: (reason: string) => void } | null)?.cancelled?.(
          failure.message,
        );
      }
      this.dispatchEvent(new McpToolResultEvent(tool.name, args, undefined, error as Error));
      if (!(error instanceof McpAbortError)) this.dispatchEvent(new McpErrorEvent(error as Error));
    } finally {
      client.removeEventListener('task', onTaskEvent);
      if (mine()) {
        this.running = false;
        this.abort = undefined;
      }
      const summary = failure?.message ?? result?.content?.find((c) => c.type === 'text')?.text;
      if (client.store)
        void appendHistory(client.store, client.url, {
          tool: tool.name,
          arguments: withoutSecrets(tool.inputSchema, args) as typeof args,
          at: Date.now(),
          ok: !!result && !result.isError,
          summary: summary?.slice(0, 200),
        });
    }
  }

  /** The form now shows another tool: a running task goes on (its form picks it up again), a plain call is given up. */
  private leaveRun(): void {
    if (!this.task) this.abort?.abort();
    this.runId++;
    this.running = false;
    this.abort = undefined;
    this.task = this.progress = this.result = this.error = undefined;
  }
}

/** The capabilities a -32021 error says the server requires (`data.requiredCapabilities`), extensions by name. */
function needed(data: unknown): string {
  const caps = ((data as { requiredCapabilities?: unknown })?.requiredCapabilities ?? {}) as Record<string, unknown>;
  const names = [
    ...Object.keys(caps).filter((k) => k !== 'extensions'),
    ...Object.keys((caps.extensions ?? {}) as object),
  ];
  return names.map(String).join(', ').slice(0, 200) || '?';
}
