import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defaultStore, leaseClient } from '../../controllers/client-factory.js';
import type { AuthOptions } from '../../core/auth/types.js';
import { forgetServer } from '../../core/store/forget.js';
import { readSavedServers, writeSavedServers, type SavedServer } from '../../core/store/records.js';
import type { KeyValueStore } from '../../core/kv/store.js';
import { McpServerForgetEvent, McpServerSelectEvent } from '../../events/events.js';
import { msg } from '../../messages.js';
import { catalogueStyles, tokens } from '../shared.styles.js';
import { styles } from './mcp-server-list.styles.js';

/**
 * @summary The person's saved MCP servers: add, rename, remove, choose one, and forget all data kept for one.
 * @fires mcp-server-select - A server was chosen; `url` and `name` say which.
 * @fires mcp-server-forget - A server's session, sign-in, history, drafts and catalogue were forgotten.
 * @csspart add - The form that adds a server.
 * @csspart list - The list of servers.
 * @csspart server - One server's button (also `server selected`).
 * @csspart confirm - The question asked before forgetting a server's data.
 */
export class McpServerList extends LitElement {
  static override styles = [tokens, catalogueStyles, styles];

  /**
   * Where the list and every server's data are kept (default: IndexedDB database `mcp-web-components`, as for
   * <mcp-client>).
   */
  @property({ attribute: false }) store: KeyValueStore = defaultStore();
  /** The URL of the chosen server. */
  @property() selected?: string;
  /** OAuth settings, so forgetting a server can revoke its tokens where the server allows. */
  @property({ attribute: false }) auth?: AuthOptions;

  @state() private servers: SavedServer[] = [];
  @state() private renaming?: string;
  @state() private confirming?: string;
  @state() private status = '';
  @state() private problem = '';
  private loadedFrom?: KeyValueStore;
  private loading?: Promise<void>;

  protected override willUpdate(): void {
    if (this.loadedFrom === this.store) return;
    const store = (this.loadedFrom = this.store);
    this.loading = readSavedServers(store).then((s) => void (store === this.store && (this.servers = s)));
  }

  /** Saves a server (the name defaults to the URL's host); an URL already saved is only renamed. */
  async addServer(url: string, name = ''): Promise<void> {
    const href = new URL(url).href;
    const entry = { url: href, name: name.trim() || new URL(href).host };
    await this.change((list) => [...list.filter((s) => s.url !== href), entry]);
  }

  /** Renames a saved server. */
  async renameServer(url: string, name: string): Promise<void> {
    await this.change((list) => list.map((s) => (s.url === url ? { ...s, name: name.trim() || s.name } : s)));
  }

  /** Takes a server off the list (its data stays until forgotten). */
  async removeServer(url: string): Promise<void> {
    await this.change((list) => list.filter((s) => s.url !== url));
  }

  /** Chooses a server, as clicking it does. */
  select(url: string): void {
    const server = this.servers.find((s) => s.url === url);
    if (!server) return;
    this.selected = url;
    this.dispatchEvent(new McpServerSelectEvent(server.url, server.name));
  }

  /**
   * Forgets everything kept for a server: ends its session (DELETE), signs out, and deletes tokens, history, drafts and
   * catalogue.
   */
  async forgetServer(url: string): Promise<void> {
    const lease = leaseClient({ url, store: this.store, auth: this.auth });
    await lease.client.forget().finally(() => lease.release(true));
    // Without auth options the client cannot sign out, so its sign-in data is still there.
    await forgetServer(this.store, url);
    this.dispatchEvent(new McpServerForgetEvent(url));
  }

  override render() {
    return html`
      <form part="add" @submit=${this.onAdd} novalidate>
        <span><label for="url">${msg().serverUrl}</label><input id="url" name="url" type="url" required placeholder="https://example.com/mcp" /></span>
        <span><label for="name">${msg().serverName}</label><input id="name" name="name" /></span>
        <button type="submit" class="primary">${msg().addServer}</button>
      </form>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      <p class="muted" role="status">${this.status}</p>
      ${
        this.servers.length
          ? html`<ul part="list" aria-label=${msg().savedServers}>
            ${this.servers.map((s) => this.renderServer(s))}
          </ul>`
          : html`<p class="muted">${msg().noServers}</p>`
      }
    `;
  }

  private renderServer(s: SavedServer) {
    const chosen = s.url === this.selected;
    if (this.renaming === s.url) {
      return html`<li>
        <form @submit=${(e: Event) => this.onRename(e, s.url)}>
          <label for="rename">${msg().newNameFor(s.name)}</label> <input id="rename" name="name" .value=${s.name} />
          <button type="submit">${msg().save}</button>
          <button type="button" @click=${() => (this.renaming = undefined)}>${msg().cancel}</button>
        </form>
      </li>`;
    }
    return html`<li>
      <button part=${chosen ? 'server selected' : 'server'} aria-pressed=${chosen ? 'true' : 'false'} @click=${() => this.select(s.url)}>
        <span>${s.name}</span><span class="url">${s.url}</span>
      </button>
      <button aria-label=${msg().renameOf(s.name)} @click=${() => (this.renaming = s.url)}>${msg().rename}</button>
      <button aria-label=${msg().removeOf(s.name)} @click=${() => this.removeServer(s.url)}>${msg().remove}</button>
      <button class="danger" aria-label=${msg().forgetOf(s.name)} @click=${() => (this.confirming = s.url)}>${msg().forget}</button>
      ${
        this.confirming === s.url
          ? html`<div part="confirm" role="alertdialog" aria-label=${msg().confirmForget(s.name)}>
            <span>${msg().confirmForget(s.name)}</span>
            <button class="danger" @click=${() => this.onForget(s)}>${msg().forget}</button>
            <button @click=${() => (this.confirming = undefined)}>${msg().cancel}</button>
          </div>`
          : nothing
      }
    </li>`;
  }

  /** Changes the list once it is loaded, and stores it. */
  private async change(edit: (servers: SavedServer[]) => SavedServer[]): Promise<void> {
    await this.loading;
    this.servers = edit(this.servers);
    await writeSavedServers(this.store, this.servers);
  }

  private async onAdd(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const url = String(data.get('url') ?? '').trim();
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
      this.problem = msg().badServerUrl;
      return form.querySelector<HTMLInputElement>('[name=url]')?.focus();
    }
    this.problem = '';
    await this.addServer(url, String(data.get('name') ?? ''));
    form.reset();
  }

  private async onRename(e: Event, url: string): Promise<void> {
    e.preventDefault();
    await this.renameServer(url, String(new FormData(e.target as HTMLFormElement).get('name') ?? ''));
    this.renaming = undefined;
  }

  private async onForget(s: SavedServer): Promise<void> {
    this.confirming = undefined;
    try {
      await this.forgetServer(s.url);
      this.status = msg().forgotten(s.name);
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }
}
