import { describe, it } from 'node:test';
import { expect } from 'chai';
import { fromLocalDateTime, toLocalDateTime } from '../../../../src/core/schema/draft.js';
import { roundTrip } from './helpers.js';

const schema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string' },
    nick: { type: 'string' },
    age: { type: 'integer' },
    ratio: { type: 'number' },
    ok: { type: 'boolean' },
    color: { type: 'string', enum: ['red', 'green'] },
    tags: { type: 'array', items: { type: 'string' } },
    address: { type: 'object', properties: { city: { type: 'string' } } },
  },
};

describe('draftToArguments: from the form state to the arguments object', () => {
  it('leaves out empty optional fields', () => {
    expect(roundTrip(schema, { name: 'Ada' }).args).to.deep.equal({ name: 'Ada' });
  });

  it('round-trips preset values, numbers as numbers', () => {
    const value = {
      name: 'Ada',
      nick: 'a',
      age: 36,
      ratio: 0.5,
      ok: false,
      color: 'green',
      tags: ['x', 'y'],
      address: { city: 'London' },
    };
    expect(roundTrip(schema, value).args).to.deep.equal(value);
  });

  it('fills schema defaults, also in nested objects (SEP-1034)', () => {
    const s = {
      type: 'object',
      properties: {
        n: { type: 'integer', default: 3 },
        o: { type: 'object', properties: { b: { type: 'boolean', default: true } } },
      },
    };
    expect(roundTrip(s).args).to.deep.equal({ n: 3, o: { b: true } });
  });

  it('reports text that is not a number, a whole number or a safe integer', () => {
    const s = { type: 'object', properties: { i: { type: 'integer' }, n: { type: 'number' } } };
    expect(roundTrip(s, { i: '1.5', n: 'abc' }).errors).to.deep.equal({ '#/i': 'integer', '#/n': 'number' });
    expect(roundTrip(s, { i: '9007199254740993' }).errors).to.deep.equal({ '#/i': 'unsafeInteger' });
  });

  it('sends required booleans as false and required empty arrays as []', () => {
    const s = {
      type: 'object',
      required: ['b', 'l'],
      properties: { b: { type: 'boolean' }, l: { type: 'array', items: { type: 'string' } } },
    };
    expect(roundTrip(s).args).to.deep.equal({ b: false, l: [] });
  });

  it('sends null for an empty required nullable field', () => {
    const s = {
      type: 'object',
      required: ['n'],
      properties: { n: { type: ['string', 'null'] }, m: { anyOf: [{ type: 'number' }, { type: 'null' }] } },
    };
    const r = roundTrip(s);
    expect(r.args).to.deep.equal({ n: null });
    expect(r.errors).to.deep.equal({});
  });

  it('converts multi-selects, consts and titled choices to their values', () => {
    const s = {
      type: 'object',
      properties: {
        multi: {
          type: 'array',
          items: {
            anyOf: [
              { const: 'a', title: 'A' },
              { const: 'b', title: 'B' },
            ],
          },
        },
        one: {
          oneOf: [
            { const: 1, title: 'One' },
            { const: 2, title: 'Two' },
          ],
        },
        version: { const: 'v1' },
      },
    };
    expect(roundTrip(s, { multi: ['b'], one: 2 }).args).to.deep.equal({ multi: ['b'], one: 2, version: 'v1' });
  });

  it('sends the chosen shape of a union with its discriminator', () => {
    const s = {
      type: 'object',
      required: ['shape'],
      properties: {
        shape: {
          oneOf: [
            {
              type: 'object',
              properties: { kind: { const: 'circle' }, r: { type: 'number' } },
              required: ['kind', 'r'],
            },
            {
              type: 'object',
              properties: { kind: { const: 'square' }, side: { type: 'number' } },
              required: ['kind', 'side'],
            },
          ],
        },
      },
    };
    expect(roundTrip(s, { shape: { kind: 'square', side: 2 } }).args).to.deep.equal({
      shape: { kind: 'square', side: 2 },
    });
    const bad = roundTrip(s, { shape: { kind: 'circle' } });
    expect(bad.args).to.deep.equal({ shape: { kind: 'circle' } });
    expect(bad.errors).to.deep.equal({ '#/shape/r': 'required' });
  });

  it('sends arrays of objects and key/value maps', () => {
    const s = {
      type: 'object',
      properties: {
        people: {
          type: 'array',
          items: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } } },
        },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
      },
    };
    const value = { people: [{ name: 'A', age: 1 }, { name: 'B' }], headers: { 'X-A': '1', 'X-B': '2' } };
    expect(roundTrip(s, value).args).to.deep.equal(value);
  });

  it('parses JSON-editor fields and reports JSON that does not parse', () => {
    const s = {
      type: 'object',
      properties: { any: {}, pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] } },
    };
    expect(roundTrip(s, { any: { a: [1] }, pair: ['a', 1] }).args).to.deep.equal({ any: { a: [1] }, pair: ['a', 1] });
  });

  it('leaves out read-only fields unless required or locked', () => {
    const s = {
      type: 'object',
      required: ['r'],
      properties: {
        id: { type: 'string', readOnly: true, default: 'x' },
        r: { type: 'string', readOnly: true, default: 'y' },
      },
    };
    expect(roundTrip(s).args).to.deep.equal({ r: 'y' });
    expect(roundTrip(s, {}, ['id']).args).to.deep.equal({ id: 'x', r: 'y' });
  });

  it('writes date-times in UTC and shows them in local time', () => {
    const local = toLocalDateTime('2024-05-06T07:08:09Z');
    expect(local).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(new Date(fromLocalDateTime(local)).toISOString()).to.equal('2024-05-06T07:08:09.000Z');
    const s = {
      type: 'object',
      properties: { at: { type: 'string', format: 'date-time' }, d: { type: 'string', format: 'date' } },
    };
    const r = roundTrip(s, { at: '2024-05-06T07:08:09Z', d: '2024-05-06' });
    expect(r.args.at).to.equal('2024-05-06T07:08:09Z');
    expect(r.args.d).to.equal('2024-05-06');
    expect(r.errors).to.deep.equal({});
  });

  it('writes times with an offset, as RFC 3339 format "time" wants', () => {
    const s = { type: 'object', properties: { t: { type: 'string', format: 'time' } } };
    const r = roundTrip(s, { t: '07:08' });
    expect(r.args.t).to.match(/^07:08:00(Z|[+-]\d\d:\d\d)$/);
    expect(r.errors).to.deep.equal({});
  });

  it('opens a nullable object only when added, and sends null for a required one left closed', () => {
    const obj = { anyOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'null' }] };
    expect(roundTrip({ type: 'object', properties: { o: obj } }).args).to.deep.equal({});
    expect(roundTrip({ type: 'object', required: ['o'], properties: { o: obj } }).args).to.deep.equal({ o: null });
    expect(roundTrip({ type: 'object', properties: { o: obj } }, { o: { a: 'x' } }).args).to.deep.equal({
      o: { a: 'x' },
    });
  });

  it('handles what pydantic v2 generates: $defs, Optional[Model] = None, discriminated unions by $ref', () => {
    const s = {
      $defs: {
        Address: {
          properties: { city: { title: 'City', type: 'string' } },
          required: ['city'],
          title: 'Address',
          type: 'object',
        },
        Cat: {
          properties: {
            pet_type: { const: 'cat', title: 'Pet Type', type: 'string' },
            meows: { title: 'Meows', type: 'integer' },
          },
          required: ['pet_type', 'meows'],
          title: 'Cat',
          type: 'object',
        },
        Dog: {
          properties: {
            pet_type: { const: 'dog', title: 'Pet Type', type: 'string' },
            barks: { title: 'Barks', type: 'number' },
          },
          required: ['pet_type', 'barks'],
          title: 'Dog',
          type: 'object',
        },
      },
      properties: {
        name: { title: 'Name', type: 'string' },
        address: { anyOf: [{ $ref: '#/$defs/Address' }, { type: 'null' }], default: null },
        nick: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null, title: 'Nick' },
        pet: {
          discriminator: { mapping: { cat: '#/$defs/Cat', dog: '#/$defs/Dog' }, propertyName: 'pet_type' },
          oneOf: [{ $ref: '#/$defs/Cat' }, { $ref: '#/$defs/Dog' }],
          title: 'Pet',
        },
      },
      required: ['name', 'pet'],
      title: 'Model',
      type: 'object',
    };
    expect(roundTrip(s, { name: 'n', pet: { pet_type: 'dog', barks: 1.5 } }).args).to.deep.equal({
      name: 'n',
      pet: { pet_type: 'dog', barks: 1.5 },
    });
    const r = roundTrip(s, { name: 'n', address: { city: '' }, pet: { pet_type: 'cat', meows: 'x' } });
    expect(r.errors).to.deep.equal({ '#/address/city': 'required', '#/pet/meows': 'number' });
  });

  it('keeps __proto__ and constructor keys as data and never touches Object.prototype', () => {
    const s = JSON.parse(
      '{"type":"object","required":["constructor"],"properties":{"__proto__":{"type":"object","properties":{"polluted":{"type":"string","default":"yes"}}},"constructor":{"type":"string"}},"additionalProperties":{"type":"string"}}',
    );
    const preset = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":"c","toString":"t"}');
    const r = roundTrip(s, preset);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(Object.getPrototypeOf(r.args)).to.equal(Object.prototype);
    expect(Object.hasOwn(r.args, '__proto__')).to.equal(true);
    expect(JSON.stringify(r.args)).to.equal('{"__proto__":{"polluted":"yes"},"constructor":"c","toString":"t"}');
    expect(r.errors).to.deep.equal({});
  });
});
