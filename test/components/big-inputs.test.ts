import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { McpClient } from '../../src/client.js';
import '../../src/components/mcp-log-view/define.js';
import '../../src/components/mcp-result-view/define.js';
import '../../src/components/mcp-schema-form/define.js';
import type { McpLogView } from '../../src/components/mcp-log-view/mcp-log-view.js';
import type { McpResultView } from '../../src/components/mcp-result-view/mcp-result-view.js';
import type { McpSchemaForm } from '../../src/components/mcp-schema-form/mcp-schema-form.js';
import type { CallToolResult, JsonSchema } from '../../src/core/protocol/types.js';
import { servers, typeInto } from '../helpers.js';

// Big inputs are taken in whole and leave the widget usable: all of a 10 MB text is shown, a log of
// 100,000 lines keeps a bounded view, a 2,000-field schema becomes one JSON editor that validates.
// How long their tasks run (the target: none over 200 ms) is measured in bench/big-inputs.mjs, not
// asserted here: a timing bound in a test fails on a busy machine without any change of behaviour.

const shadow = (el: Element) => el.shadowRoot!;

describe('big inputs', () => {
  it('a 10 MB text result (from the hostile server) is fetched and shown in full', async () => {
    const client = new McpClient({ url: (await servers()).hostile });
    await client.connect();
    try {
      const el = await fixture<McpResultView>(html`<mcp-result-view></mcp-result-view>`);
      const result: CallToolResult = await client.callTool('big_text');
      el.result = result;
      await el.updateComplete;
      expect(result.content[0].type).to.equal('text');
      expect(shadow(el).textContent!.length, 'all of the text is shown').to.be.greaterThan(10_000_000);
    } finally {
      await client.close();
    }
  });

  it('a log of 100,000 lines from the server keeps a bounded view of the newest lines', async () => {
    const client = new McpClient({ url: (await servers()).legacy });
    await client.connect();
    try {
      const el = await fixture<McpLogView>(html`<mcp-log-view .client=${client} .max=${500}></mcp-log-view>`);
      const entries = () => shadow(el).querySelectorAll('[part~="entry"]');
      await client.callTool('notify_later', { delayMs: 0, count: 100_000 });
      await waitUntil(
        () => [...entries()].some((e) => e.textContent!.includes('later 100000')),
        'the last line shown',
        { timeout: 120_000, interval: 200 },
      );
      expect(entries().length, 'bounded view').to.be.at.most(500);
      expect(entries()[0].textContent, 'oldest lines dropped').to.not.include('later 1 ');
    } finally {
      await client.close();
    }
  }).timeout(150_000);

  // Over 500 properties (LIMITS.properties) an object is edited as JSON rather than as 2,000 fields.
  it('a 2,000-field schema opens as one JSON editor that validates what is typed', async () => {
    const properties: Record<string, JsonSchema> = {};
    for (let i = 0; i < 2000; i++)
      properties[`field_${i}`] =
        i % 3 === 0
          ? { type: 'integer', minimum: 0 }
          : i % 3 === 1
            ? { type: 'boolean' }
            : { type: 'string', description: `Field ${i}` };
    const schema: JsonSchema = { type: 'object', title: 'Wide', properties, required: ['field_0'] };
    const el = await fixture<McpSchemaForm>(html`<mcp-schema-form .schema=${schema}></mcp-schema-form>`);
    await el.updateComplete;
    const editor = shadow(el).querySelector<HTMLTextAreaElement>('textarea[part~=json-editor]')!;
    expect(editor, 'the arguments as one JSON editor').to.exist;
    typeInto(editor, '{"field_0": -1');
    await el.updateComplete;
    expect(el.validate(), 'field_0 below its minimum is refused').to.equal(false);
    for (const text of ['{', '{"field_0": 1', '{"field_0": 1, "field_2": "hello"}']) {
      typeInto(editor, text);
      await el.updateComplete;
    }
    expect(el.validate(), 'valid against the 2,000-field schema').to.equal(true);
    expect(el.value).to.deep.equal({ field_0: 1, field_2: 'hello' });
  });
});
