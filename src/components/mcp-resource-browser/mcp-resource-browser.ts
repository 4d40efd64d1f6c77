import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { Resource, ResourceTemplate } from '../../core/protocol/types.js';
import { templateVariables } from '../../core/uri-template-names.js';
import { own } from '../../core/schema/safe.js';
import { concerns, titleOf } from '../../internal/catalogue.js';
import { msg } from '../../messages.js';
import { ClientEventsController } from '../../controllers/client-events.js';
import type { McpResultView } from '../mcp-result-view/mcp-result-view.js';
import { CompletionController } from '../../controllers/completion.js';
import { ClientElement, taskStates } from '../client-element.js';
import { catalogueStyles, tokens } from '../shared.styles.js';
import { styles } from './mcp-resource-browser.styles.js';

/**
 * @summary A server's resources and resource templates: read them, fill templates (with the
 * server's suggestions), and subscribe to live updates where the server allows it.
 * @fires mcp-resource-read - From the inner <mcp-result-view>: a resource was read; `detail` is `{uri, contents}`.
 * @csspart list - A list of resources or templates.
 * @csspart resource - One resource (`aria-current` when shown).
 * @csspart template - One resource template with its form.
 * @csspart icon - An icon.
 * @csspart description - A description.
 * @csspart viewer - The section showing the contents read, an <mcp-result-view>.
 */
export class McpResourceBrowser extends ClientElement {
  static override styles = [tokens, catalogueStyles, styles];

  private listTask = new Task(this, {
    task: async ([client, ready], { signal }): Promise<{ resources: Resource[]; templates: ResourceTemplate[] }> => {
      if (!client || !ready || !client.serverCapabilities.resources) return { resources: [], templates: [] };
      const [resources, templates] = await Promise.all([
        client.listResources({ signal }),
        client.listResourceTemplates({ signal }).catch(() => []),
      ]);
      return { resources, templates };
    },
    args: () => [this.clientCtl.client, this.clientCtl.ready, this.clientCtl.revision] as const,
  });
  private completion = new CompletionController(this, () => this.clientCtl.client);
  protected readonly events = new ClientEventsController(this, () => this.clientCtl.client, {
    resourceupdated: (e) => this.onUpdated(String((e.detail as { uri?: unknown })?.uri ?? '')),
  });

  /** The URI whose contents are shown. */
  @property() current?: string;

