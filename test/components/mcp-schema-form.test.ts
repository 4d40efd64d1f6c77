import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/mcp-schema-form/define.js';
import type { McpSchemaForm } from '../../src/components/mcp-schema-form/mcp-schema-form.js';
import type { JsonSchema } from '../../src/core/protocol/types.js';

type Control = HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement;

/** The control labelled `name` (label text without the required marker). */
function field(el: McpSchemaForm, name: string): Control {
  const root = el.shadowRoot!;
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent!.replace('*', '').trim() === name);
  if (!label)
    throw new Error(
      `no field labelled ${name}; labels: ${[...root.querySelectorAll('label')].map((l) => l.textContent!.trim()).join(' | ')}`,
    );
  return root.getElementById(label.htmlFor) as Control;
}

/** The button whose accessible name is `name`. */
function button(el: McpSchemaForm, name: string): HTMLButtonElement {
  const b = [...el.shadowRoot!.querySelectorAll('button')].find(
    (x) => (x.getAttribute('aria-label') ?? x.textContent!.trim()) === name,
  );
  if (!b) throw new Error(`no button ${name}`);
  return b;
}

const focused = (el: McpSchemaForm) => el.shadowRoot!.activeElement as HTMLElement | null;

async function type(el: McpSchemaForm, name: string, text: string) {
  const c = field(el, name);
  c.value = text;
  c.dispatchEvent(new Event(c.tagName === 'SELECT' ? 'change' : 'input'));
  await el.updateComplete;
}

const tool: JsonSchema = {
  type: 'object',
  required: ['name', 'count'],
  properties: {
    name: {
      type: 'string',
      title: 'Full name',
      description: 'As on your passport',
      minLength: 2,
      examples: ['Ada Lovelace'],
    },
    email: { type: 'string', format: 'email' },
    count: { type: 'integer', minimum: 1 },
    ratio: { type: 'number', maximum: 1 },
    when: { type: 'string', format: 'date' },
    at: { type: 'string', format: 'date-time' },
    site: { type: 'string', format: 'uri' },
    code: { type: 'string', pattern: '^[A-Z]{3}$' },
    agree: { type: 'boolean' },
    color: { type: 'string', enum: ['r', 'g'], enumNames: ['Red', 'Green'] },
    size: {
      type: 'string',
      oneOf: [
        { const: 's', title: 'Small' },
        { const: 'l', title: 'Large' },
      ],
    },
    note: { type: ['string', 'null'] },
    old: { type: 'string', deprecated: true },
    version: { const: 'v1' },
    address: { type: 'object', properties: { city: { type: 'string' } } },
    tags: { type: 'array', title: 'Tags', items: { type: 'string' } },
    meta: { type: 'object', title: 'Headers', additionalProperties: { type: 'string' } },
    raw: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] },
  },
};

