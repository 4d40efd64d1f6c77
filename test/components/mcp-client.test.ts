import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import type { McpToolResultEvent } from '../../src/events/events.js';
import { buttonNamed, freshStore, servers } from '../helpers.js';

const shadow = (el: Element) => el.shadowRoot!;
const connected = (el: McpClientElement) =>
  waitUntil(() => el.client?.state === 'ready' && shadow(el).querySelector('[role=tablist]'), 'connected', {
    timeout: 15_000,
  });

describe('<mcp-client>', () => {
  it('connects, shows the server and its state, and lists its tools', async () => {
    const el = await fixture<McpClientElement>(
      html`<mcp-client .store=${freshStore('mcp-client-test')} url=${(await servers()).everythingHttp}></mcp-client>`,
    );
    await connected(el);
    expect(shadow(el).querySelector('[part=server]')!.textContent).to.contain('Everything');
    expect(shadow(el).querySelector('[part=status]')!.textContent).to.contain('Connected');
    const list = shadow(el).querySelector('mcp-tool-list')!;
    // server-everything gives its tools titles, which the list shows instead of names.
    await waitUntil(() => list.shadowRoot!.textContent!.includes('Echo Tool'), 'tools listed');
    const tabs = [...shadow(el).querySelectorAll('[role=tab]')].map((t) => t.textContent!.trim());
    expect(tabs).to.deep.equal(['Tools', 'Resources', 'Prompts', 'Log']);
  });

  it('opens a tool form from the list and runs the tool', async () => {
    const el = await fixture<McpClientElement>(
      html`<mcp-client .store=${freshStore('mcp-client-test')} url=${(await servers()).legacy}></mcp-client>`,
    );
    await connected(el);
    const list = shadow(el).querySelector('mcp-tool-list')!;
    await waitUntil(() => list.shadowRoot!.querySelector('button'), 'tools listed');
    [...list.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('echo'))!.click();
    await waitUntil(
      () => shadow(el).querySelector('mcp-tool-form')?.shadowRoot?.querySelector('mcp-schema-form'),
      'form shown',
    );
    const form = shadow(el).querySelector('mcp-tool-form')!;
    form.values = { message: 'from the widget' };
    await form.updateComplete;
    const done = oneEvent(el, 'mcp-tool-result') as unknown as Promise<McpToolResultEvent>;
    buttonNamed(form.shadowRoot!, 'Run').click();
    expect((await done).result!.content[0]).to.deep.include({ text: 'Echo: from the widget' });
  });

  it('says why it cannot connect and offers Retry', async () => {
    const el = await fixture<McpClientElement>(
      html`<mcp-client .store=${freshStore('mcp-client-test')} url=${(await servers()).noCors}></mcp-client>`,
    );
    const failed = await oneEvent(el, 'mcp-error');
    expect(failed).to.exist;
    await el.updateComplete;
    const alert = shadow(el).querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('CORS');
    expect(buttonNamed(shadow(el), 'Retry')).to.exist;
  });

  it('switches tabs with the arrow keys', async () => {
    const el = await fixture<McpClientElement>(
      html`<mcp-client .store=${freshStore('mcp-client-test')} url=${(await servers()).legacy}></mcp-client>`,
    );
    await connected(el);
    const first = shadow(el).querySelector<HTMLButtonElement>('[role=tab]')!;
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(shadow(el).querySelector('[role=tab][aria-selected=true]')!.textContent!.trim()).to.equal('Resources');
    expect(shadow(el).querySelector('mcp-resource-browser')).to.exist;
  });

  it('is accessible, connected and in dark theme', async () => {
    const el = await fixture<McpClientElement>(
      html`<mcp-client theme="dark" .store=${freshStore('mcp-client-test')} url=${(await servers()).legacy}></mcp-client>`,
    );
    await connected(el);
    await expect(el).to.be.accessible();
  });
});

describe('<mcp-client> log', () => {
  it('keeps log messages that arrived while another tab was shown', async () => {
    const el = await fixture<McpClientElement>(
      html`<mcp-client .store=${freshStore('mcp-client-test')} url=${(await servers()).legacy}></mcp-client>`,
    );
    await connected(el);
    await el.client!.setLogLevel('info');
    await el.client!.callTool('log_and_notify');
    const logTab = [...shadow(el).querySelectorAll<HTMLButtonElement>('[role=tab]')].find(
      (t) => t.textContent!.trim() === 'Log',
    )!;
    logTab.click();
    await el.updateComplete;
    const log = shadow(el).querySelector('mcp-log-view')!;
    expect(log.hidden).to.equal(false);
    await waitUntil(() => log.shadowRoot!.textContent!.includes('hello log'), 'earlier log message shown');
  });
});
