import './guard.js'; // first: it watches every shadow root from its creation
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { McpClient } from '../../src/client.js';
import type { McpLogView } from '../../src/components/mcp-log-view/mcp-log-view.js';
import type { McpResultView } from '../../src/components/mcp-result-view/mcp-result-view.js';
import type { McpSchemaForm } from '../../src/components/mcp-schema-form/mcp-schema-form.js';
import type { CallToolResult, JsonSchema, Tool } from '../../src/core/protocol/types.js';
import { servers } from '../helpers.js';
import { allElements, deepText, expectSafe, Tally } from './guard.js';

// The elements one by one with what the hostile server sends, where the whole widget does not
// reach: the log from the first message of the GET stream, raw structured content, resource links
// read through the client, the `__proto__` schema on its own. And a check that the guard itself
// notices what it is there to notice.

const tally = new Tally('individual elements');
after(() => tally.report());

const SCRIPT = '<script>window.__pwned=1</script>';
const root = (el: Element) => el.shadowRoot!;

describe('hostile server: the elements one by one', () => {
  let client: McpClient;
  let log: McpLogView;
  let tools: Tool[];

  before(async () => {
    client = new McpClient({ url: (await servers()).hostile });
  });
  after(() => client.close());

  it('<mcp-log-view> shows GET-stream log lines and protocol errors as text, from the first one', async () => {
    log = await fixture<McpLogView>(html`<mcp-log-view .client=${client}></mcp-log-view>`);
    await client.connect();
    await waitUntil(
      () =>
        log.entries.some((e) => e.text === 'hostile stream ready') &&
        log.entries.filter((e) => e.source === 'error').length >= 4,
      'log filled',
      { timeout: 10_000 },
    );
    await log.updateComplete;
    expect(deepText(root(log))).to.contain(SCRIPT);
    expect(
      log.entries
        .filter((e) => e.source === 'error')
        .map((e) => e.text)
        .join('\n'),
    ).to.match(/JSON-RPC|JSON/);
    expectSafe(tally, 'log view');
    tools = await client.listTools();
  });

  it('<mcp-result-view> shows every hostile block, the raw JSON and links read through the client as text', async () => {
    const result = await client.callTool('script_everywhere');
    const view = await fixture<McpResultView>(
      html`<mcp-result-view .client=${client} .result=${result}></mcp-result-view>`,
    );
    expectSafe(tally, 'result view');
    [...root(view).querySelectorAll('button')].find((b) => b.textContent!.includes('JSON'))!.click();
    await view.updateComplete;
    expect(root(view).querySelector('[part=raw]')!.textContent).to.contain(SCRIPT);
    expectSafe(tally, 'raw structured content');
    const reads = [...root(view).querySelectorAll<HTMLButtonElement>('[part=link] button')];
    expect(reads.length).to.be.greaterThan(3);
    for (const [i, b] of reads.entries()) {
      b.click();
      await view.updateComplete;
      const inner = root(view).querySelectorAll<McpResultView>('mcp-result-view')[0];
      await waitUntil(
        () => inner && !inner.shadowRoot!.querySelector('[role=status]') && inner.shadowRoot!.textContent!.trim(),
        `link ${i} read`,
      );
      expectSafe(tally, `resource link ${i}`);
      b.click(); // close it again
      await view.updateComplete;
    }
  });

  it('<mcp-result-view> checks __proto__ structured content against a __proto__ output schema, as data', async () => {
    const tool = tools.find((t) => t.name === 'proto_keys')!;
    const result = (await client.callTool('proto_keys')) as CallToolResult;
    const view = await fixture<McpResultView>(
      html`<mcp-result-view .result=${result} .outputSchema=${tool.outputSchema}></mcp-result-view>`,
    );
    // The schema wants __proto__.polluted to be "no": the mismatch is reported, nothing is polluted.
    expect(root(view).querySelector('[part=structured] [role=alert]')).to.exist;
    expectSafe(tally, 'proto structured content');
  });

  it('<mcp-schema-form> fills __proto__, constructor and prototype fields as own keys', async () => {
    const tool = tools.find((t) => t.name === 'proto_keys')!;
    const form = await fixture<McpSchemaForm>(
      html`<mcp-schema-form .schema=${tool.inputSchema as JsonSchema}></mcp-schema-form>`,
    );
    expect(form.validate()).to.equal(true);
    const value = form.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
    expect(Object.keys(value)).to.include.members(['__proto__', 'constructor', 'prototype']);
    expectSafe(tally, 'proto schema form');
  });

  it('the guard notices script-capable nodes, even ones removed again', async () => {
    const host = await fixture(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    const img = document.createElement('img');
    img.setAttribute('onerror', 'void 0');
    shadow.append(img);
    img.remove(); // gone before the sweep: the MutationObserver still saw it
    await Promise.resolve();
    expect(() => expectSafe(new Tally('self-test'), 'self-test')).to.throw(/unsafe nodes/);
    const a = document.createElement('a');
    a.href = 'javascript:void 0';
    shadow.append(a);
    expect(allElements().includes(a)).to.equal(true);
    expect(() => expectSafe(new Tally('self-test'), 'self-test')).to.throw(/unsafe nodes/);
    a.remove();
    expectSafe(new Tally('self-test'), 'self-test clean again');
  });
});
