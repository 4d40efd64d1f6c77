import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/mcp-elicitation-dialog/define.js';
import type { McpElicitationDialog } from '../../src/components/mcp-elicitation-dialog/mcp-elicitation-dialog.js';
import { describeUrl } from '../../src/components/mcp-elicitation-dialog/elicitation.js';
import type { McpSchemaForm } from '../../src/components/mcp-schema-form/mcp-schema-form.js';
import type { ElicitParams } from '../../src/client.js';
import { buttonNamed, controlByLabel, typeInto, buttonsActive } from '../helpers.js';
import { EVERYTHING_DEFAULTS, EVERYTHING_SCHEMA } from '../fixtures/elicitation.js';

const server = { name: 'fixture-server', version: '1' };

const form = (params: Partial<ElicitParams> = {}): ElicitParams => ({
  mode: 'form',
  message: 'Tell us about you',
  requestedSchema: EVERYTHING_SCHEMA,
  ...params,
});
const root = (el: McpElicitationDialog) => el.shadowRoot!;
const dialogOf = (el: McpElicitationDialog) => root(el).querySelector('dialog')!;
const schemaForm = (el: McpElicitationDialog) => root(el).querySelector<McpSchemaForm>('mcp-schema-form')!;
const nameOf = (el: McpElicitationDialog) =>
  root(el).getElementById(dialogOf(el).getAttribute('aria-labelledby')!)!.textContent;
/** Waits until open() has shown the modal dialog, with its form (in form mode) rendered. */
const shown = async (el: McpElicitationDialog) => {
  await waitUntil(() => dialogOf(el).open, 'dialog shown');
  await schemaForm(el)?.updateComplete;
};
const labels = (f: McpSchemaForm, selector: string) =>
  [...f.shadowRoot!.querySelectorAll(selector)].map((n) => n.textContent!.trim());
/** A dialog on the page that open() has shown with these params from fixture-server; `answer`: what open() returns. */
async function shownWith(params: ElicitParams) {
  const el = await fixture<McpElicitationDialog>(html`<mcp-elicitation-dialog></mcp-elicitation-dialog>`);
  const answer = el.open({ params, server });
  await shown(el);
  return { el, answer };
}

