import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ElicitParams, ElicitResult, Implementation, JsonSchema } from '../../core/protocol/types.js';
import {
  ActivationGuard,
  ACTIVATION_DELAY_MS,
  deepActiveElement,
  plainLabel,
  serverName,
} from '../../internal/dialog.js';
import { describeUrl, sensitiveFields } from './elicitation.js';
import { msg } from '../../messages.js';
import { dialogStyles } from '../dialog.styles.js';
import type { McpSchemaForm } from '../mcp-schema-form/mcp-schema-form.js';
import { tokens } from '../shared.styles.js';
import '../mcp-schema-form/define.js';

export interface ElicitationRequest {
  params: ElicitParams;
  server?: Implementation;
  /** The host of the URL the page connected to, shown beside the server's claimed name. */
  host?: string;
  /** Aborted when the server cancels the request. */
  signal?: AbortSignal;
}

/**
 * @summary Asks the person for what a server requests: a form (restricted schema) or consent to open a URL.
 * @csspart dialog - The modal dialog.
 * @csspart origin - The host of the server's URL, beside the name it claims.
 * @csspart form - The schema form (form mode).
 * @csspart url - The full URL with its host highlighted (URL mode).
 * @slot icon - Beside the title, outside the heading (the dialog keeps its name): the host's mark.
 * @slot footer - Under the buttons: a note from the host (for example, where answers go).
 */
export class McpElicitationDialog extends LitElement {
  static override styles = [tokens, dialogStyles];

  /** Ms after the dialog appears during which a person's clicks and Enter on it do nothing. */
  @property({ type: Number, attribute: 'activation-delay' }) activationDelay: number = ACTIVATION_DELAY_MS;
  @state() private request?: ElicitationRequest;
  private readonly guard = new ActivationGuard(this, () => this.activationDelay);
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('mcp-schema-form') private form?: McpSchemaForm;
  /** The preset handed to the form: a fresh object per request, so re-renders never reset what was typed. */
  private initial: Record<string, unknown> = {};
  private settle?: (result: ElicitResult) => void;
  private returnFocus?: HTMLElement;

