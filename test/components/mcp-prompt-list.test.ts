import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { McpClient } from '../../src/client.js';
import '../../src/components/mcp-prompt-list/define.js';
import type { McpPromptList } from '../../src/components/mcp-prompt-list/mcp-prompt-list.js';
import { connectedClient, fixtureShowing, servers } from '../helpers.js';

const shadow = (el: Element) => el.shadowRoot!;
const buttonNamed = (el: Element, name: string) =>
  [...shadow(el).querySelectorAll('button')].find((b) => b.textContent!.replace(/\s+/g, ' ').trim().startsWith(name))!;
const inputLabelled = (el: Element, label: string) =>
  [...shadow(el).querySelectorAll('label')]
    .find((l) => l.querySelector('span')!.textContent!.replace('*', '').trim() === label)!
    .querySelector('input')!;
const type = (input: HTMLInputElement, value: string) => {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
};
const options = (el: Element, input: HTMLInputElement) =>
  [...shadow(el).querySelectorAll(`#${input.getAttribute('list')} option`)].map((o) => (o as HTMLOptionElement).value);

describe('<mcp-prompt-list>', () => {
  let client: McpClient;
  before(async () => (client = await connectedClient('legacy')));
  after(() => client.close());

  const list = () =>
    fixtureShowing<McpPromptList>(html`<mcp-prompt-list .client=${client}></mcp-prompt-list>`, '[part~="prompt"]');

  it('lists prompts by title, falling back to the name', async () => {
    const el = await list();
    const names = [...shadow(el).querySelectorAll('[part~="prompt"] .name')].map((n) => n.textContent);
    expect(names).to.include('greet').and.include('Colour pair');
    expect(shadow(el).querySelector('ul')!.getAttribute('aria-label')).to.equal('Prompts');
    await expect(el).to.be.accessible();
  });

  it('shows labelled argument inputs with required marked, suggests completions, and gets the messages', async () => {
    const el = await list();
    const selecting = oneEvent(el, 'mcp-prompt-select');
    buttonNamed(el, 'greet').click();
    const selected = (await selecting) as CustomEvent;
    expect(selected.detail.name).to.equal('greet');
    await el.updateComplete;
    expect(buttonNamed(el, 'greet').getAttribute('aria-pressed')).to.equal('true');
    const form = shadow(el).querySelector('form')!;
    expect(form.getAttribute('aria-label')).to.equal('greet');

    const name = inputLabelled(el, 'name');
    const style = inputLabelled(el, 'style');
    expect(name.required).to.equal(true);
    expect(style.required).to.equal(false);
    await expect(el).to.be.accessible();

    type(name, 'B');
    await waitUntil(() => options(el, name).length > 0, 'suggestions arrive');
    expect(options(el, name)).to.deep.equal(['Bob']);
    type(name, '');
    await waitUntil(() => options(el, name).length === 3, 'all suggestions');

    // A missing required argument: the browser's validation stops the request. Its invalid event
    // says validation ran; the form would have been submitted by then.
    let submits = 0;
    form.addEventListener('submit', () => submits++);
    const refused = oneEvent(name, 'invalid');
    buttonNamed(el, 'Get').click();
    await refused;
    expect(submits, 'form submitted').to.equal(0);
    await el.updateComplete;
    expect(shadow(el).querySelector('mcp-result-view')).to.equal(null);

    type(name, 'Bob');
    const getting = oneEvent(el, 'mcp-prompt-get');
    buttonNamed(el, 'Get').click();
    const got = (await getting) as CustomEvent;
    expect(got.detail.arguments).to.deep.equal({ name: 'Bob' });
    expect(submits, 'the valid Get submitted').to.equal(1);
    await waitUntil(() => shadow(el).querySelector('mcp-result-view'), 'messages shown');
    const view = shadow(el).querySelector('mcp-result-view')!;
    await view.updateComplete;
    expect(view.shadowRoot!.querySelector('[part="role"]')!.textContent).to.equal('User');
    expect(view.shadowRoot!.querySelector('[part~="text"]')!.textContent).to.equal('Please greet Bob (friendly)');
    await expect(el).to.be.accessible();
  });

  it('sends the arguments already filled as completion context, and renders both roles', async () => {
    const el = await list();
    buttonNamed(el, 'Colour pair').click();
    await el.updateComplete;
    const first = inputLabelled(el, 'first');
    const second = inputLabelled(el, 'second');
    expect(shadow(el).getElementById(first.getAttribute('aria-describedby')!)!.textContent).to.equal(
      'The first colour',
    );
    type(first, 'green');
    type(second, 'bl');
    // The server completes `second` as "<context.arguments.first>+<value>".
    await waitUntil(() => options(el, second)[0] === 'green+bl', 'context reached the server');

    buttonNamed(el, 'Get').click();
    await waitUntil(() => shadow(el).querySelector('mcp-result-view'), 'messages shown');
    const view = shadow(el).querySelector('mcp-result-view')!;
    await view.updateComplete;
    expect([...view.shadowRoot!.querySelectorAll('[part="role"]')].map((r) => r.textContent)).to.deep.equal([
      'User',
      'Assistant',
    ]);
    expect(view.shadowRoot!.textContent).to.include('Pair green with bl');
    expect(shadow(el).textContent).to.include('A pair of green');
  });

  it('shows a server error as an alert and forgets arguments when another prompt is chosen', async () => {
    const el = await list();
    buttonNamed(el, 'Colour pair').click();
    await el.updateComplete;
    type(inputLabelled(el, 'first'), 'red');
    buttonNamed(el, 'greet').click();
    await el.updateComplete;
    expect(inputLabelled(el, 'name').value).to.equal('');
    // Skip the browser's validation, as a script could: the server's refusal shows as an alert.
    shadow(el)
      .querySelector('form')!
      .dispatchEvent(new Event('submit', { cancelable: true }));
    await waitUntil(() => shadow(el).querySelector('[role="alert"]'), 'error shown');
    expect(shadow(el).querySelector('[role="alert"]')!.textContent).to.match(/name|invalid|required/i);
    el.selected = 'missing';
    await el.updateComplete;
    expect(shadow(el).querySelector('form')).to.equal(null);
  });

  it("lists a modern-era server's prompts, and asks nothing of a server without the prompts capability", async () => {
    const modern = new McpClient({ url: (await servers()).modern });
    await modern.connect();
    try {
      const el = await fixture<McpPromptList>(html`<mcp-prompt-list .client=${modern}></mcp-prompt-list>`);
      await waitUntil(() => shadow(el).querySelector('[part~="prompt"]'), 'listed');
      expect(shadow(el).querySelector('[part~="prompt"] .name')!.textContent).to.equal('greet');
      modern.serverCapabilities = { ...modern.serverCapabilities, prompts: undefined };
      modern.dispatchEvent(new CustomEvent('promptschanged'));
      await waitUntil(() => shadow(el).textContent!.includes('This server offers no prompts.'), 'empty');
      await expect(el).to.be.accessible();
    } finally {
      await modern.close();
    }
  });
});
