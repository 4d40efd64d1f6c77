import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { samplingRejected } from '../../core/client/input.js';
import type { CreateMessageParams, CreateMessageResult, Implementation } from '../../core/protocol/types.js';
import {
  ActivationGuard,
  ACTIVATION_DELAY_MS,
  deepActiveElement,
  plainLabel,
  serverName,
} from '../../internal/dialog.js';
import type { SamplingHandler } from '../../internal/human-in-the-loop.js';
import { msg } from '../../messages.js';
import { mediaDataUrl } from '../../internal/safe-url.js';
import { dialogStyles } from '../dialog.styles.js';
import { tokens } from '../shared.styles.js';

export interface SamplingRequest {
  params: CreateMessageParams;
  server?: Implementation;
  /** The host of the URL the page connected to, shown beside the server's claimed name. */
  host?: string;
  /** The page's LLM; without one the person writes the reply. */
  handler?: SamplingHandler;
  /** Aborted when the server cancels the request. */
  signal?: AbortSignal;
}

type Block = {
  type?: string;
  text?: string;
  mimeType?: string;
  data?: string;
  name?: string;
  input?: unknown;
  toolUseId?: string;
};
const blocks = (content: unknown): Block[] => (Array.isArray(content) ? content : [content]) as Block[];
const textOf = (r: CreateMessageResult) => blocks(r.content).find((b) => b?.type === 'text')?.text ?? '';

/**
 * @summary The sampling approval dialog: a person reviews (and may edit) what a server wants to send to the page's
 * LLM, then reviews the reply.
 * @csspart dialog - The modal dialog.
 * @csspart origin - The host of the server's URL, beside the name it claims.
 * @slot icon - Beside the title, outside the heading (the dialog keeps its name): the host's mark.
 * @slot footer - Under the buttons: a note from the host (for example, how replies are used).
 */
export class McpSamplingDialog extends LitElement {
  static override styles = [tokens, dialogStyles];

  /** Ms after the dialog or its next step appears during which a person's clicks on it do nothing. */
  @property({ type: Number, attribute: 'activation-delay' }) activationDelay: number = ACTIVATION_DELAY_MS;
  @state() private request?: SamplingRequest;
  private readonly guard = new ActivationGuard(this, () => this.activationDelay);
  @state() private step: 'request' | 'generating' | 'review' = 'request';
  @state() private draft?: CreateMessageParams;
  @state() private reply = '';
  @state() private result?: CreateMessageResult;
  @state() private error?: string;
  /** A model download's progress (0 to 1) while the handler waits for it. */
  @state() private progress?: number;
  @query('dialog') private dialog!: HTMLDialogElement;
  private settle?: { resolve(r: CreateMessageResult): void; reject(e: Error): void };
  private generation?: AbortController;
  private returnFocus?: HTMLElement;