describe('<mcp-elicitation-dialog>', () => {
  it('is a modal dialog named "<server> asks for information" with Submit, Decline and Cancel, and is accessible open', async () => {
    const { el, answer } = await shownWith(form());
    expect(dialogOf(el).open).to.equal(true);
    expect(dialogOf(el).matches(':modal')).to.equal(true);
    expect(nameOf(el)).to.equal('fixture-server asks for information');
    expect(root(el).getElementById(dialogOf(el).getAttribute('aria-describedby')!)!.textContent).to.equal(
      'Tell us about you',
    );
    for (const name of ['Submit', 'Decline', 'Cancel']) expect(buttonNamed(root(el), name)).to.exist;
    await expect(el).to.be.accessible();
    buttonNamed(root(el), 'Cancel').click();
    expect(await answer).to.deep.equal({ action: 'cancel' });
  });

  it('pre-fills schema defaults and submits typed content: integers and numbers as numbers, multi-selects as string[]', async () => {
    const { el, answer } = await shownWith(form());
    const f = schemaForm(el);
    expect(controlByLabel(f, 'String with default').value).to.equal('It was a dark and stormy night.');
    expect(controlByLabel(f, 'Integer').value).to.equal('42');
    typeInto(controlByLabel(f, 'String'), 'Ada');
    typeInto(controlByLabel(f, 'Integer'), '7');
    await f.updateComplete;
    buttonNamed(root(el), 'Submit').click();
    expect(await answer).to.deep.equal({
      action: 'accept',
      content: { ...EVERYTHING_DEFAULTS, name: 'Ada', integer: 7 },
    });
  });

  it('shows titled, untitled and legacy enumNames choices by their titles and sends their values', async () => {
    const { el, answer } = await shownWith(form());
    const f = schemaForm(el);
    typeInto(controlByLabel(f, 'String'), 'Ada');
    const options = (label: string) =>
      [...controlByLabel<HTMLSelectElement>(f, label).options].map((o) => o.textContent!.trim()).slice(1);
    expect(options('Untitled Single Select Enum')).to.deep.equal(['Monica', 'Rachel', 'Joey']);
    expect(options('Titled Single Select Enum')).to.deep.equal(['Superman', 'Green Lantern']);
    expect(options('Legacy Titled Single Select Enum')).to.deep.equal(['Cats', 'Dogs']);
    expect(labels(f, 'legend')).to.include.members(['Untitled Multiple Select Enum', 'Titled Multiple Select Enum']);
    expect(labels(f, '.check label')).to.include.members(['Guitar', 'Piano', 'Violin', 'Tuna', 'Salmon']);
    // Pick by the names a person sees.
    const pick = (label: string, option: string) => {
      const select = controlByLabel<HTMLSelectElement>(f, label);
      select.value = [...select.options].find((o) => o.textContent!.trim() === option)!.value;
      select.dispatchEvent(new Event('change'));
    };
    pick('Titled Single Select Enum', 'Green Lantern');
    pick('Legacy Titled Single Select Enum', 'Dogs');
    controlByLabel(f, 'Salmon').click();
    controlByLabel(f, 'Piano').click();
    await f.updateComplete;
    buttonNamed(root(el), 'Submit').click();
    const { content } = await answer;
    expect(content).to.deep.include({
      titledSingleSelectEnum: 'hero-2',
      legacyTitledEnum: 'pet-2',
      untitledMultipleSelectEnum: ['Guitar', 'Piano'],
      titledMultipleSelectEnum: ['fish-1', 'fish-2'],
    });
  });

  it('validates before sending: a missing required field keeps the dialog open and gets focus', async () => {
    const el = await fixture<McpElicitationDialog>(html`<mcp-elicitation-dialog></mcp-elicitation-dialog>`);
    let settledWith: unknown;
    const answer = el.open({ params: form(), server }).then((r) => (settledWith = r));
    await shown(el);
    buttonNamed(root(el), 'Submit').click();
    const name = controlByLabel(schemaForm(el), 'String');
    await waitUntil(() => name.getAttribute('aria-invalid') === 'true', 'the missing field marked invalid');
    expect(settledWith).to.equal(undefined);
    expect(dialogOf(el).open).to.equal(true);
    expect(schemaForm(el).shadowRoot!.activeElement).to.equal(name);
    typeInto(name, 'Ada');
    buttonNamed(root(el), 'Submit').click();
    await answer;
    // An answer settles once: had the invalid Submit sent one, it would be this one, without the name.
    expect(settledWith).to.have.property('action', 'accept');
    expect(settledWith).to.have.nested.property('content.name', 'Ada');
  });

  it('answers decline on Decline and cancel on Cancel and on Escape, giving focus back each time', async () => {
    const opener = await fixture<HTMLButtonElement>(html`<button>opener</button>`);
    const el = await fixture<McpElicitationDialog>(html`<mcp-elicitation-dialog></mcp-elicitation-dialog>`);
    for (const [how, action] of [
      ['Decline', 'decline'],
      ['Cancel', 'cancel'],
      ['Escape', 'cancel'],
    ] as const) {
      opener.focus();
      const answer = el.open({ params: form(), server });
      await shown(el);
      expect(dialogOf(el).contains(root(el).activeElement) || root(el).activeElement === null).to.equal(true);
      if (how === 'Escape') await sendKeys({ press: 'Escape' });
      else buttonNamed(root(el), how).click();
      expect(await answer, how).to.deep.equal({ action });
      expect(dialogOf(el).open).to.equal(false);
      expect(document.activeElement, how).to.equal(opener);
    }
  });

  it('warns above a form with a field named like a password', async () => {
    const { el, answer } = await shownWith(
      form({
        requestedSchema: { type: 'object', properties: { user: { type: 'string' }, password: { type: 'string' } } },
      }),
    );
    expect(root(el).querySelector('.warning')!.textContent)
      .to.contain('password')
      .and.contain('must not ask for passwords');
    buttonNamed(root(el), 'Decline').click();
    await answer;
  });

  it('closes and answers cancel when the server cancels the request', async () => {
    const el = await fixture<McpElicitationDialog>(html`<mcp-elicitation-dialog></mcp-elicitation-dialog>`);
    const cancel = new AbortController();
    const answer = el.open({ params: form(), server, signal: cancel.signal });
    await shown(el);
    cancel.abort();
    expect(await answer).to.deep.equal({ action: 'cancel' });
    expect(dialogOf(el).open).to.equal(false);
  });

  it('can be answered with the keyboard alone: type, Tab to Submit, Enter', async () => {
    const { el, answer } = await shownWith(
      form({
        requestedSchema: {
          type: 'object',
          properties: { name: { type: 'string', title: 'Your name' }, age: { type: 'integer' } },
          required: ['name'],
        },
      }),
    );
    // showModal put focus on the first field.
    expect(schemaForm(el).shadowRoot!.activeElement).to.equal(controlByLabel(schemaForm(el), 'Your name'));
    await sendKeys({ type: 'Grace' });
    await sendKeys({ press: 'Tab' }); // age
    await sendKeys({ type: '85' });
    await sendKeys({ press: 'Tab' }); // Cancel
    await sendKeys({ press: 'Tab' }); // Decline
    await sendKeys({ press: 'Tab' }); // Submit
    expect(root(el).activeElement!.textContent!.trim()).to.equal('Submit');
    await buttonsActive(root(el));
    await sendKeys({ press: 'Enter' });
    expect(await answer).to.deep.equal({ action: 'accept', content: { name: 'Grace', age: 85 } });
  });

  it('Enter in a field submits the form', async () => {
    const { el, answer } = await shownWith(
      form({ requestedSchema: { type: 'object', properties: { name: { type: 'string' } } } }),
    );
    await sendKeys({ type: 'Lin' });
    await buttonsActive(root(el));
    await sendKeys({ press: 'Enter' });
    expect(await answer).to.deep.equal({ action: 'accept', content: { name: 'Lin' } });
  });

  describe('URL mode', () => {
    const url = (u: string, message = 'Sign in to the bank'): ElicitParams => ({
      mode: 'url',
      message,
      url: u,
      elicitationId: 'e1',
    });
    let opened: unknown[][] = [];
    const realOpen = window.open;
    beforeEach(() => {
      opened = [];
      // Replaced so no tab opens in the test browser; records what the dialog asked the browser to do.
      window.open = (...args: unknown[]) => (opened.push(args), null);
    });
    afterEach(() => (window.open = realOpen));

    it('shows the full URL with its host highlighted, prefetches nothing, and Open calls window.open(url, _blank, noopener,noreferrer) [window.open replaced]', async () => {
      const before = performance.getEntriesByType('resource').length;
      const { el, answer } = await shownWith(url('https://bank.example/connect?x=1#y'));
      expect(nameOf(el)).to.equal('fixture-server asks for information');
      expect(root(el).querySelector('[part=url]')!.textContent).to.equal('https://bank.example/connect?x=1#y');
      expect(root(el).querySelector('[part=url] mark')!.textContent).to.equal('bank.example');
      expect(root(el).querySelector('a')).to.equal(null); // never a live link
      for (const name of ['Open', 'Decline', 'Cancel']) expect(buttonNamed(root(el), name)).to.exist;
      await expect(el).to.be.accessible();
      expect(opened).to.deep.equal([]);
      expect(
        performance
          .getEntriesByType('resource')
          .slice(before)
          .some((e) => e.name.includes('bank.example')),
      ).to.equal(false);
      buttonNamed(root(el), 'Open').click();
      expect(await answer).to.deep.equal({ action: 'accept' });
      expect(opened).to.deep.equal([['https://bank.example/connect?x=1#y', '_blank', 'noopener,noreferrer']]);
    });

    it('warns on punycode, plain http and user-info URLs, highlighting the real host', async () => {
      expect(describeUrl('https://xn--pple-43d.com/')).to.include({ host: 'xn--pple-43d.com', punycode: true });
      expect(describeUrl('https://bank.example@evil.example/login')).to.include({
        host: 'evil.example',
        before: 'https://bank.example@',
        after: '/login',
        userinfo: true,
      });
      expect(describeUrl('https://evil.example.bank.example@evil.example/')).to.include({
        before: 'https://evil.example.bank.example@',
        host: 'evil.example',
      });
      expect(describeUrl('http://plain.example/')).to.include({ insecure: true });
      const { el, answer } = await shownWith(url('http://bank.example@xn--pple-43d.com/'));
      expect(root(el).querySelector('[part=url] mark')!.textContent).to.equal('xn--pple-43d.com');
      const notes = [...root(el).querySelectorAll('.warning')].map((n) => n.textContent);
      expect(notes.join(' ')).to.contain('punycode').and.contain('not encrypted').and.contain('before "@"');
      await sendKeys({ press: 'Escape' });
      expect(await answer).to.deep.equal({ action: 'cancel' });
      expect(opened).to.deep.equal([]);
    });

    it('refuses to open anything but http(s)', async () => {
      const { el, answer } = await shownWith(url('javascript:alert(1)'));
      expect(buttonNamed(root(el), 'Open').disabled).to.equal(true);
      expect(root(el).textContent).to.contain('only http and https');
      buttonNamed(root(el), 'Decline').click();
      expect(await answer).to.deep.equal({ action: 'decline' });
      expect(opened).to.deep.equal([]);
    });

    it('can be answered with the keyboard alone: Tab to Open, Enter [window.open replaced]', async () => {
      const { el, answer } = await shownWith(url('https://bank.example/'));
      // Focus starts on the first button (Cancel): the safe choice.
      expect(root(el).activeElement!.textContent!.trim()).to.equal('Cancel');
      await sendKeys({ press: 'Tab' }); // Decline
      await sendKeys({ press: 'Tab' }); // Open
      await buttonsActive(root(el));
      await sendKeys({ press: 'Enter' });
      expect(await answer).to.deep.equal({ action: 'accept' });
      await waitUntil(() => opened.length === 1);
      expect(opened[0][0]).to.equal('https://bank.example/');
    });
  });
});
