import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { Task } from '@lit/task';
import type { McpClient } from '../../core/client/client.js';
import type { Prompt, PromptArgument } from '../../core/protocol/types.js';
import { own } from '../../core/schema/safe.js';
import { McpPromptGetEvent, McpPromptSelectEvent } from '../../events/events.js';
import { titleOf } from '../../internal/catalogue.js';
import { msg } from '../../messages.js';
import { ClientElement, taskStates } from '../client-element.js';
import { catalogueStyles, tokens } from '../shared.styles.js';
import { CompletionController } from '../../controllers/completion.js';
import { styles } from './mcp-prompt-list.styles.js';

/** Only the arguments that have a value: empty optional fields are left out of the request. */
const filled = (args: Record<string, string>) => Object.fromEntries(Object.entries(args).filter(([, v]) => v !== ''));

/**
 * @summary A server's prompts: choose one, fill in its arguments (with the server's suggestions), get its messages.
 * @fires mcp-prompt-select - A prompt was chosen; `detail` is the Prompt.
 * @fires mcp-prompt-get - The server returned the prompt's messages; `detail` is `{name, arguments, result}`.
 * @csspart list - The list of prompts.
 * @csspart prompt - One prompt's button (also `prompt selected` when chosen).
 * @csspart icon - A prompt icon.
 * @csspart description - A prompt's description.
 * @csspart form - The arguments form.
 * @csspart result - The <mcp-result-view> showing the messages.
 */
export class McpPromptList extends ClientElement {
  static override styles = [tokens, catalogueStyles, styles];

  private listTask = new Task(this, {
    task: async ([client, ready], { signal }): Promise<Prompt[]> =>
      client && ready && client.serverCapabilities.prompts ? client.listPrompts({ signal }) : [],
    args: () => [this.clientCtl.client, this.clientCtl.ready, this.clientCtl.revision] as const,
  });
  private getTask = new Task(this, {
    task: async ([client, name, args]: readonly [McpClient, string, Record<string, string>], { signal }) => {
      const result = await client.getPrompt(name, args, { signal });
      this.dispatchEvent(new McpPromptGetEvent({ name, arguments: args, result }));
      return { name, result };
    },
    autoRun: false,
  });
  private completion = new CompletionController(this, () => this.clientCtl.client);

  /** The name of the chosen prompt. */
  @property() selected?: string;

  /** Argument values typed so far, for the chosen prompt. */
  @state() private args: Record<string, string> = {};

  override render() {
    return this.listTask.render({
      ...taskStates(msg().state.connecting),
      complete: (prompts) => this.renderPrompts(prompts),
    });
  }

  private renderPrompts(prompts: Prompt[]) {
    if (!prompts.length) return html`<p class="muted">${msg().noPrompts}</p>`;
    const chosen = prompts.find((p) => p.name === this.selected);
    return html`
      <ul part="list" aria-label=${msg().prompts}>
        ${prompts.map((p) => this.renderPrompt(p))}
      </ul>
      ${chosen ? keyed(chosen.name, this.renderForm(chosen)) : nothing}
      ${chosen ? this.renderResult(chosen) : nothing}
    `;
  }

  private renderPrompt(prompt: Prompt) {
    const chosen = prompt.name === this.selected;
    return html`<li>
      <button class="entry" part=${chosen ? 'prompt selected' : 'prompt'} aria-pressed=${chosen ? 'true' : 'false'} @click=${() => this.choose(prompt)}>
        ${this.renderIcon(prompt.icons)}
        <span class="name">${titleOf(prompt)}</span>
        ${prompt.description ? html`<span part="description">${prompt.description}</span>` : nothing}
      </button>
    </li>`;
  }

  private renderForm(prompt: Prompt) {
    const args = prompt.arguments ?? [];
    return html`<form part="form" aria-label=${titleOf(prompt)} @submit=${(e: Event) => this.get(e, prompt)}>
      ${args.map((a, i) => this.renderArgument(prompt, a, i))}
      <button type="submit" class="primary">${msg().get}</button>
    </form>`;
  }

  private renderArgument(prompt: Prompt, arg: PromptArgument, i: number) {
    const key = `${prompt.name}\n${arg.name}`;
    const suggestions = this.completion.values(key);
    // Own keys only: an argument named `__proto__` or `constructor` starts empty, not with the prototype's member.
    return html`<label>
      <span>${titleOf(arg)}${arg.required ? html` <span class="req" aria-hidden="true">*</span>` : nothing}</span>
      <input
        name=${arg.name}
        list="arg-${i}-options"
        autocomplete="off"
        ?required=${!!arg.required}
        aria-describedby=${arg.description ? `arg-${i}-hint` : nothing}
        .value=${(own(this.args, arg.name) as string | undefined) ?? ''}
        @input=${(e: Event) => this.onInput(prompt, arg, key, (e.target as HTMLInputElement).value)}
        @focus=${(e: Event) => this.onInput(prompt, arg, key, (e.target as HTMLInputElement).value)}
      />
      ${arg.description ? html`<span class="hint" id="arg-${i}-hint">${arg.description}</span>` : nothing}
      <datalist id="arg-${i}-options">${suggestions.map((v) => html`<option value=${v}></option>`)}</datalist>
    </label>`;
  }

  private renderResult(prompt: Prompt) {
    return this.getTask.render({
      ...taskStates(msg().running),
      complete: ({ name, result }) =>
        name === prompt.name
          ? html`${result.description ? html`<p aria-label=${msg().promptDescription}>${result.description}</p>` : nothing}
              <mcp-result-view part="result" exportparts="content,text,image,audio,link,resource,message,role,note" .client=${this.clientCtl.client} .messages=${result.messages ?? []}></mcp-result-view>`
          : nothing,
    });
  }

  private choose(prompt: Prompt) {
    if (this.selected !== prompt.name) this.args = {};
    this.selected = prompt.name;
    this.dispatchEvent(new McpPromptSelectEvent(prompt));
  }

  private onInput(prompt: Prompt, arg: PromptArgument, key: string, value: string) {
    this.args = { ...this.args, [arg.name]: value };
    const { [arg.name]: _self, ...others } = filled(this.args);
    this.completion.suggest({
      key,
      ref: { type: 'ref/prompt', name: prompt.name },
      name: arg.name,
      value,
      context: others,
    });
  }

  private get(e: Event, prompt: Prompt) {
    e.preventDefault();
    const client = this.clientCtl.client;
    if (client) void this.getTask.run([client, prompt.name, filled(this.args)]);
  }
}
