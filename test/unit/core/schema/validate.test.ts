import { describe, it } from 'node:test';
import { expect } from 'chai';
import { dialectOf, loadSchema, resolveRef } from '../../../../src/core/schema/document.js';
import { measureSchema } from '../../../../src/core/schema/limits.js';
import { nested, roundTrip } from './helpers.js';

const props = (p: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties: p, required });

describe('validateArguments: errors mapped onto fields', () => {
  it('reports a missing required field on that field', () => {
    expect(
      roundTrip(props({ a: { type: 'string' }, o: props({ b: { type: 'string' } }, ['b']) }, ['a', 'o'])).errors,
    ).to.deep.equal({ '#/a': 'required', '#/o/b': 'required' });
  });

  it('checks lengths, patterns, formats, bounds and multipleOf', () => {
    const s = props({
      s: { type: 'string', minLength: 3 },
      l: { type: 'string', maxLength: 1 },
      p: { type: 'string', pattern: '^[a-z]+$' },
      e: { type: 'string', format: 'email' },
      u: { type: 'string', format: 'uri' },
      d: { type: 'string', format: 'date' },
      n: { type: 'number', minimum: 1, maximum: 2 },
      x: { type: 'number', exclusiveMaximum: 2 },
      m: { type: 'integer', multipleOf: 5 },
    });
    const bad = { s: 'ab', l: 'ab', p: 'A1', e: 'no', u: 'not a uri', d: '2024-13-01', n: '3', x: '2', m: '7' };
    expect(roundTrip(s, bad).errors).to.deep.equal({
      '#/s': 'minLength',
      '#/l': 'maxLength',
      '#/p': 'pattern',
      '#/e': 'format',
      '#/u': 'format',
      '#/d': 'format',
      '#/n': 'maximum',
      '#/x': 'exclusiveMaximum',
      '#/m': 'multipleOf',
    });
    const good = {
      s: 'abc',
      l: 'a',
      p: 'abc',
      e: 'a@example.com',
      u: 'https://example.com/x',
      d: '2024-12-01',
      n: 2,
      x: 1.5,
      m: 10,
    };
    expect(roundTrip(s, good).errors).to.deep.equal({});
  });

  it('checks array items and sizes on the right item', () => {
    const s = props({ t: { type: 'array', items: { type: 'string', minLength: 2 }, minItems: 1, uniqueItems: true } });
    expect(roundTrip(s, { t: ['ab', 'c'] }).errors).to.deep.equal({ '#/t/1': 'minLength' });
    expect(roundTrip(s, { t: ['ab', 'ab'] }).errors).to.deep.equal({ '#/t': 'uniqueItems' });
  });

  it('checks the chosen branch of a nullable union precisely', () => {
    expect(
      roundTrip(props({ n: { anyOf: [{ type: 'integer', maximum: 3 }, { type: 'null' }] } }), { n: 5 }).errors,
    ).to.deep.equal({ '#/n': 'maximum' });
  });

  it('never treats an unresolved network $ref as permissive (B-11)', () => {
    const s = props({ r: { $ref: 'https://example.com/never-fetched.json' } });
    expect(roundTrip(s).errors).to.deep.equal({});
    expect(roundTrip(s, { r: 'anything' }).errors).to.deep.equal({ '#/r': 'externalRef' });
  });

  it('validates with the declared dialect and refuses an unknown one (B-10)', () => {
    expect(dialectOf(undefined)).to.equal('2020-12');
    expect(dialectOf('http://json-schema.org/draft-07/schema#')).to.equal('7');
    expect(dialectOf('https://json-schema.org/draft/2020-12/schema')).to.equal('2020-12');
    const odd = loadSchema({ $schema: 'https://example.com/my-dialect', type: 'object' });
    expect(odd.problem).to.deep.equal({ code: 'dialect', detail: 'https://example.com/my-dialect' });
    expect(roundTrip({ $schema: 'https://example.com/my-dialect', type: 'object' }).errors).to.deep.equal({
      '#': 'schema',
    });
  });

  it('resolves local pointers and anchors only', () => {
    const doc = loadSchema({ $defs: { 'a/b': { type: 'string' }, c: { $anchor: 'here', type: 'number' } } });
    expect(resolveRef(doc, '#/$defs/a~1b')).to.deep.equal({ type: 'string' });
    expect(resolveRef(doc, '#here')).to.include({ type: 'number' });
    expect(resolveRef(doc, '#/$defs/constructor')).to.equal(undefined);
    expect(resolveRef(doc, 'https://example.com/x.json')).to.equal(undefined);
  });

  it('does not change the schema it was given', () => {
    const s = props({ a: { $ref: '#/$defs/a' } });
    (s as Record<string, unknown>).$defs = { a: { type: 'string' } };
    const before = JSON.stringify(s);
    roundTrip(s, { a: 'x' });
    expect(JSON.stringify(s)).to.equal(before);
    expect(Object.getOwnPropertyNames(s)).to.not.include('__absolute_uri__');
  });
});

describe('hostile schemas degrade instead of freezing', () => {
  it('shows a 50-level schema down to the depth limit', () => {
    const r = roundTrip(nested(50));
    expect(r.doc.problem).to.equal(undefined);
    expect(r.errors).to.deep.equal({});
  });

  it('handles a 1,000-level schema', () => {
    const r = roundTrip(nested(1000));
    expect(r.root.kind).to.equal('object');
    expect(r.errors).to.deep.equal({});
  });

  it('refuses a schema deeper than the measuring limit with a message', () => {
    const r = roundTrip(nested(5000));
    expect(r.doc.problem?.code).to.equal('tooDeep');
    expect(r.errors).to.deep.equal({ '#': 'schema' });
  });

  it('survives $ref cycles', () => {
    const s = {
      type: 'object',
      properties: { a: { $ref: '#/$defs/a' } },
      $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } },
    };
    const r = roundTrip(s, { a: 1 });
    expect(r.errors['#/a'] ?? r.errors['#']).to.be.a('string');
  });

  it('handles a 10,000-property schema and refuses a huge one', () => {
    const p = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`p${i}`, { type: 'string' }]));
    const r = roundTrip({ type: 'object', properties: p }, { p1: 'x' });
    expect(r.root.problem).to.equal('tooManyProperties');
    expect(r.args).to.deep.equal({ p1: 'x' });
    const huge = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`p${i}`, { type: 'string' }]));
    expect(loadSchema({ type: 'object', properties: huge }).problem?.code).to.equal('tooLarge');
  });

  it('stops measuring an object cycle', () => {
    const s: Record<string, unknown> = { type: 'object' };
    s.properties = { self: s };
    expect(measureSchema(s).problem).to.be.oneOf(['tooLarge', 'tooDeep']);
    expect(loadSchema(s).problem).to.not.equal(undefined);
  });
});
