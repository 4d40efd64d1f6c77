import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type {
  Annotations,
  CallToolResult,
  ContentBlock,
  JsonSchema,
  PromptMessage,
  ResourceContents,
  ResourceLink,
} from '../../core/protocol/types.js';
import { McpResourceReadEvent } from '../../events/events.js';
import { msg } from '../../messages.js';
import { isAllowedMedia, mediaDataUrl, safeLink } from '../../internal/safe-url.js';
import { ClientElement, taskStates } from '../client-element.js';
import { tokens } from '../shared.styles.js';
import { annotationText, decodeBase64, formatBytes, safeFilename } from './content.js';
import { loadValidator, validator } from '../../core/schema/validator.js';
import { styles } from './mcp-result-view.styles.js';

/**
 * Longer text is cut into blocks (at line ends where there are some) that lay out only near the screen, so 10 MB of
 * text does not freeze the page; all of it stays in the DOM (find in page, copy). A block is small enough that laying
 * out the one on screen stays short even when it is one unbroken line. At most PASS blocks (1 MB) are made in one task,
 * the rest in the tasks after (updateComplete waits for them): 10 MB made at once was a task of 120 ms on its own,
 * after the 90 ms that parsing the answer takes in the same task.
 */
const BLOCK = 32_768;
const PASS = 32;

/**
 * @summary Shows what a server returned: a tool result, prompt messages or resource contents.
 * Everything from the server is rendered as text; media only for allow-listed types; links only http(s).
 * @fires mcp-resource-read - The element read `uri` (or a resource link) through the client; `detail` is
 * `{uri, contents}`.
 * @csspart content - The list of content blocks.
 * @csspart text - A text block or text resource.
 * @csspart image - An image.
 * @csspart audio - An audio player.
 * @csspart link - A resource link.
 * @csspart resource - Resource contents (embedded or read).
 * @csspart download - The link that saves binary contents.
 * @csspart error - The wrapper of a result with `isError`.
 * @csspart message - One prompt message; `role` its role label.
 * @csspart structured - The structured content section; `tree` its readable form, `raw` its JSON.
 * @csspart note - A message standing in for content that is not shown.
 * @cssprop --mcp-result-image-max-height - Tallest an image may be (24rem).
 * @cssprop --mcp-result-font-family - Font of text blocks (the monospace font).
 */
export class McpResultView extends ClientElement {
  static override styles = [tokens, styles];

  private readTask = new Task(this, {
    task: async ([client, ready, uri], { signal }): Promise<ResourceContents[] | undefined> => {
      if (!client || !ready || !uri) return undefined;
      const { contents } = await client.readResource(uri, { signal });
      this.dispatchEvent(new McpResourceReadEvent({ uri, contents }));
      return contents;
    },
    args: () => [this.clientCtl.client, this.clientCtl.ready, this.uri] as const,
  });

  /** A tool result to show. */
  @property({ attribute: false }) result?: CallToolResult;
  /** Prompt messages to show, each with its role. */
  @property({ attribute: false }) messages?: PromptMessage[];
  /** Resource contents to show. */
  @property({ attribute: false }) contents?: ResourceContents[];
  /** The tool's outputSchema; `structuredContent` is checked against it. */
  @property({ attribute: false }) outputSchema?: JsonSchema;
  /** A resource URI to read through the client and show, when no result, messages or contents are set. */
  @property() uri?: string;

  @state() private showRaw = false;
  /** URIs of resource links the user asked to read. */
  @state() private opened = new Set<string>();

