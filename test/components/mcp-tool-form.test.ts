import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/mcp-tool-form/define.js';
import type { McpToolForm } from '../../src/components/mcp-tool-form/mcp-tool-form.js';
import type { McpClient } from '../../src/client.js';
import type { Tool } from '../../src/client.js';
import type { McpToolResultEvent } from '../../src/events/events.js';

const resultOf = (el: Element) => oneEvent(el, 'mcp-tool-result') as unknown as Promise<McpToolResultEvent>;
import {
  buttonNamed,
  connectedClient,
  controlByLabel,
  formOf,
  freshStore,
  servers,
  toolFormFixture,
  typeInto,
} from '../helpers.js';

const resultText = (el: McpToolForm) => el.shadowRoot!.querySelector('mcp-result-view')?.shadowRoot?.textContent ?? '';

describe('<mcp-tool-form>', () => {
  let client: McpClient;
  before(async () => (client = await connectedClient('legacy')));
  after(() => client.close());

  it('renders the tool schema as fields, runs with the typed arguments and shows the result', async () => {
    const el = await toolFormFixture(html`<mcp-tool-form tool="add" .client=${client}></mcp-tool-form>`);
    typeInto(controlByLabel(formOf(el), 'a'), '40');
    typeInto(controlByLabel(formOf(el), 'b'), '2');
    const done = resultOf(el);
    buttonNamed(el.shadowRoot!, 'Run').click();
    const event = await done;
    expect(event.arguments).to.deep.equal({ a: 40, b: 2 });
    expect(event.result!.structuredContent).to.deep.equal({ sum: 42 });
    await el.updateComplete;
    await waitUntil(() => resultText(el).includes('42'), 'result shown');
  });

  it('does not call the server when the form is invalid', async () => {
    const el = await toolFormFixture(html`<mcp-tool-form tool="echo" .client=${client}></mcp-tool-form>`);
    let called = false;
    el.addEventListener('mcp-tool-call', () => (called = true));
    buttonNamed(el.shadowRoot!, 'Run').click();
    await el.updateComplete;
    expect(called).to.equal(false);
    expect(formOf(el).shadowRoot!.querySelector('[aria-invalid="true"]')).to.exist;
  });

  it('lets the host veto a call with preventDefault on mcp-tool-call', async () => {
    const el = await toolFormFixture(
      html`<mcp-tool-form tool="echo" .client=${client} .values=${{ message: 'vetoed' }}></mcp-tool-form>`,
    );
    let veto = true;
    el.addEventListener('mcp-tool-call', (e) => veto && e.preventDefault());
    const results: McpToolResultEvent[] = [];
    el.addEventListener('mcp-tool-result', (e) => results.push(e as McpToolResultEvent));
    buttonNamed(el.shadowRoot!, 'Run').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=progress]') !== null, 'running after a veto').to.equal(false);
    // A second, allowed run on the same client: had the vetoed call gone out, its result would come first.
    veto = false;
    el.values = { message: 'allowed' };
    await el.updateComplete;
    await formOf(el).updateComplete;
    const done = resultOf(el);
    buttonNamed(el.shadowRoot!, 'Run').click();
    await done;
    expect(results.map((r) => r.arguments)).to.deep.equal([{ message: 'allowed' }]);
  });

  it('shows progress and a Cancel button while running; cancelling keeps what was typed', async () => {
    const el = await toolFormFixture(html`<mcp-tool-form tool="slow" .client=${client}></mcp-tool-form>`);
    typeInto(controlByLabel(formOf(el), 'steps'), '20');
    typeInto(controlByLabel(formOf(el), 'delayMs'), '100');
    buttonNamed(el.shadowRoot!, 'Run').click();
    await waitUntil(
      () => el.shadowRoot!.querySelector('[part=progress]')?.textContent?.includes('of 20'),
      'progress shown',
    );
    buttonNamed(el.shadowRoot!, 'Cancel').click();
    await waitUntil(
      () => el.shadowRoot!.querySelector('[part=error]')?.textContent?.includes('Cancelled'),
      'cancelled',
    );
    expect(controlByLabel(formOf(el), 'steps').value).to.equal('20');
  });

  it('keeps the typed input when a call fails, and shows the error', async () => {
    const ghost: Tool = {
      name: 'no_such_tool',
      inputSchema: { type: 'object', properties: { note: { type: 'string' } } },
    };
    const el = await toolFormFixture(
      html`<mcp-tool-form tool="no_such_tool" .definition=${ghost} .client=${client}></mcp-tool-form>`,
    );
    typeInto(controlByLabel(formOf(el), 'note'), 'precious words');
    buttonNamed(el.shadowRoot!, 'Run').click();
    // SDK servers report an unknown tool as a tool error (isError), which the result view shows as an alert.
    const alertText = () =>
      el.shadowRoot!.querySelector('mcp-result-view')?.shadowRoot?.querySelector('[role=alert]')?.textContent ??
      el.shadowRoot!.querySelector('[part=error]')?.textContent;
    await waitUntil(alertText, 'error shown');
    expect(alertText()).to.contain('no_such_tool');
    expect(controlByLabel(formOf(el), 'note').value).to.equal('precious words');
  });

  it('asks before running a tool whose annotations say destructive', async () => {
    const tool: Tool = {
      name: 'echo',
      annotations: { destructiveHint: true },
      inputSchema: { type: 'object', properties: { message: { type: 'string' } } },
    };
    const el = await toolFormFixture(
      html`<mcp-tool-form tool="echo" .definition=${tool} .client=${client} .values=${{ message: 'boom' }}></mcp-tool-form>`,
    );
    let calls = 0;
    el.addEventListener('mcp-tool-call', () => calls++);
    buttonNamed(el.shadowRoot!, 'Run').click();
    await el.updateComplete;
    expect(calls).to.equal(0);
    expect(el.shadowRoot!.querySelector('[part=confirm]')!.textContent).to.contain('may change or delete data');
    const done = resultOf(el);
    buttonNamed(el.shadowRoot!, 'Run anyway').click();
    expect((await done).result!.content[0]).to.deep.include({ text: 'Echo: boom' });
  });

  it('sends locked arguments and does not let the user change them', async () => {
    const el = await toolFormFixture(
      html`<mcp-tool-form tool="add" .client=${client} .values=${{ a: 5 }} .locked=${['a']}></mcp-tool-form>`,
    );
    const a = controlByLabel(formOf(el), 'a');
    expect(a.readOnly || a.disabled).to.equal(true);
    typeInto(controlByLabel(formOf(el), 'b'), '1');
    const done = resultOf(el);
    buttonNamed(el.shadowRoot!, 'Run').click();
    expect((await done).arguments).to.deep.equal({ a: 5, b: 1 });
  });

  it('works standalone with its own url', async () => {
    const el = await toolFormFixture(
      html`<mcp-tool-form tool="echo" url=${(await servers()).legacy} .store=${freshStore('mcp-tool-form-test')} .values=${{ message: 'solo' }}></mcp-tool-form>`,
    );
    const done = resultOf(el);
    buttonNamed(el.shadowRoot!, 'Run').click();
    expect((await done).result!.content[0]).to.deep.include({ text: 'Echo: solo' });
  });

  it('is accessible', async () => {
    const el = await toolFormFixture(html`<mcp-tool-form tool="add" .client=${client}></mcp-tool-form>`);
    await expect(el).to.be.accessible();
  });
});