  /** Shows the dialog for one request; resolves with the reply the person sent, rejects if they reject. */
  async open(request: SamplingRequest): Promise<CreateMessageResult> {
    // A dialog outside the document never renders: answer at once rather than hold the page-wide queue.
    if (!this.isConnected) throw samplingRejected('The page removed the widget that was asked');
    this.request = request;
    this.draft = structuredClone(request.params);
    this.guard.arm(); // from the first frame the dialog is seen
    this.step = 'request';
    this.reply = '';
    this.result = undefined;
    this.error = undefined;
    this.returnFocus = deepActiveElement();
    await this.updateComplete;
    this.dialog.showModal();
    const cancelled = () => this.finish(samplingRejected('The server cancelled the sampling request'));
    request.signal?.addEventListener('abort', cancelled, { once: true });
    try {
      return await new Promise<CreateMessageResult>((resolve, reject) => (this.settle = { resolve, reject }));
    } finally {
      request.signal?.removeEventListener('abort', cancelled);
    }
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    // A new step replaces the button that had focus: put it on the step's first control, not on <body>.
    if (changed.has('step') && changed.get('step') !== undefined && this.dialog?.open) {
      this.dialog.querySelector<HTMLElement>('textarea, button')?.focus();
      if (this.step === 'review') this.guard.arm();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removed with its host while asking: reject, or the page-wide queue would wait forever.
    if (this.settle) this.finish(samplingRejected('The dialog was removed from the page'));
  }

  override render() {
    const r = this.request;
    const d = this.draft;
    if (!r || !d) return html`<dialog part="dialog"></dialog>`;
    const title = msg().samplingTitle(serverName(r.server));
    return html`<dialog part="dialog" aria-labelledby="title" @cancel=${this.onEscape}>
      <div class="heading"><slot name="icon"></slot><h2 id="title">${title}</h2></div>
      ${r.host ? html`<p part="origin" class="muted">${msg().serverAt(plainLabel(r.host, 100))}</p>` : nothing}
      ${this.step === 'request' ? this.renderRequest(d) : this.renderReview()}
      <slot name="footer"></slot>
    </dialog>`;
  }

  private renderRequest(d: CreateMessageParams) {
    const hints = d.modelPreferences?.hints?.map((h) => h.name).filter(Boolean) ?? [];
    return html`
      <p class="server">${msg().samplingExplain}</p>
      <dl class="facts">
        <dt>${msg().maxTokens}</dt>
        <dd>${d.maxTokens}</dd>
        ${hints.length ? html`<dt>${msg().modelHints}</dt><dd>${hints.join(', ')}</dd>` : nothing}
        ${d.temperature !== undefined ? html`<dt>${msg().temperature}</dt><dd>${d.temperature}</dd>` : nothing}
        ${d.includeContext && d.includeContext !== 'none' ? html`<dt>${msg().includeContext}</dt><dd>${d.includeContext}</dd>` : nothing}
        ${d.tools?.length ? html`<dt>${msg().samplingTools}</dt><dd>${d.tools.map((t) => t.name).join(', ')}${d.toolChoice?.mode ? ` (${d.toolChoice.mode})` : ''}</dd>` : nothing}
      </dl>
      <label for="system">${msg().systemPrompt}</label>
      <textarea id="system" .value=${d.systemPrompt ?? ''} @input=${(e: Event) => (d.systemPrompt = (e.target as HTMLTextAreaElement).value || undefined)}></textarea>
      ${d.messages.map((m, i) => this.renderMessage(m, i))}
      <div class="actions">
        <button class="danger" aria-disabled=${this.guard.waiting} @click=${(e: Event) => this.guard.allows(e) && this.finish(samplingRejected())}>${msg().reject}</button>
        <button class="primary" aria-disabled=${this.guard.waiting} @click=${(e: Event) => this.guard.allows(e) && this.approve()}>${msg().approve}</button>
      </div>
    `;
  }

  private renderMessage(m: CreateMessageParams['messages'][number], index: number) {
    return blocks(m.content).map((b, j) => {
      const label = `${msg().role[m.role] ?? m.role} ${index + 1}${j ? `.${j + 1}` : ''}`;
      if (b?.type === 'text')
        return html`<label for="m${index}-${j}">${label}</label
          ><textarea id="m${index}-${j}" .value=${b.text ?? ''} @input=${(e: Event) => (b.text = (e.target as HTMLTextAreaElement).value)}></textarea>`;
      const media = b?.type === 'image' || b?.type === 'audio' ? mediaDataUrl(b.mimeType, b.data) : undefined;
      return html`<label>${label}</label>
        ${
          b?.type === 'image' && media
            ? html`<img src=${media} alt=${msg().image(b.mimeType ?? '')} style="max-width:100%;max-height:12em" />`
            : b?.type === 'audio' && media
              ? html`<audio controls src=${media} aria-label=${msg().audio(b.mimeType ?? '')}></audio>`
              : html`<pre>${JSON.stringify(b, null, 2)}</pre>`
        }`;
    });
  }

  private renderReview() {
    // While the handler works, its reply streams into the same (read-only) field; Stop keeps what came so far.
    const busy = this.step === 'generating';
    const nonText = this.result && blocks(this.result.content).some((b) => b?.type !== 'text');
    return html`
      <p class="server" role="status">${busy ? msg().generating : this.request?.handler ? msg().reviewReply : msg().writeReply}</p>
      ${busy && this.progress !== undefined && !this.reply ? html`<progress aria-label=${msg().downloadingModel} value=${this.progress}></progress>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${nonText ? html`<pre>${JSON.stringify(this.result!.content, null, 2)}</pre>` : html`<label for="reply">${msg().reply}</label><textarea id="reply" ?readonly=${busy} .value=${this.reply} @input=${(e: Event) => (this.reply = (e.target as HTMLTextAreaElement).value)}></textarea>`}
      <p class="muted">${msg().model}: ${this.result?.model ?? msg().humanModel}</p>
      <div class="actions">
        <button class="danger" aria-disabled=${this.guard.waiting} @click=${(e: Event) => this.guard.allows(e) && this.finish(samplingRejected())}>${msg().reject}</button>
        <button class="primary" aria-disabled=${this.guard.waiting} @click=${(e: Event) => (busy ? this.generation?.abort() : this.guard.allows(e) && this.send())}>${busy ? msg().stop : msg().send}</button>
      </div>
    `;
  }

  private async approve(): Promise<void> {
    const request = this.request;
    const handler = request?.handler;
    if (!handler) {
      this.step = 'review';
      return;
    }
    this.step = 'generating';
    this.progress = undefined;
    const stopped = (this.generation = new AbortController()).signal;
    const signal = request.signal ? AbortSignal.any([request.signal, stopped]) : stopped;
    const onPartial = (r: CreateMessageResult) =>
      this.request === request && ((this.result = r), (this.reply = textOf(r)));
    try {
      onPartial(
        await handler(structuredClone(this.draft!), { signal, onPartial, onProgress: (p) => (this.progress = p) }),
      );
    } catch (e) {
      // Stopped by the person: what streamed so far stays for review. Otherwise the person sees why and may write the
      // reply.
      if (this.request === request && !stopped.aborted) this.error = (e as Error).message;
    }
    // A handler that settles after its request was answered (rejected, cancelled) leaves the next request alone.
    if (this.request === request) this.step = 'review';
  }

  private send(): void {
    const base = this.result;
    const edited =
      base && blocks(base.content).some((b) => b?.type !== 'text') ? base.content : { type: 'text', text: this.reply };
    this.finish(undefined, {
      role: 'assistant',
      model: base?.model ?? 'human',
      stopReason: base?.stopReason ?? 'endTurn',
      ...(base?._meta ? { _meta: base._meta } : {}),
      content: edited,
    });
  }

  private onEscape(e: Event): void {
    e.preventDefault(); // close through finish(), which also settles the request
    this.finish(samplingRejected());
  }

  private finish(error?: Error, result?: CreateMessageResult): void {
    this.generation?.abort();
    const settle = this.settle;
    this.settle = undefined;
    if (this.dialog?.open) this.dialog.close();
    this.request = undefined;
    this.returnFocus?.focus();
    if (error) settle?.reject(error);
    else if (result) settle?.resolve(result);
  }
}
