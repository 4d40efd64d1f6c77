import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/mcp-tool-form/define.js';
import type { McpToolForm } from '../../src/components/mcp-tool-form/mcp-tool-form.js';
import type { McpClient } from '../../src/client.js';
import type { McpToolResultEvent } from '../../src/events/events.js';
import { buttonNamed, connectedClient, toolFormFixture } from '../helpers.js';

// Every keyword family through <mcp-tool-form> to a real server (servers/zoo.mjs), which
// answers with the arguments it received: what the form builds is what the server gets.
const received = (el: McpToolForm) =>
  (oneEvent(el, 'mcp-tool-result') as unknown as Promise<McpToolResultEvent>).then(
    (e) => (e.result!.structuredContent as { received: unknown }).received,
  );
const formReady = (el: McpToolForm) =>
  waitUntil(
    () => el.shadowRoot!.querySelector('mcp-schema-form')?.shadowRoot?.querySelector('fieldset'),
    'form rendered',
    { timeout: 10_000 },
  );

const cases: [string, Record<string, unknown>][] = [
  ['strings', { email: 'ada@example.com', site: 'https://example.com/a', day: '2026-11-22', code: 'ABC', nick: 'ada' }],
  ['numbers', { count: 7, ratio: 0.25 }],
  ['choices', { color: 'green', size: 'l', fixed: 'x', flag: true, note: 'hi' }],
  ['nested', { address: { street: 'Rua A', city: 'Lisbon' } }],
  ['arrays', { tags: ['a', 'b'], people: [{ name: 'Ada', age: 36 }, { name: 'Bob' }] }],
  ['shapes', { shape: { kind: 'square', side: 3 } }],
  ['maps', { labels: { env: 'prod', team: 'core' } }],
  ['tree', { root: { name: 'a', child: { name: 'b' } } }],
];

describe('<mcp-tool-form> on every keyword family, checked by what the server received', () => {
  let client: McpClient;
  before(async () => (client = await connectedClient('zoo')));
  after(() => client.close());

  /** The form of `tool` after a button that has the focus: where a keyboard user Tabs into it from. */
  async function formAfterFocusedButton(tool: string): Promise<McpToolForm> {
    const wrap = await fixture(
      html`<div><button>before</button><mcp-tool-form tool=${tool} .client=${client}></mcp-tool-form></div>`,
    );
    const el = wrap.querySelector('mcp-tool-form')!;
    await formReady(el);
    wrap.querySelector('button')!.focus();
    return el;
  }

  for (const [tool, args] of cases) {
    it(`${tool}: preset values round-trip through the form to the server`, async () => {
      const el = await toolFormFixture(
        html`<mcp-tool-form tool=${tool} .client=${client} .values=${args}></mcp-tool-form>`,
      );
      const got = received(el);
      buttonNamed(el.shadowRoot!, 'Run').click();
      expect(await got).to.deep.equal(args);
    });
  }

  it('refuses to send what the schema forbids (pattern, bounds) and says where', async () => {
    const el = await toolFormFixture(
      html`<mcp-tool-form tool="strings" .client=${client} .values=${{ email: 'ada@example.com', code: 'abc' }}></mcp-tool-form>`,
    );
    let calls = 0;
    el.addEventListener('mcp-tool-call', () => calls++);
    buttonNamed(el.shadowRoot!, 'Run').click();
    await el.updateComplete;
    expect(calls).to.equal(0);
    expect(el.shadowRoot!.querySelector('mcp-schema-form')!.shadowRoot!.querySelector('[aria-invalid="true"]')).to
      .exist;
  });

  it('fills an array of objects and runs it with the keyboard alone', async () => {
    const el = await formAfterFocusedButton('arrays');
    await sendKeys({ press: 'Tab' }); // Add item to Tags
    await sendKeys({ press: 'Tab' }); // Add item to People
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'Ada' }); // name
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '36' }); // age
    const got = received(el);
    // Tab on to Run and press it: Remove item, Add item to People, then Run.
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    expect(await got).to.deep.equal({ people: [{ name: 'Ada', age: 36 }] });
  });

  it('picks a oneOf variant, fills it and runs it with the keyboard alone', async () => {
    const el = await formAfterFocusedButton('shapes');
    await sendKeys({ press: 'Tab' }); // the Shape picker
    await sendKeys({ press: 'ArrowDown' }); // Square
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '4' }); // Side
    const got = received(el);
    await sendKeys({ press: 'Enter' }); // submits the form from a text field
    expect(await got).to.deep.equal({ shape: { kind: 'square', side: 4 } });
  });
});
