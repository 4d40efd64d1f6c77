// Every element speaks the language of its nearest `lang` (itself, an ancestor, across shadow
// roots, <html>) from the registered locale modules; setMessages overrides win; plurals and
// numbers come from Intl; Arabic lays out right to left (a screenshot lands in test/screenshots/).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import { registerLocale, setMessages } from '../../src/index.js';
import { messagesFor } from '../../src/messages.js';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import type { McpLogView } from '../../src/components/mcp-log-view/mcp-log-view.js';
import type { McpToolForm } from '../../src/components/mcp-tool-form/mcp-tool-form.js';
import ar from '../../src/locales/ar.js';
import de from '../../src/locales/de.js';
import es from '../../src/locales/es.js';
import fr from '../../src/locales/fr.js';
import ja from '../../src/locales/ja.js';
import { buttonNamed, freshStore, servers } from '../helpers.js';

const LOCALES = { ar, de, es, fr, ja } as Record<string, object>;

before(() => {
  for (const [lang, table] of Object.entries(LOCALES)) registerLocale(lang, table);
});

describe('locales', () => {
  it('follow the nearest lang: the element, an ancestor, then <html>, across shadow roots', async () => {
    const { legacy } = await servers();
    const page = await fixture<HTMLDivElement>(html`<div>
      <div lang="de"><mcp-tool-form url=${legacy} tool="echo" .store=${freshStore('locales')}></mcp-tool-form></div>
      <mcp-tool-form lang="fr" url=${legacy} tool="echo" .store=${freshStore('locales')}></mcp-tool-form>
      <mcp-tool-form url=${legacy} tool="echo" .store=${freshStore('locales')}></mcp-tool-form>
      <div lang="ja"><mcp-client url=${legacy} .store=${freshStore('locales')}></mcp-client></div>
    </div>`);
    const [german, french, english] = page.querySelectorAll<McpToolForm>('mcp-tool-form');
    await waitUntil(
      () => [german, french, english].every((f) => f.shadowRoot!.querySelector('[part=run]')),
      'forms shown',
      { timeout: 10_000 },
    );
    expect(buttonNamed(german.shadowRoot!, 'Ausführen')).to.exist;
    expect(buttonNamed(french.shadowRoot!, 'Exécuter')).to.exist;
    expect(buttonNamed(english.shadowRoot!, 'Run')).to.exist;

    // Inside <mcp-client>'s shadow root, the tool list still finds the lang of the page around the widget.
    const client = page.querySelector<McpClientElement>('mcp-client')!;
    await waitUntil(
      () => client.shadowRoot!.querySelector('mcp-tool-list')?.shadowRoot?.querySelector('input'),
      'tool list shown',
      { timeout: 10_000 },
    );
    // The tools show as soon as they are listed, while the connection still settles (its GET stream); then the status
    // says so, in Japanese.
    await waitUntil(
      () => client.shadowRoot!.querySelector('[part=status]')!.textContent!.includes('接続済み'),
      'connected, in Japanese',
      { timeout: 10_000 },
    );
    const search = client.shadowRoot!.querySelector('mcp-tool-list')!.shadowRoot!.querySelector('input')!;
    expect(search.getAttribute('aria-label') ?? search.placeholder).to.equal('ツールを検索');

    // A language switch on the page re-renders the elements.
    german.parentElement!.lang = 'es';
    await waitUntil(
      () => german.shadowRoot!.querySelector('[part=run]')!.textContent!.trim() === 'Ejecutar',
      'switched to Spanish',
    );
  });

  it('let setMessages override any language, and format plurals and numbers with Intl', async () => {
    const log = await fixture<McpLogView>(html`<mcp-log-view lang="ar"></mcp-log-view>`);
    expect(messagesFor('ar').logEntries(2)).to.equal('إدخالان');
    expect(messagesFor('ar').logEntries(3)).to.equal(`${new Intl.NumberFormat('ar').format(3)} إدخالات`);
    expect(messagesFor('de').logEntries(1)).to.equal('1 Eintrag');
    expect(messagesFor('de').progress(1500, 2000)).to.equal('1.500 von 2.000');
    expect(messagesFor('en').progress(1500, 2000)).to.equal('1,500 of 2,000');
    expect(messagesFor('en').logEntries(1)).to.equal('1 entry');
    expect(messagesFor('de-at').run, 'a region falls back to its language').to.equal('Ausführen');
    expect(log.shadowRoot!.textContent).to.contain('لم يُسجَّل شيء بعد.');
    setMessages({ logEmpty: 'Quiet so far.' });
    await log.updateComplete;
    expect(log.shadowRoot!.textContent, "the host's wording wins over the locale").to.contain('Quiet so far.');
    expect(messagesFor('de').run).to.equal('Ausführen');
  });

  it('lay out right to left in Arabic (screenshot: test/screenshots/ar-rtl.png)', async () => {
    const { legacy } = await servers();
    const page = await fixture<HTMLDivElement>(html`<div lang="ar" dir="rtl" style="width: 720px">
      <mcp-client url=${legacy} .store=${freshStore('locales')}></mcp-client>
    </div>`);
    const client = page.querySelector<McpClientElement>('mcp-client')!;
    await oneEvent(client, 'mcp-connected');
    const list = await waitUntil(
      () => client.shadowRoot!.querySelector('mcp-tool-list')?.shadowRoot?.querySelector('button'),
      'tools listed',
      { timeout: 10_000 },
    ).then(() => client.shadowRoot!.querySelector('mcp-tool-list')!);
    [...list.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('echo'))!.click();
    const form = await waitUntil(
      () => client.shadowRoot!.querySelector('mcp-tool-form')?.shadowRoot?.querySelector('[part=run]'),
      'form shown',
      { timeout: 10_000 },
    ).then(() => client.shadowRoot!.querySelector('mcp-tool-form')!);
    const run = buttonNamed(form.shadowRoot!, 'تشغيل').getBoundingClientRect();
    const root = client.shadowRoot!;
    const box = client.getBoundingClientRect();
    const name = root.querySelector('[part=server]')!.getBoundingClientRect();
    const status = root.querySelector('[part=status]')!.getBoundingClientRect();
    const tabs = [...root.querySelectorAll('[role=tab]')].map((t) => t.getBoundingClientRect());
    // The header reads from the right: the server's name first, then the status to its left.
    expect(box.right - name.right).to.be.lessThan(box.width * 0.1);
    expect(status.right).to.be.at.most(name.left + 1);
    // Tabs run right to left, and the form's Run button sits on the right.
    expect(tabs[0].left).to.be.greaterThan(tabs[1].left);
    const formBox = form.getBoundingClientRect();
    expect(formBox.right - run.right).to.be.lessThan(formBox.width * 0.2);
    expect(root.querySelector('[part=status]')!.textContent).to.contain('متصل');
    const bytes = await executeServerCommand<number, { name: string }>('mcp-screenshot', { name: 'ar-rtl' });
    expect(bytes).to.be.greaterThan(1000);
  });
});