  /** Shows the dialog; resolves with accept (and the content), decline or cancel. */
  async open(request: ElicitationRequest): Promise<ElicitResult> {
    // A dialog outside the document never renders: answer at once rather than hold the page-wide queue.
    if (!this.isConnected) return { action: 'cancel' };
    this.request = request;
    this.initial = {};
    this.guard.arm(); // from the first frame the dialog is seen
    this.returnFocus = deepActiveElement();
    await this.updateComplete;
    this.dialog.showModal();
    const cancelled = () => this.finish({ action: 'cancel' });
    request.signal?.addEventListener('abort', cancelled, { once: true });
    try {
      return await new Promise<ElicitResult>((resolve) => (this.settle = resolve));
    } finally {
      request.signal?.removeEventListener('abort', cancelled);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removed with its host while asking: answer cancel, or the page-wide queue would wait forever.
    if (this.settle) this.finish({ action: 'cancel' });
  }

  override render() {
    const r = this.request;
    if (!r) return html`<dialog part="dialog"></dialog>`;
    const url = r.params.mode === 'url';
    return html`<dialog part="dialog" aria-labelledby="title" aria-describedby="message" @cancel=${this.onEscape}>
      <div class="heading"><slot name="icon"></slot><h2 id="title">${msg().elicitationTitle(serverName(r.server))}</h2></div>
      ${r.host ? html`<p part="origin" class="muted">${msg().serverAt(plainLabel(r.host, 100))}</p>` : nothing}
      <p id="message" style="white-space:pre-wrap">${r.params.message}</p>
      ${url ? this.renderUrl(r.params.url ?? '') : this.renderForm(r.params.requestedSchema)}
      <slot name="footer"></slot>
    </dialog>`;
  }

  private renderForm(schema: JsonSchema | undefined) {
    const secrets = sensitiveFields(schema);
    return html`
      ${secrets.length ? html`<p class="warning" role="note">${msg().sensitiveWarning(secrets.join(', '))}</p>` : nothing}
      <form
        novalidate
        @keydown=${this.onKeydown}
        @submit=${(e: Event) => {
          e.preventDefault(); // the Submit button's own click handler applies the activation guard
          this.submit();
        }}
      >
        <mcp-schema-form part="form" .schema=${schema ?? { type: 'object' }} .value=${this.initial}></mcp-schema-form>
        <div class="actions">
          <button type="button" aria-disabled=${this.guard.waiting} @click=${(e: Event) => this.guard.allows(e) && this.finish({ action: 'cancel' })}>${msg().cancel}</button>
          <button type="button" aria-disabled=${this.guard.waiting} @click=${(e: Event) => this.guard.allows(e) && this.finish({ action: 'decline' })}>${msg().decline}</button>
          <button type="submit" class="primary" aria-disabled=${this.guard.waiting} @click=${(e: Event) => !this.guard.allows(e) && e.preventDefault()}>${msg().submit}</button>
        </div>
      </form>
    `;
  }

  private renderUrl(raw: string) {
    const u = describeUrl(raw);
    return html`
      ${
        u
          ? html`<p part="url" style="word-break:break-all"><code>${u.before}<mark>${u.host}</mark>${u.after}</code></p>
            <p>${msg().urlDomain(u.host)}</p>
            ${u.punycode ? html`<p class="warning" role="note">${msg().punycodeWarning}</p>` : nothing}
            ${u.insecure ? html`<p class="warning" role="note">${msg().insecureUrl}</p>` : nothing}
            ${u.userinfo ? html`<p class="warning" role="note">${msg().userinfoWarning(u.host)}</p>` : nothing}`
          : html`<p class="warning" role="note">${msg().unsafeUrl}</p><p part="url"><code>${raw}</code></p>`
      }
      <div class="actions">
        <button type="button" aria-disabled=${this.guard.waiting} @click=${(e: Event) => this.guard.allows(e) && this.finish({ action: 'cancel' })}>${msg().cancel}</button>
        <button type="button" aria-disabled=${this.guard.waiting} @click=${(e: Event) => this.guard.allows(e) && this.finish({ action: 'decline' })}>${msg().decline}</button>
        <button type="button" class="primary" ?disabled=${!u} aria-disabled=${this.guard.waiting} @click=${(e: Event) => this.guard.allows(e) && this.openUrl(u!.href)}>${msg().open}</button>
      </div>
    `;
  }

  private submit(): void {
    if (!this.form?.validate()) return;
    this.finish({ action: 'accept', content: this.form.value as ElicitResult['content'] });
  }

  private openUrl(href: string): void {
    // Opened only now, in the click, in a new top-level context the page cannot inspect (E-05).
    window.open(href, '_blank', 'noopener,noreferrer');
    this.finish({ action: 'accept' });
  }

  /**
   * Enter in a field submits, as in any form: the fields live in the schema form's shadow root, outside this <form>'s
   * reach.
   */
  private onKeydown(e: KeyboardEvent): void {
    const field = e.composedPath()[0];
    if (
      e.key !== 'Enter' ||
      e.isComposing ||
      !(field instanceof HTMLInputElement) ||
      ['button', 'submit', 'reset', 'file'].includes(field.type)
    )
      return;
    e.preventDefault();
    if (this.guard.allows(e)) this.submit();
  }

  private onEscape(e: Event): void {
    e.preventDefault();
    this.finish({ action: 'cancel' });
  }

  private finish(result: ElicitResult): void {
    const settle = this.settle;
    this.settle = undefined;
    if (this.dialog?.open) this.dialog.close();
    this.request = undefined;
    this.returnFocus?.focus();
    settle?.(result);
  }
}