describe('<mcp-schema-form>', () => {
  it('labels every field by title, else name, and marks required fields for everyone', async () => {
    const el = await fixture<McpSchemaForm>(html`<mcp-schema-form .schema=${tool}></mcp-schema-form>`);
    const name = field(el, 'Full name');
    expect(name.getAttribute('aria-required')).to.equal('true');
    expect(name.placeholder).to.equal('Ada Lovelace');
    const help = el.shadowRoot!.getElementById(name.getAttribute('aria-describedby')!)!;
    expect(help.textContent).to.equal('As on your passport');
    expect(name.closest('[part~=field]')!.querySelector('.required')!.getAttribute('aria-hidden')).to.equal('true');
    expect(field(el, 'email').type).to.equal('email');
    expect(field(el, 'email').hasAttribute('aria-required')).to.equal(false);
    expect(field(el, 'count').inputMode).to.equal('numeric');
    expect(field(el, 'when').type).to.equal('date');
    expect(field(el, 'at').type).to.equal('datetime-local');
    expect(field(el, 'site').type).to.equal('url');
    expect(field(el, 'agree').type).to.equal('checkbox');
    expect([...field(el, 'color').options].map((o) => o.text)).to.deep.equal(['(none)', 'Red', 'Green']);
    expect([...field(el, 'size').options].map((o) => o.text)).to.deep.equal(['(none)', 'Small', 'Large']);
    expect(field(el, 'version').readOnly).to.equal(true);
    expect(field(el, 'old').closest('[part~=field]')!.textContent).to.contain('Deprecated.');
    expect(field(el, 'raw').getAttribute('part')).to.equal('json-editor');
    expect(el.shadowRoot!.querySelector('legend')!.textContent).to.contain('address');
    button(el, 'Add item to Tags');
    button(el, 'Add entry to Headers');
  });

  it('produces the arguments as typed: numbers as numbers, empty optional fields left out', async () => {
    const el = await fixture<McpSchemaForm>(html`<mcp-schema-form .schema=${tool}></mcp-schema-form>`);
    const input = oneEvent(el, 'mcp-form-input');
    await type(el, 'Full name', 'Ada');
    expect((await input).detail).to.deep.equal({ name: 'Ada', version: 'v1' });
    await type(el, 'count', '3');
    await type(el, 'ratio', '0.5');
    await type(el, 'when', '2024-02-03');
    await type(el, 'color', '1');
    await type(el, 'size', '1');
    await type(el, 'city', 'Paris');
    await type(el, 'raw', '["a", 1]');
    field(el, 'agree').click();
    await el.updateComplete;
    expect(el.value).to.deep.equal({
      name: 'Ada',
      count: 3,
      ratio: 0.5,
      when: '2024-02-03',
      agree: true,
      color: 'g',
      size: 'l',
      version: 'v1',
      address: { city: 'Paris' },
      raw: ['a', 1],
    });
    expect(el.validate()).to.equal(true);
  });

  it('validates before send: shows each error on its field and focuses the first', async () => {
    const el = await fixture<McpSchemaForm>(html`<mcp-schema-form .schema=${tool}></mcp-schema-form>`);
    await type(el, 'Full name', 'A');
    await type(el, 'email', 'nope');
    await type(el, 'code', 'abc');
    await type(el, 'raw', '[1,');
    expect(el.validate()).to.equal(false);
    await el.updateComplete;
    const name = field(el, 'Full name');
    expect(focused(el)).to.equal(name);
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    const described = name
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => el.shadowRoot!.getElementById(id)!.textContent);
    expect(described).to.include('Enter at least 2 characters.');
    const errorOf = (n: string) =>
      el.shadowRoot!.getElementById(field(el, n).getAttribute('aria-describedby')!.split(' ').pop()!)!.textContent;
    expect(errorOf('email')).to.equal('Enter a valid email.');
    expect(errorOf('count')).to.equal('This field is required.');
    expect(errorOf('code')).to.contain('^[A-Z]{3}$');
    expect(errorOf('raw')).to.contain('Not valid JSON');
    await type(el, 'Full name', 'Ada');
    expect(name.getAttribute('aria-invalid')).to.equal('false');
  });

  it('presets values, shows locked names read-only and sends them, and disables everything', async () => {
    const el = await fixture<McpSchemaForm>(
      html`<mcp-schema-form .schema=${tool} .value=${{ name: 'Ada', count: 2, color: 'r' }} .locked=${['name']}></mcp-schema-form>`,
    );
    expect(field(el, 'Full name').readOnly).to.equal(true);
    expect(field(el, 'Full name').value).to.equal('Ada');
    expect(field(el, 'count').value).to.equal('2');
    expect(field(el, 'color').value).to.equal('0');
    expect(el.value).to.deep.include({ name: 'Ada', count: 2, color: 'r' });
    el.disabled = true;
    await el.updateComplete;
    expect((el.shadowRoot!.querySelector('fieldset[part=form]') as HTMLFieldSetElement).disabled).to.equal(true);
  });

  it('keeps what was typed when an equal schema is set again, and what still fits a changed one', async () => {
    const el = await fixture<McpSchemaForm>(html`<mcp-schema-form .schema=${tool}></mcp-schema-form>`);
    await type(el, 'Full name', 'Ada');
    await type(el, 'count', '12x'); // not yet a number: kept as typed
    el.schema = structuredClone(tool);
    await el.updateComplete;
    expect(field(el, 'Full name').value).to.equal('Ada');
    expect(field(el, 'count').value).to.equal('12x');
    el.schema = { type: 'object', properties: { name: { type: 'string' }, extra: { type: 'string' } } };
    await el.updateComplete;
    expect(field(el, 'name').value).to.equal('Ada');
  });

  it('fills an array of objects with the keyboard alone: add, type, reorder, remove', async () => {
    const schema = {
      type: 'object',
      required: ['people'],
      properties: {
        people: {
          type: 'array',
          title: 'People',
          items: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string' }, age: { type: 'integer' } },
          },
        },
      },
    };
    const wrap = await fixture(
      html`<div><button>before</button><mcp-schema-form .schema=${schema}></mcp-schema-form></div>`,
    );
    const el = wrap.querySelector('mcp-schema-form')!;
    wrap.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.textContent).to.equal('Add item to People');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(focused(el)).to.equal(field(el, 'name'));
    await sendKeys({ type: 'Ada' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '36' });
    await sendKeys({ press: 'Tab' }); // Move up and Move down are disabled for a single item
    expect(focused(el)?.getAttribute('aria-label')).to.equal('Remove item 1 of People');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    await sendKeys({ type: 'Bob' });
    expect(el.value).to.deep.equal({ people: [{ name: 'Ada', age: 36 }, { name: 'Bob' }] });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.getAttribute('aria-label')).to.equal('Move up item 2 of People');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.value).to.deep.equal({ people: [{ name: 'Bob' }, { name: 'Ada', age: 36 }] });
    expect(focused(el)?.getAttribute('aria-label')).to.equal('Move down item 1 of People');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.getAttribute('aria-label')).to.equal('Remove item 1 of People');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.value).to.deep.equal({ people: [{ name: 'Ada', age: 36 }] });
    expect(el.validate()).to.equal(true);
  });

  it('fills a oneOf of object shapes with the keyboard alone through a labelled picker', async () => {
    const schema = {
      type: 'object',
      required: ['shape'],
      properties: {
        shape: {
          title: 'Shape',
          oneOf: [
            {
              type: 'object',
              title: 'Circle',
              required: ['kind', 'r'],
              properties: { kind: { const: 'circle' }, r: { type: 'number', title: 'Radius' } },
            },
            {
              type: 'object',
              title: 'Square',
              required: ['kind', 'side'],
              properties: { kind: { const: 'square' }, side: { type: 'number', title: 'Side' } },
            },
          ],
        },
      },
    };
    const wrap = await fixture(
      html`<div><button>before</button><mcp-schema-form .schema=${schema}></mcp-schema-form></div>`,
    );
    const el = wrap.querySelector('mcp-schema-form')!;
    wrap.querySelector('button')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(field(el, 'Shape'));
    expect(focused(el)!.getAttribute('part')).to.equal('variant');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(field(el, 'Side'));
    await sendKeys({ type: '3' });
    expect(el.value).to.deep.equal({ shape: { kind: 'square', side: 3 } });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '2' });
    expect(el.value).to.deep.equal({ shape: { kind: 'circle', r: 2 } });
    expect(el.validate()).to.equal(true);
  });

  it('renders the restricted elicitation schema: single and multi-select, titled and untitled, legacy enumNames', async () => {
    const schema = {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', title: 'Name', default: 'Ada' },
        plan: { type: 'string', title: 'Plan', enum: ['f', 'p'], enumNames: ['Free', 'Pro'] },
        level: {
          type: 'string',
          oneOf: [
            { const: 'lo', title: 'Low' },
            { const: 'hi', title: 'High' },
          ],
          default: 'hi',
        },
        days: { type: 'array', title: 'Days', items: { type: 'string', enum: ['mon', 'tue'] }, default: ['tue'] },
        fruit: {
          type: 'array',
          title: 'Fruit',
          items: {
            anyOf: [
              { const: 'a', title: 'Apple' },
              { const: 'b', title: 'Banana' },
            ],
          },
        },
        age: { type: 'integer', minimum: 0, maximum: 150 },
        ok: { type: 'boolean', default: true },
      },
    };
    const el = await fixture<McpSchemaForm>(html`<mcp-schema-form .schema=${schema}></mcp-schema-form>`);
    expect(el.value).to.deep.equal({ name: 'Ada', level: 'hi', days: ['tue'], ok: true });
    field(el, 'Banana').click();
    field(el, 'mon').click();
    await type(el, 'Plan', '1');
    expect(el.value).to.deep.equal({
      name: 'Ada',
      plan: 'p',
      level: 'hi',
      days: ['mon', 'tue'],
      fruit: ['b'],
      ok: true,
    });
    await expect(el).to.be.accessible();
  });

  it('edits key/value maps and rejects duplicate keys', async () => {
    const schema = {
      type: 'object',
      properties: { env: { type: 'object', title: 'Env', additionalProperties: { type: 'string' } } },
    };
    const el = await fixture<McpSchemaForm>(
      html`<mcp-schema-form .schema=${schema} .value=${{ env: { A: '1' } }}></mcp-schema-form>`,
    );
    expect(field(el, 'Key 1 of Env').value).to.equal('A');
    button(el, 'Add entry to Env').click();
    await el.updateComplete;
    await type(el, 'Key 2 of Env', 'B');
    await type(el, 'Value 2 of Env', '2');
    expect(el.value).to.deep.equal({ env: { A: '1', B: '2' } });
    await type(el, 'Key 2 of Env', 'A');
    expect(el.validate()).to.equal(false);
    button(el, 'Remove entry 2 of Env').click();
    await el.updateComplete;
    expect(el.validate()).to.equal(true);
  });

  it('falls back to a JSON editor for that field only, checked against its schema', async () => {
    const schema = {
      type: 'object',
      properties: {
        pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false },
        n: { type: 'string' },
      },
    };
    const el = await fixture<McpSchemaForm>(html`<mcp-schema-form .schema=${schema}></mcp-schema-form>`);
    const pair = field(el, 'pair');
    expect(pair.tagName).to.equal('TEXTAREA');
    expect(field(el, 'n').tagName).to.equal('INPUT');
    await type(el, 'pair', '["a", "b"]');
    expect(el.validate()).to.equal(false);
    await el.updateComplete;
    expect(pair.getAttribute('aria-invalid')).to.equal('true');
    await type(el, 'pair', '["a", 2]');
    expect(el.validate()).to.equal(true);
    expect(el.value).to.deep.equal({ pair: ['a', 2] });
  });

  it('expands a recursive $ref only when asked', async () => {
    const schema = {
      type: 'object',
      properties: { tree: { $ref: '#/$defs/node', title: 'Tree' } },
      $defs: {
        node: {
          type: 'object',
          properties: { label: { type: 'string' }, child: { $ref: '#/$defs/node', title: 'Child' } },
        },
      },
    };
    const el = await fixture<McpSchemaForm>(html`<mcp-schema-form .schema=${schema}></mcp-schema-form>`);
    expect(el.shadowRoot!.querySelectorAll('input').length).to.equal(1);
    button(el, 'Add Child').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('input').length).to.equal(2);
    await type(el, 'label', 'root');
    expect(el.value).to.deep.equal({ tree: { label: 'root', child: {} } });
    button(el, 'Remove Child').click();
    await el.updateComplete;
    expect(el.value).to.deep.equal({ tree: { label: 'root' } });
  });

  it('shows no controls for a tool without parameters', async () => {
    for (const schema of [{ type: 'object' }, { type: 'object', properties: {}, additionalProperties: false }]) {
      const el = await fixture<McpSchemaForm>(html`<mcp-schema-form .schema=${schema}></mcp-schema-form>`);
      expect(el.shadowRoot!.querySelectorAll('input, select, textarea').length).to.equal(0);
      expect(el.value).to.deep.equal({});
      expect(el.validate()).to.equal(true);
    }
  });

  it('refuses to treat a network $ref as permissive and never fetches it', async () => {
    const fetched: string[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => fetched.push(e.name)));
    observer.observe({ type: 'resource' });
    const schema = { type: 'object', properties: { r: { $ref: 'https://schemas.invalid/x.json' } } };
    const el = await fixture<McpSchemaForm>(html`<mcp-schema-form .schema=${schema}></mcp-schema-form>`);
    expect(el.shadowRoot!.textContent).to.contain('never fetched');
    await type(el, 'r', '"x"');
    expect(el.validate()).to.equal(false);
    observer.disconnect();
    expect(fetched.filter((u) => u.includes('schemas.invalid'))).to.deep.equal([]);
  });

  describe('hostile schemas render a message and leave the page responsive', () => {
    const nested = (levels: number) => {
      let s: Record<string, unknown> = { type: 'string' };
      for (let i = 0; i < levels; i++) s = { type: 'object', properties: { a: s } };
      return s;
    };

    it('a 50-level schema', async () => {
      const el = await fixture<McpSchemaForm>(html`<mcp-schema-form .schema=${nested(50)}></mcp-schema-form>`);
      expect(el.shadowRoot!.querySelector('[part=json-editor]')).to.not.equal(null);
      expect(el.shadowRoot!.textContent).to.contain('Nested too deeply');
    });

    it('a 1,000-level schema', async () => {
      const el = await fixture<McpSchemaForm>(html`<mcp-schema-form .schema=${nested(1000)}></mcp-schema-form>`);
      expect(el.shadowRoot!.textContent).to.contain('Nested too deeply');
      expect(el.validate()).to.equal(true);
    });

    it('a $ref cycle', async () => {
      const schema = {
        type: 'object',
        properties: { a: { $ref: '#/$defs/a' } },
        $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } },
      };
      const el = await fixture<McpSchemaForm>(html`<mcp-schema-form .schema=${schema}></mcp-schema-form>`);
      expect(el.shadowRoot!.textContent).to.contain('refers to itself');
      await type(el, 'a', '1');
      expect(el.validate()).to.equal(false);
    });

    it('a 10,000-property schema', async () => {
      const properties = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`p${i}`, { type: 'string' }]));
      const el = await fixture<McpSchemaForm>(
        html`<mcp-schema-form .schema=${{ type: 'object', properties }}></mcp-schema-form>`,
      );
      expect(el.shadowRoot!.textContent).to.contain('Too many properties');
      expect(el.shadowRoot!.querySelectorAll('input, textarea').length).to.equal(1);
    });
  });

  it('keeps __proto__ keys as data', async () => {
    const schema = JSON.parse(
      '{"type":"object","properties":{"__proto__":{"type":"object","properties":{"polluted":{"type":"string"}}}}}',
    );
    const el = await fixture<McpSchemaForm>(html`<mcp-schema-form .schema=${schema}></mcp-schema-form>`);
    await type(el, 'polluted', 'yes');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(JSON.stringify(el.value)).to.equal('{"__proto__":{"polluted":"yes"}}');
  });

  it('is accessible, also while showing errors', async () => {
    const el = await fixture<McpSchemaForm>(
      html`<mcp-schema-form .schema=${tool} .value=${{ tags: ['a', 'b'], meta: { k: 'v' } }}></mcp-schema-form>`,
    );
    await expect(el).to.be.accessible();
    el.validate();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
