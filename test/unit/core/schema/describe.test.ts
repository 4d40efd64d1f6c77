import { describe, it } from 'node:test';
import { expect } from 'chai';
import { describeField, itemField, propertyField, variantField } from '../../../../src/core/schema/describe.js';
import { loadSchema } from '../../../../src/core/schema/document.js';
import { LIMITS } from '../../../../src/core/schema/limits.js';
import { fieldOf, nested } from './helpers.js';

const one = (x: unknown) => fieldOf({ x });

describe('describeField: one schema level as one form field', () => {
  it('maps string formats to input types and keeps constraints in the schema', () => {
    expect(one({ type: 'string', format: 'email' }).inputType).to.equal('email');
    expect(one({ type: 'string', format: 'uri' }).inputType).to.equal('url');
    expect(one({ type: 'string', format: 'date' }).inputType).to.equal('date');
    expect(one({ type: 'string', format: 'date-time' }).inputType).to.equal('datetime-local');
    expect(one({ type: 'string', format: 'time' }).inputType).to.equal('time');
    const f = one({ type: 'string', pattern: '^a', minLength: 1, maxLength: 3 });
    expect(f.kind).to.equal('text');
    // The validator gets a length-capped form of the pattern (core/schema/regex.ts).
    expect(f.schema).to.include({ 'x-mcp-pattern': '^a', minLength: 1, maxLength: 3 });
  });

  it('describes numbers, integers and booleans', () => {
    expect(one({ type: 'number', minimum: 0 })).to.include({ kind: 'number', integer: false });
    expect(one({ type: 'integer', multipleOf: 5 })).to.include({ kind: 'number', integer: true });
    expect(one({ type: 'boolean' }).kind).to.equal('boolean');
  });

  it('reads labels, help, placeholder, default, readOnly and deprecated', () => {
    const f = one({
      type: 'string',
      title: 'Name',
      description: 'Your name',
      examples: ['Ada'],
      default: 'Bob',
      readOnly: true,
      deprecated: true,
    });
    expect(f).to.include({
      title: 'Name',
      description: 'Your name',
      placeholder: 'Ada',
      default: 'Bob',
      readOnly: true,
      deprecated: true,
    });
  });

  it('turns enum (with legacy enumNames) and titled oneOf/anyOf consts into choices', () => {
    expect(one({ type: 'string', enum: ['a', 'b'] }).choices).to.deep.equal([
      { value: 'a', label: 'a' },
      { value: 'b', label: 'b' },
    ]);
    expect(
      one({ type: 'string', enum: ['r', 'g'], enumNames: ['Red', 'Green'] }).choices!.map((c) => c.label),
    ).to.deep.equal(['Red', 'Green']);
    const titled = one({
      type: 'string',
      oneOf: [
        { const: 'r', title: 'Red' },
        { const: 'g', title: 'Green' },
      ],
    });
    expect(titled.kind).to.equal('select');
    expect(titled.choices!.map((c) => c.label)).to.deep.equal(['Red', 'Green']);
    expect(one({ anyOf: [{ const: 1, title: 'One' }, { const: 2 }] }).choices!.map((c) => c.label)).to.deep.equal([
      'One',
      '2',
    ]);
    expect(one({ enum: [1, 2, 3] }).kind).to.equal('select');
    expect(one({ const: 'fixed' })).to.include({ kind: 'const', value: 'fixed' });
  });

  it('turns arrays of choices into multi-selects (untitled and titled elicitation shapes)', () => {
    const untitled = one({ type: 'array', items: { type: 'string', enum: ['a', 'b'] } });
    expect(untitled.kind).to.equal('multiselect');
    const titled = one({
      type: 'array',
      items: {
        anyOf: [
          { const: 'a', title: 'A' },
          { const: 'b', title: 'B' },
        ],
      },
    });
    expect(titled.kind).to.equal('multiselect');
    expect(titled.choices!.map((c) => c.label)).to.deep.equal(['A', 'B']);
  });

  it('collapses nullable unions to the non-null type', () => {
    expect(one({ type: ['string', 'null'] })).to.include({ kind: 'text', nullable: true });
    const f = one({ anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }], title: 'Count' });
    expect(f).to.include({ kind: 'number', integer: true, nullable: true, title: 'Count' });
    expect(f.schema.minimum).to.equal(1);
    expect(one({ oneOf: [{ type: 'null' }, { type: 'object', properties: { a: { type: 'string' } } }] })).to.include({
      kind: 'object',
      nullable: true,
    });
  });

  it('describes nested objects, arrays of objects and key/value maps', () => {
    const obj = one({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['b'] });
    expect(obj.properties).to.deep.equal([
      { name: 'a', schema: { type: 'string' }, required: false },
      { name: 'b', schema: { type: 'number' }, required: true },
    ]);
    const arr = one({ type: 'array', items: { type: 'object', properties: { n: { type: 'string' } } } });
    expect(arr.kind).to.equal('array');
    const doc = loadSchema({
      type: 'object',
      properties: { x: { type: 'array', items: { type: 'object', properties: { n: { type: 'string' } } } } },
    });
    const root = describeField(doc, doc.root);
    expect(itemField(doc, propertyField(doc, root, root.properties![0])).kind).to.equal('object');
    const map = one({ type: 'object', additionalProperties: { type: 'string' } });
    expect(map.kind).to.equal('object');
    expect(map.entries).to.deep.equal({ type: 'string' });
  });

  it('finds the discriminator of a union of object shapes', () => {
    const doc = loadSchema({
      type: 'object',
      properties: { shape: { oneOf: [{ $ref: '#/$defs/circle' }, { $ref: '#/$defs/square' }] } },
      $defs: {
        circle: {
          type: 'object',
          title: 'Circle',
          properties: { kind: { const: 'circle' }, r: { type: 'number' } },
          required: ['kind', 'r'],
        },
        square: {
          type: 'object',
          properties: { kind: { type: 'string', enum: ['square'] }, side: { type: 'number' } },
        },
      },
    });
    const root = describeField(doc, doc.root);
    const v = propertyField(doc, root, root.properties![0]);
    expect(v.kind).to.equal('variant');
    expect(v.discriminator).to.equal('kind');
    expect(v.variants!.map((x) => x.label)).to.deep.equal(['Circle', 'square']);
    expect(variantField(doc, v, 0).properties!.map((p) => p.name)).to.deep.equal(['kind', 'r']);
  });

  it('follows local $ref and $defs, merging annotations written next to the $ref', () => {
    const f = fieldOf({
      x: { $ref: '#/$defs/email', title: 'Work email' },
      $defs: { email: { type: 'string', format: 'email', title: 'Email' } },
    });
    expect(f).to.include({ kind: 'text', inputType: 'email', title: 'Work email' });
  });

  it('marks a recursive $ref so it is expanded only on demand', () => {
    const doc = loadSchema({
      type: 'object',
      properties: { root: { $ref: '#/$defs/node' } },
      $defs: { node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } } } },
    });
    const root = describeField(doc, doc.root);
    const node = propertyField(doc, root, root.properties![0]);
    expect(node.recursive).to.equal(false);
    const child = propertyField(doc, node, node.properties![0]);
    expect(child).to.include({ kind: 'object', recursive: true });
  });

  it('merges allOf of object parts', () => {
    const f = one({
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        { properties: { b: { type: 'number' } } },
      ],
    });
    expect(f.kind).to.equal('object');
    expect(f.properties!.map((p) => [p.name, p.required])).to.deep.equal([
      ['a', true],
      ['b', false],
    ]);
  });

  it('falls back to the JSON editor for what it cannot show, saying why', () => {
    expect(one({}).problem).to.equal('any');
    expect(one({ type: 'object' }).problem).to.equal('any');
    expect(one({ type: ['string', 'number'] })).to.include({ kind: 'json', problem: 'unsupported' });
    expect(one({ anyOf: [{ type: 'string' }, { type: 'number' }] }).problem).to.equal('unsupported');
    expect(one({ type: 'array', prefixItems: [{ type: 'string' }] }).problem).to.equal('unsupported');
    expect(one({ not: { type: 'string' } }).problem).to.equal('unsupported');
    expect(one({ $ref: 'https://example.com/schema.json' })).to.include({
      kind: 'json',
      problem: 'externalRef',
      ref: 'https://example.com/schema.json',
    });
    expect(
      fieldOf({ x: { $ref: '#/$defs/a' }, $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } } }).problem,
    ).to.equal('refCycle');
    expect(fieldOf({ x: { $ref: '#/$defs/missing' } }).problem).to.equal('externalRef');
  });

  it('stops at the depth and property limits', () => {
    const doc = loadSchema(nested(LIMITS.depth + 5));
    let f = describeField(doc, doc.root);
    let levels = 0;
    while (f.kind === 'object') {
      f = propertyField(doc, f, f.properties![0]);
      levels++;
    }
    expect(levels).to.equal(LIMITS.depth);
    expect(f.problem).to.equal('tooDeep');
    const props = Object.fromEntries(
      Array.from({ length: LIMITS.properties + 1 }, (_, i) => [`p${i}`, { type: 'string' }]),
    );
    expect(one({ type: 'object', properties: props }).problem).to.equal('tooManyProperties');
  });
});