  private blobUrls = new WeakMap<object, string>();
  private created: string[] = [];
  /** Text blocks this pass may still make, and whether some were left for the next pass (textBlocks). */
  private blocks = 0;
  private blocksLeft = false;
  private passes = 1;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.revokeBlobUrls();
  }

  protected override async scheduleUpdate(): Promise<void> {
    // The blocks left of a long text come in the next task, not in this one's microtasks.
    if (this.blocksLeft) await new Promise((r) => setTimeout(r));
    super.scheduleUpdate();
  }

  protected override updated(): void {
    if (this.blocksLeft) (this.passes++, this.requestUpdate());
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.blocksLeft) done = await super.getUpdateComplete();
    // With an output schema, settled means its check is on screen: wait for the validator's chunk.
    if (!this.outputSchema || validator()) return done;
    await loadValidator().catch(() => {});
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('result') || changed.has('messages') || changed.has('contents')) {
      this.passes = 1;
      this.revokeBlobUrls();
      this.opened = new Set();
      this.showRaw = false;
    }
  }

  /** Reads `uri` again (e.g. after `resources/updated`). */
  reload(): Promise<void> {
    return this.readTask.run();
  }

  override render() {
    this.blocks = this.passes * PASS;
    this.blocksLeft = false;
    if (this.result) return this.renderResult(this.result);
    if (this.messages) return this.renderMessages(this.messages);
    if (this.contents) return this.renderContentsList(this.contents);
    if (!this.uri) return nothing;
    return this.readTask.render({
      ...taskStates(msg().running),
      complete: (contents) => (contents ? this.renderContentsList(contents) : nothing),
    });
  }

  private textBlocks(text: string): unknown {
    if (text.length <= BLOCK) return text;
    const blocks = [];
    for (let at = 0; at < text.length;) {
      if (--this.blocks < 0) {
        this.blocksLeft = true;
        break;
      }
      let end = Math.min(text.length, at + BLOCK);
      // Searched within the block only: lastIndexOf on the whole text walks back to its start each time
      // when there is no line end, which made 10 MB of one line cost seconds of script.
      const nl = end < text.length ? text.slice(at, end).lastIndexOf('\n') : -1;
      if (nl > 0) end = at + nl + 1;
      blocks.push(html`<span class="block">${text.slice(at, end)}</span>`);
      at = end;
    }
    return blocks;
  }

  private renderResult(result: CallToolResult) {
    const blocks = Array.isArray(result.content) ? result.content : [];
    const body = html`${blocks.length ? html`<div part="content">${blocks.map((b) => this.renderBlock(b))}</div>` : nothing}
    ${result.structuredContent !== undefined ? this.renderStructured(result.structuredContent) : nothing}
    ${!blocks.length && result.structuredContent === undefined ? html`<p class="muted" part="note">${msg().noContent}</p>` : nothing}`;
    return result.isError
      ? html`<div part="error" role="alert"><strong class="error">${msg().toolError}</strong>${body}</div>`
      : body;
  }

  private renderMessages(messages: PromptMessage[]) {
    return html`<div part="content">
      ${messages.map(
        (m) => html`<div part="message">
          <span part="role">${msg().role[m.role] ?? String(m.role)}</span>
          ${this.renderBlock(m.content)}
        </div>`,
      )}
    </div>`;
  }

  private renderContentsList(contents: ResourceContents[]) {
    if (!contents.length) return html`<p class="muted" part="note">${msg().noContent}</p>`;
    return html`<div part="content">${contents.map((c) => this.renderContents(c))}</div>`;
  }

  private renderBlock(block: ContentBlock): TemplateResult {
    const b = (block ?? {}) as ContentBlock;
    switch (b.type) {
      case 'text':
        return html`<div>${this.renderAnnotations(b.annotations)}<pre part="text">${this.textBlocks(String(b.text ?? ''))}</pre></div>`;
      case 'image':
      case 'audio':
        return html`<div>${this.renderAnnotations(b.annotations)}${this.renderMedia(b.mimeType, b.data)}</div>`;
      case 'resource_link':
        return this.renderLink(b);
      case 'resource':
        return html`<div>${this.renderAnnotations(b.annotations)}${this.renderContents(b.resource ?? { uri: '' })}</div>`;
      default:
        return html`<p class="muted" part="note">${msg().unsupportedContent(String((b as { type?: unknown }).type))}</p>`;
    }
  }

  private renderAnnotations(a: Annotations | undefined) {
    const facts = annotationText(a, msg());
    return facts.length
      ? html`<div class="row">${facts.map((f) => html`<span class="badge">${f}</span>`)}</div>`
      : nothing;
  }

  /** An <img> or <audio> for allow-listed types with valid base64, else a note (CT-01). */
  private renderMedia(mimeType: string | undefined, data: string | undefined) {
    const src = mediaDataUrl(mimeType, data);
    const mime = String(mimeType ?? '?');
    if (!src) return html`<p class="muted" part="note">${msg().blockedMedia(mime)}</p>`;
    return mime.toLowerCase().startsWith('image/')
      ? html`<img part="image" src=${src} alt=${msg().image(mime)} />`
      : html`<audio part="audio" controls src=${src} aria-label=${msg().audio(mime)}></audio>`;
  }

  private renderLink(link: ResourceLink) {
    const name = link.title || link.name || link.uri;
    const open = safeLink(link.uri);
    const client = this.clientCtl.client;
    const isOpen = this.opened.has(link.uri);
    return html`<div part="link">
      ${this.renderAnnotations(link.annotations)}
      <div class="row">
        <span class="name">${name}</span>
        ${link.mimeType ? html`<span class="badge">${link.mimeType}</span>` : nothing}
        ${typeof link.size === 'number' ? html`<span class="badge">${formatBytes(link.size)}</span>` : nothing}
      </div>
      <code class="uri">${link.uri}</code>
      ${link.description ? html`<span class="muted">${link.description}</span>` : nothing}
      <div class="row">
        ${
          client
            ? html`<button aria-expanded=${isOpen ? 'true' : 'false'} aria-label=${msg().readOf(name)} @click=${() => this.toggleLink(link.uri)}>${msg().read}</button>`
            : nothing
        }
        ${open ? html`<a href=${open} target="_blank" rel="noopener noreferrer" aria-label=${msg().openOf(name)}>${msg().open}</a>` : nothing}
      </div>
      ${isOpen ? html`<mcp-result-view .client=${client} uri=${link.uri}></mcp-result-view>` : nothing}
    </div>`;
  }

  private renderContents(c: ResourceContents) {
    const label = c.uri ? html`<code class="uri">${c.uri}</code>` : nothing;
    const mime = c.mimeType ? html`<span class="badge">${c.mimeType}</span>` : nothing;
    let body: TemplateResult;
    if (typeof c.text === 'string') body = html`<pre part="text">${this.textBlocks(c.text)}</pre>`;
    else if (typeof c.blob === 'string')
      body = isAllowedMedia(c.mimeType) ? this.renderMedia(c.mimeType, c.blob) : this.renderDownload(c);
    else body = html`<p class="muted" part="note">${msg().noContent}</p>`;
    return html`<div part="resource" aria-label=${msg().contentsOf(c.uri ?? '')} role="group"><div class="row">${label}${mime}</div>${body}</div>`;
  }

  /**
   * Binary contents we do not render: their size and a link that saves them. The blob is typed
   * application/octet-stream whatever the server says, so opening it can never run as a page of ours.
   */
  private renderDownload(c: ResourceContents & { blob?: string }) {
    const bytes = decodeBase64(c.blob ?? '');
    if (!bytes) return html`<p class="muted" part="note">${msg().blockedMedia(c.mimeType ?? '?')}</p>`;
    let href = this.blobUrls.get(c);
    if (!href) {
      href = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
      this.blobUrls.set(c, href);
      this.created.push(href);
    }
    const file = safeFilename(c.uri ?? '');
    return html`<div class="row">
      <span class="muted">${msg().bytes(formatBytes(bytes.length))}</span>
      <a part="download" href=${href} download=${file}>${msg().download(file)}</a>
    </div>`;
  }

  private renderStructured(value: unknown) {
    const v = validator();
    // The check appears once the validator's chunk is here (the result itself does not wait for it).
    if (this.outputSchema && !v)
      void loadValidator().then(
        () => this.requestUpdate(),
        () => {},
      );
    const check = this.outputSchema ? v?.checkOutput(this.outputSchema, value) : undefined;
    return html`<section part="structured" aria-labelledby="structured-heading">
      <div class="row">
        <h3 id="structured-heading">${msg().structured}</h3>
        <button aria-expanded=${this.showRaw ? 'true' : 'false'} @click=${() => (this.showRaw = !this.showRaw)}>${this.showRaw ? msg().hideRaw : msg().showRaw}</button>
      </div>
      ${
        check?.problem
          ? html`<p class="muted">${msg().schemaUnchecked(check.problem)}</p>`
          : check?.errors.length
            ? html`<div class="error" role="alert">
              <p>${msg().schemaMismatch}</p>
              <ul>
                ${check.errors.map((e) => html`<li><code>${e.instanceLocation}</code> ${e.error}</li>`)}
              </ul>
            </div>`
            : check
              ? html`<p class="muted">${msg().schemaValid}</p>`
              : nothing
      }
      ${this.showRaw ? html`<pre part="raw">${JSON.stringify(value, null, 2)}</pre>` : this.renderTree(value)}
    </section>`;
  }

  /** Objects and arrays as nested definition lists (collapsible below the top level); scalars as text. */
  private renderTree(value: unknown, depth = 0): TemplateResult {
    if (value === null || typeof value !== 'object') {
      return typeof value === 'string'
        ? html`<span class="string">${value}</span>`
        : html`<span class="literal">${JSON.stringify(value) ?? String(value)}</span>`;
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (!entries.length) return html`<span class="literal">${Array.isArray(value) ? '[]' : '{}'}</span>`;
    const list = html`<dl part=${depth ? 'subtree' : 'tree'}>${entries.map(([k, v]) => html`<dt>${k}</dt><dd>${this.renderTree(v, depth + 1)}</dd>`)}</dl>`;
    if (!depth) return list;
    return html`<details open><summary>${Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`}</summary>${list}</details>`;
  }

  private toggleLink(uri: string) {
    const next = new Set(this.opened);
    if (!next.delete(uri)) next.add(uri);
    this.opened = next;
  }

  private revokeBlobUrls() {
    for (const url of this.created) URL.revokeObjectURL(url);
    this.created = [];
    this.blobUrls = new WeakMap();
  }
}
