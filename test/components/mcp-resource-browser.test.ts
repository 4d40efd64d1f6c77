import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { McpClient } from '../../src/client.js';
import '../../src/components/mcp-resource-browser/define.js';
import type { McpResourceBrowser } from '../../src/components/mcp-resource-browser/mcp-resource-browser.js';
import { connectedClient, firstText, fixtureShowing, servers } from '../helpers.js';

const shadow = (el: Element) => el.shadowRoot!;
const button = (el: Element, name: string) =>
  shadow(el).querySelector(`button[aria-label="${name}"]`) as HTMLButtonElement;
const viewerText = (el: Element) => shadow(el).querySelector('mcp-result-view')?.shadowRoot?.textContent ?? '';

describe('<mcp-resource-browser>', () => {
  let client: McpClient;
  before(async () => (client = await connectedClient('legacy')));
  after(() => client.close());

  const browser = () =>
    fixtureShowing<McpResourceBrowser>(
      html`<mcp-resource-browser .client=${client}></mcp-resource-browser>`,
      '[part~="resource"]',
    );

  it('lists resources and templates with name, MIME type and URI', async () => {
    const el = await browser();
    const items = [...shadow(el).querySelectorAll('[part~="resource"]')];
    expect(items.map((i) => i.querySelector('.name')!.textContent)).to.deep.equal(['greeting', 'blob']);
    expect(items[0].textContent).to.include('text/plain').and.include('fixture://greeting');
    const template = shadow(el).querySelector('[part="template"]')!;
    expect(template.querySelector('.name')!.textContent).to.equal('item');
    expect(template.querySelector('code')!.textContent).to.equal('fixture://items/{id}');
    expect([...shadow(el).querySelectorAll('h3')].map((h) => h.textContent)).to.deep.equal([
      'Resources',
      'Resource templates',
    ]);
    await expect(el).to.be.accessible();
  });

  it('reads a resource into the viewer on Read', async () => {
    const el = await browser();
    const reading = oneEvent(el, 'mcp-resource-read');
    button(el, 'Read greeting').click();
    const read = (await reading) as CustomEvent;
    expect(read.detail.contents[0].text).to.equal('Hello from a resource');
    await waitUntil(() => viewerText(el).includes('Hello from a resource'), 'shown');
    expect(shadow(el).querySelector('[part="viewer"]')!.getAttribute('aria-label')).to.equal(
      'Contents of fixture://greeting',
    );
    expect(button(el, 'Read greeting').closest('li')!.getAttribute('aria-current')).to.equal('true');

    button(el, 'Read blob').click();
    await waitUntil(() => viewerText(el).includes('16 B of binary data'), 'blob shown as a download');
    await expect(el).to.be.accessible();
  });

  it('fills a template with completion suggestions and reads the expanded URI', async () => {
    const el = await browser();
    const input = shadow(el).querySelector('[part="template"] input') as HTMLInputElement;
    expect(input.closest('label')!.textContent!.trim()).to.equal('id');
    input.focus();
    input.value = 'b';
    input.dispatchEvent(new InputEvent('input'));
    const options = () =>
      [...shadow(el).querySelectorAll(`#${input.getAttribute('list')} option`)].map(
        (o) => (o as HTMLOptionElement).value,
      );
    await waitUntil(() => options().length, 'suggestions');
    expect(options()).to.deep.equal(['beta']);
    input.value = 'beta';
    input.dispatchEvent(new InputEvent('input'));
    button(el, 'Read item').click();
    await waitUntil(() => viewerText(el).includes('Item beta'), 'template read');
    expect(shadow(el).querySelector('[part="viewer"]')!.getAttribute('aria-label')).to.equal(
      'Contents of fixture://items/beta',
    );
    await expect(el).to.be.accessible();
  });

  it('subscribes, re-reads and marks the resource on resources/updated, and unsubscribes', async () => {
    const el = await browser();
    button(el, 'Read greeting').click();
    await waitUntil(() => viewerText(el).includes('Hello from a resource'), 'shown');

    const subscribe = button(el, 'Subscribe to greeting');
    expect(subscribe.getAttribute('aria-pressed')).to.equal('false');
    subscribe.click();
    await waitUntil(() => button(el, 'Unsubscribe from greeting'), 'subscribed');
    expect(button(el, 'Unsubscribe from greeting').textContent!.trim()).to.equal('Unsubscribe');

    // The server saw the subscription: touching the resource notifies exactly this session.
    const reread = oneEvent(el, 'mcp-resource-read');
    expect(firstText(await client.callTool('touch_resource', { uri: 'fixture://greeting' }))).to.equal('notified 1');
    expect(((await reread) as CustomEvent).detail.uri).to.equal('fixture://greeting');
    await waitUntil(() => shadow(el).querySelector('.badge.updated'), 'marked updated');
    expect(shadow(el).querySelector('.badge.updated')!.closest('li')!.querySelector('.name')!.textContent).to.equal(
      'greeting',
    );
    await expect(el).to.be.accessible();

    button(el, 'Read greeting').click();
    await el.updateComplete;
    expect(shadow(el).querySelector('.badge.updated')).to.equal(null);

    button(el, 'Unsubscribe from greeting').click();
    await waitUntil(() => button(el, 'Subscribe to greeting'), 'unsubscribed');
    expect(firstText(await client.callTool('touch_resource', { uri: 'fixture://greeting' }))).to.equal('notified 0');
  });

  it('unsubscribes when removed from the page', async () => {
    const el = await browser();
    button(el, 'Subscribe to blob').click();
    await waitUntil(() => button(el, 'Unsubscribe from blob'), 'subscribed');
    expect(firstText(await client.callTool('touch_resource', { uri: 'fixture://blob' }))).to.equal('notified 1');
    el.remove();
    await waitUntil(
      async () => firstText(await client.callTool('touch_resource', { uri: 'fixture://blob' })) === 'notified 0',
      'unsubscribed',
    );
  });

  it('browses server-everything resources and templates', async () => {
    const everything = new McpClient({ url: (await servers()).everythingHttp });
    await everything.connect();
    try {
      const el = await fixture<McpResourceBrowser>(
        html`<mcp-resource-browser .client=${everything}></mcp-resource-browser>`,
      );
      await waitUntil(() => shadow(el).querySelector('[part~="resource"]'), 'listed', { timeout: 10_000 });
      const first = shadow(el).querySelector('[part~="resource"] button') as HTMLButtonElement;
      first.click();
      await waitUntil(
        () => shadow(el).querySelector('mcp-result-view')?.shadowRoot?.querySelector('[part~="resource"]'),
        'read',
      );
      await expect(el).to.be.accessible();
    } finally {
      await everything.close();
    }
  });
});
