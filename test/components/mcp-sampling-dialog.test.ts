import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/mcp-sampling-dialog/define.js';
import type { McpSamplingDialog } from '../../src/components/mcp-sampling-dialog/mcp-sampling-dialog.js';
import { McpProtocolError } from '../../src/client.js';
import type { CreateMessageParams } from '../../src/client.js';
import { buttonsActive } from '../helpers.js';

const params: CreateMessageParams = {
  messages: [{ role: 'user', content: { type: 'text', text: 'Summarise: the sky is blue.' } }],
  systemPrompt: 'Be brief',
  maxTokens: 64,
  modelPreferences: { hints: [{ name: 'claude' }] },
};
const server = { name: 'fixture-server', version: '1' };

const dialogOf = (el: McpSamplingDialog) => el.shadowRoot!.querySelector('dialog')!;
const button = (el: McpSamplingDialog, name: string) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === name)!;
/** Waits until open() has shown the modal dialog. */
const shown = (el: McpSamplingDialog) => waitUntil(() => dialogOf(el).open, 'dialog shown');
/** Waits until the review step, with the reply field, has replaced the request. */
const reviewing = (el: McpSamplingDialog) =>
  waitUntil(() => el.shadowRoot!.querySelector('#reply'), 'review step shown');

describe('<mcp-sampling-dialog>', () => {
  it('is a modal dialog named after the server, showing the request', async () => {
    const el = await fixture<McpSamplingDialog>(html`<mcp-sampling-dialog></mcp-sampling-dialog>`);
    const reply = el.open({ params, server });
    await shown(el);
    const dialog = dialogOf(el);
    expect(dialog.open).to.equal(true);
    expect(el.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).to.equal(
      'Sampling request from fixture-server',
    );
    expect(el.shadowRoot!.querySelector<HTMLTextAreaElement>('#system')!.value).to.equal('Be brief');
    expect(dialog.textContent).to.contain('64').and.contain('claude');
    await expect(el).to.be.accessible();
    button(el, 'Reject').click();
    await reply.catch(() => {});
  });

  it('sends the edited prompt to the page LLM and the reviewed, edited reply to the server', async () => {
    const el = await fixture<McpSamplingDialog>(html`<mcp-sampling-dialog></mcp-sampling-dialog>`);
    let seen: CreateMessageParams | undefined;
    const reply = el.open({
      params,
      server,
      handler: async (p) => {
        seen = p;
        return { role: 'assistant', content: { type: 'text', text: 'Blue sky.' }, model: 'page-llm' };
      },
    });
    await shown(el);
    const prompt = el.shadowRoot!.querySelector<HTMLTextAreaElement>('#m0-0')!;
    prompt.value = 'Summarise: the sky is green.';
    prompt.dispatchEvent(new Event('input'));
    button(el, 'Approve').click();
    await reviewing(el);
    expect(seen!.messages[0].content).to.deep.equal({ type: 'text', text: 'Summarise: the sky is green.' });
    const answer = el.shadowRoot!.querySelector<HTMLTextAreaElement>('#reply')!;
    expect(answer.value).to.equal('Blue sky.');
    answer.value = 'Green sky.';
    answer.dispatchEvent(new Event('input'));
    button(el, 'Send').click();
    expect(await reply).to.deep.include({
      role: 'assistant',
      model: 'page-llm',
      content: { type: 'text', text: 'Green sky.' },
    });
    expect(dialogOf(el).open).to.equal(false);
  });

  it('lets the person write the reply when the page has no LLM', async () => {
    const el = await fixture<McpSamplingDialog>(html`<mcp-sampling-dialog></mcp-sampling-dialog>`);
    const reply = el.open({ params, server });
    await shown(el);
    button(el, 'Approve').click();
    await reviewing(el);
    const answer = el.shadowRoot!.querySelector<HTMLTextAreaElement>('#reply')!;
    answer.value = 'Typed by hand';
    answer.dispatchEvent(new Event('input'));
    button(el, 'Send').click();
    expect(await reply).to.deep.include({ model: 'human', content: { type: 'text', text: 'Typed by hand' } });
  });

  it('rejects with code -1 on Reject and on Escape, and gives focus back', async () => {
    const opener = await fixture<HTMLButtonElement>(html`<button>opener</button>`);
    const el = await fixture<McpSamplingDialog>(html`<mcp-sampling-dialog></mcp-sampling-dialog>`);
    opener.focus();
    const first = el.open({ params, server });
    await shown(el);
    button(el, 'Reject').click();
    const error = await first.catch((e) => e);
    expect(error).to.be.instanceOf(McpProtocolError);
    expect(error.code).to.equal(-1);
    expect(document.activeElement).to.equal(opener);

    const second = el.open({ params, server }).catch((e) => e);
    await shown(el);
    expect(dialogOf(el).contains(el.shadowRoot!.activeElement)).to.equal(true);
    await sendKeys({ press: 'Escape' });
    expect((await second).code).to.equal(-1);
    expect(dialogOf(el).open).to.equal(false);
  });

  it('closes when the server cancels the request', async () => {
    const el = await fixture<McpSamplingDialog>(html`<mcp-sampling-dialog></mcp-sampling-dialog>`);
    const cancel = new AbortController();
    const reply = el.open({ params, server, signal: cancel.signal });
    await shown(el);
    cancel.abort();
    expect(await reply.catch((e) => e)).to.be.instanceOf(McpProtocolError);
    expect(dialogOf(el).open).to.equal(false);
  });

  it('can be driven with the keyboard alone', async () => {
    const el = await fixture<McpSamplingDialog>(html`<mcp-sampling-dialog></mcp-sampling-dialog>`);
    const reply = el.open({ params: { ...params, systemPrompt: undefined }, server });
    await shown(el);
    // Focus starts in the dialog; Tab through the fields to Approve (Reject comes first).
    el.shadowRoot!.querySelector<HTMLTextAreaElement>('#system')!.focus();
    await sendKeys({ press: 'Tab' }); // message
    await sendKeys({ press: 'Tab' }); // Reject
    await sendKeys({ press: 'Tab' }); // Approve
    await buttonsActive(el.shadowRoot!);
    await sendKeys({ press: 'Enter' });
    await reviewing(el);
    el.shadowRoot!.querySelector<HTMLTextAreaElement>('#reply')!.focus();
    await sendKeys({ type: 'ok' });
    await sendKeys({ press: 'Tab' }); // Reject
    await sendKeys({ press: 'Tab' }); // Send
    await buttonsActive(el.shadowRoot!);
    await sendKeys({ press: 'Enter' });
    expect((await reply).content).to.deep.equal({ type: 'text', text: 'ok' });
  });
});