  /** URIs this element subscribed to. */
  @state() private subscribed = new Set<string>();
  /** URIs the server said changed since the user last read them. */
  @state() private updatedUris = new Set<string>();
  /** Template variable values, per template. */
  @state() private values: Record<string, Record<string, string>> = {};
  @state() private error?: string;
  @query('mcp-result-view') private viewer?: McpResultView;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Leave no server-side subscription behind this element; best effort.
    const client = this.clientCtl.client;
    for (const uri of this.subscribed) client?.unsubscribe(uri).catch(() => {});
    this.subscribed = new Set();
  }

  override render() {
    return html`
      ${this.listTask.render({
        ...taskStates(msg().state.connecting),
        complete: ({ resources, templates }) => this.renderLists(resources, templates),
      })}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.current
          ? html`<section part="viewer" aria-label=${msg().contentsOf(this.current)}>
            <mcp-result-view .client=${this.clientCtl.client} uri=${this.current} exportparts="content,text,image,audio,link,resource,download,note"></mcp-result-view>
          </section>`
          : nothing
      }
    `;
  }

  private renderLists(resources: Resource[], templates: ResourceTemplate[]) {
    if (!resources.length && !templates.length) return html`<p class="muted">${msg().noResources}</p>`;
    return html`
      ${
        resources.length
          ? html`<section aria-labelledby="resources-heading">
            <h3 id="resources-heading">${msg().resources}</h3>
            <ul part="list">${resources.map((r) => this.renderResource(r))}</ul>
          </section>`
          : nothing
      }
      ${
        templates.length
          ? html`<section aria-labelledby="templates-heading">
            <h3 id="templates-heading">${msg().templates}</h3>
            <ul part="list">${templates.map((t, i) => this.renderTemplate(t, i))}</ul>
          </section>`
          : nothing
      }
    `;
  }

  private renderResource(r: Resource) {
    const name = titleOf(r);
    const on = this.subscribed.has(r.uri);
    const canSubscribe = !!this.clientCtl.client?.serverCapabilities.resources?.subscribe;
    const updated = [...this.updatedUris].some((u) => concerns(r.uri, u));
    return html`<li part="resource" aria-current=${this.current === r.uri ? 'true' : 'false'}>
      <div class="row">
        ${this.renderIcon(r.icons)}
        <span class="name">${name}</span>
        ${r.mimeType ? html`<span class="badge">${r.mimeType}</span>` : nothing}
        ${updated ? html`<span class="badge updated">${msg().updated}</span>` : nothing}
      </div>
      <code>${r.uri}</code>
      ${r.description ? html`<span part="description">${r.description}</span>` : nothing}
      <div class="row">
        <button aria-label=${msg().readOf(name)} @click=${() => this.show(r.uri)}>${msg().read}</button>
        ${
          canSubscribe
            ? html`<button aria-pressed=${on ? 'true' : 'false'} aria-label=${on ? msg().unsubscribeFrom(name) : msg().subscribeTo(name)} @click=${() => this.toggleSubscription(r.uri)}>
              ${on ? msg().unsubscribe : msg().subscribe}
            </button>`
            : nothing
        }
      </div>
    </li>`;
  }

  private renderTemplate(t: ResourceTemplate, i: number) {
    const name = titleOf(t);
    // Own keys only: a template or variable named `__proto__` or `constructor` starts empty, not with the prototype's
    // member.
    const values = (own(this.values, t.uriTemplate) ?? {}) as Record<string, string>;
    return html`<li part="template">
      <div class="row">${this.renderIcon(t.icons)}<span class="name">${name}</span>${t.mimeType ? html`<span class="badge">${t.mimeType}</span>` : nothing}</div>
      <code>${t.uriTemplate}</code>
      ${t.description ? html`<span part="description">${t.description}</span>` : nothing}
      <form aria-label=${name} @submit=${(e: Event) => this.readTemplate(e, t)}>
        ${templateVariables(t.uriTemplate).map((v, j) => {
          const key = `${t.uriTemplate}\n${v}`;
          return html`<label
            >${v}
            <input name=${v} list="t${i}-${j}" autocomplete="off" .value=${(own(values, v) as string | undefined) ?? ''} @input=${(e: Event) => this.onInput(t, v, key, e)} @focus=${(e: Event) => this.onInput(t, v, key, e)} />
            <datalist id="t${i}-${j}">${this.completion.values(key).map((s) => html`<option value=${s}></option>`)}</datalist>
          </label>`;
        })}
        <button type="submit" aria-label=${msg().readOf(name)}>${msg().read}</button>
      </form>
    </li>`;
  }

  private show(uri: string) {
    const next = new Set([...this.updatedUris].filter((u) => !concerns(uri, u)));
    this.updatedUris = next;
    if (this.current === uri) void this.viewer?.reload();
    this.current = uri;
  }

  private onInput(t: ResourceTemplate, name: string, key: string, e: Event) {
    const value = (e.target as HTMLInputElement).value;
    const mine = { ...this.values[t.uriTemplate], [name]: value };
    this.values = { ...this.values, [t.uriTemplate]: mine };
    const context = Object.fromEntries(Object.entries(mine).filter(([k, v]) => k !== name && v !== ''));
    this.completion.suggest({ key, ref: { type: 'ref/resource', uri: t.uriTemplate }, name, value, context });
  }

  private async readTemplate(e: Event, t: ResourceTemplate) {
    e.preventDefault();
    const values = Object.fromEntries(Object.entries(this.values[t.uriTemplate] ?? {}).filter(([, v]) => v !== ''));
    // The RFC 6570 expansion loads with the first template read.
    this.show((await import('../../core/uri-template.js')).expandUriTemplate(t.uriTemplate, values));
  }

  private async toggleSubscription(uri: string) {
    const client = this.clientCtl.client;
    if (!client) return;
    const on = this.subscribed.has(uri);
    try {
      await (on ? client.unsubscribe(uri) : client.subscribe(uri));
      const next = new Set(this.subscribed);
      if (on) next.delete(uri);
      else next.add(uri);
      this.subscribed = next;
      this.error = undefined;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** A subscribed resource changed: mark it, and re-read it if it is the one shown. */
  private onUpdated(uri: string) {
    if (!uri || ![...this.subscribed].some((s) => concerns(s, uri))) return;
    this.updatedUris = new Set(this.updatedUris).add(uri);
    if (this.current && concerns(this.current, uri)) void this.viewer?.reload();
  }
}
