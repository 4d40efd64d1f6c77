import { describe, it } from 'node:test';
import { expect } from 'chai';
import fc from 'fast-check';
import { draftToArguments, type Collected } from '../../../src/core/schema/arguments.js';
import {
  describeField,
  entryField,
  itemField,
  propertyField,
  variantField,
  type FieldKind,
  type FieldModel,
  type FieldProblem,
} from '../../../src/core/schema/describe.js';
import { loadSchema, type SchemaDoc } from '../../../src/core/schema/document.js';
import { createDraft, openDraft } from '../../../src/core/schema/draft.js';
import { validateArguments } from '../../../src/core/schema/validate.js';
import { check } from './fuzz.js';

// The schema-form model is fed by servers. For any generated JSON Schema — unions, $refs (local,
// dangling, cyclic, network), allOf, enums, consts, hostile keys such as __proto__ — loadSchema,
// describeField (at every level a person could open), createDraft, draftToArguments and
// validateArguments never throw (their problems are values: doc.problem, field.problem, field
// errors), never pollute a prototype, and end; the arguments a draft stands for either validate
// or come with errors that name fields the form shows.

const RUNS = { schemas: 1500, presets: 800 };

const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '$ref',
  '#',
  'a/b',
  '~0',
  '',
  'a',
  'b',
];
const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 5 }) },
);
const REFS = [
  '#',
  '#/$defs/a',
  '#/$defs/__proto__',
  '#/$defs/constructor',
  '#/properties/a',
  '#/properties/__proto__',
  '#/items',
  '#/$defs/missing',
  '#/$defs/a/properties/a',
  '#node',
  'https://evil.example/schema.json',
  'other.json#/x',
  '#/%ZZ',
  '#/$defs/a~1b',
];
/** A JSON value a server might put in default/const/enum, `__proto__` keys included. */
const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc
    .constantFrom('{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}')
    .map((t) => JSON.parse(t)),
);

/** An object with own keys from entries (a literal `__proto__:` would set the prototype instead). */
const objectOf = <T>(entries: [string, T][]) => {
  const o: Record<string, T> = {};
  for (const [k, v] of entries)
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
};
const entriesOf = <T>(value: fc.Arbitrary<T>, maxLength = 4) =>
  fc.array(fc.tuple(key, value), { maxLength }).map(objectOf);
const annotations = fc.record(
  {
    title: fc.oneof(fc.string({ maxLength: 8 }), fc.constant('<script>window.__pwned=1</script>')),
    description: fc.string({ maxLength: 8 }),
    default: jsonish,
    examples: fc.array(jsonish, { maxLength: 2 }),
    readOnly: fc.boolean(),
    deprecated: fc.boolean(),
  },
  { requiredKeys: [] },
);

type Schema = unknown;
const { schema: schemaArb } = fc.letrec<{
  schema: Schema;
  leaf: Schema;
  object: Schema;
  array: Schema;
  union: Schema;
  ref: Schema;
  allOf: Schema;
  typeList: Schema;
}>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    tie('object'),
    tie('array'),
    tie('union'),
    tie('ref'),
    tie('allOf'),
    tie('typeList'),
    fc.boolean(),
    fc.constant({}),
  ),
  leaf: fc
    .record(
      {
        type: fc.constantFrom('string', 'number', 'integer', 'boolean', 'null', 'nonsense'),
        format: fc.constantFrom('email', 'uri', 'date', 'date-time', 'time', 'regex'),
        enum: fc.array(jsonish, { maxLength: 4 }),
        enumNames: fc.array(fc.string({ maxLength: 4 }), { maxLength: 4 }),
        const: jsonish,
        minimum: fc.integer({ min: -5, max: 5 }),
        maximum: fc.integer({ min: -5, max: 5 }),
        minLength: fc.nat(3),
        pattern: fc.constantFrom('^a', '(', '[', '^\\d+$'),
        $anchor: fc.constant('node'),
      },
      { requiredKeys: [] },
    )
    .chain((s) => annotations.map((a) => ({ ...a, ...s }))),
  object: fc.record(
    {
      type: fc.constant('object'),
      properties: entriesOf(tie('schema')),
      required: fc.array(key, { maxLength: 3 }),
      additionalProperties: fc.oneof(fc.boolean(), tie('schema')),
      patternProperties: entriesOf(tie('schema'), 1),
      $defs: entriesOf(tie('schema'), 3),
      discriminator: fc.record({ propertyName: key }),
      title: fc.string({ maxLength: 4 }),
    },
    { requiredKeys: ['type'] },
  ),
  array: fc.record(
    {
      type: fc.constant('array'),
      items: fc.oneof(tie('schema'), fc.array(tie('schema'), { maxLength: 2 })),
      prefixItems: fc.array(tie('schema'), { maxLength: 2 }),
      minItems: fc.nat(2),
      uniqueItems: fc.boolean(),
    },
    { requiredKeys: ['type'] },
  ),
  union: fc
    .tuple(
      fc.constantFrom('oneOf', 'anyOf'),
      fc.array(
        fc.oneof(
          tie('schema'),
          fc.constant({ type: 'null' }),
          fc.record({ const: jsonish, title: fc.string({ maxLength: 3 }) }),
        ),
        { maxLength: 4 },
      ),
    )
    .map(([k, members]) => objectOf([[k, members]])),
  ref: fc.record({ $ref: fc.constantFrom(...REFS), title: fc.string({ maxLength: 3 }) }, { requiredKeys: ['$ref'] }),
  allOf: fc.record(
    { allOf: fc.array(tie('schema'), { maxLength: 3 }), type: fc.constantFrom('object', 'string') },
    { requiredKeys: ['allOf'] },
  ),
  typeList: fc.record({
    type: fc.subarray(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'], {
      minLength: 1,
      maxLength: 3,
    }),
  }),
}));

/**
 * A whole tool schema: an object at the top (as MCP requires, mostly), a dialect, $defs, as it arrives over the wire.
 */
const toolSchema = fc
  .record(
    {
      root: fc.oneof(
        {
          weight: 4,
          arbitrary: schemaArb
            .filter((s) => typeof s === 'object' && s !== null)
            .map((s) => ({ type: 'object', ...(s as object) })),
        },
        { weight: 1, arbitrary: schemaArb },
      ),
      defs: entriesOf(schemaArb, 3),
      dialect: fc.constantFrom(
        undefined,
        'https://json-schema.org/draft/2020-12/schema',
        'http://json-schema.org/draft-07/schema#',
        'http://json-schema.org/draft-04/schema#',
        'https://evil.example/dialect',
        42,
      ),
    },
    { requiredKeys: ['root'] },
  )
  .map(({ root, defs, dialect }) => {
    const s = typeof root === 'object' && root !== null ? { ...(root as object) } : root;
    if (typeof s === 'object' && s !== null) {
      if (defs) (s as Record<string, unknown>).$defs = defs;
      if (dialect !== undefined) (s as Record<string, unknown>).$schema = dialect;
    }
    return JSON.parse(JSON.stringify(s)) as unknown; // what a server sends: own `__proto__` keys survive JSON
  });

const KINDS: FieldKind[] = [
  'text',
  'number',
  'boolean',
  'select',
  'multiselect',
  'const',
  'object',
  'array',
  'variant',
  'json',
];
const PROBLEMS: (FieldProblem | undefined)[] = [
  undefined,
  'any',
  'unsupported',
  'tooDeep',
  'tooManyProperties',
  'externalRef',
  'refCycle',
  'never',
];
const DOC_PROBLEMS = [undefined, 'tooLarge', 'tooDeep', 'dialect', 'invalid'];

const prototypes = () =>
  JSON.stringify(
    [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort()),
  );
const pristine = prototypes();
const expectUnpolluted = () => {
  expect(({} as { polluted?: unknown }).polluted).to.equal(undefined);
  expect(prototypes()).to.equal(pristine);
};

/** Describes the field and, breadth first, every level below it a person could open (bounded), as the form does. */
function expandAll(doc: SchemaDoc, root: FieldModel, budget = 150): number {
  const queue = [root];
  let seen = 0;
  while (queue.length && seen < budget) {
    const f = queue.shift()!;
    seen++;
    expect(KINDS).to.include(f.kind);
    expect(PROBLEMS).to.include(f.problem);
    createDraft(doc, f);
    openDraft(doc, f);
    if (f.problem) continue;
    if (f.kind === 'object') {
      for (const p of f.properties ?? []) queue.push(propertyField(doc, f, p));
      if (f.entries) queue.push(entryField(doc, f));
    }
    if (f.kind === 'array') queue.push(itemField(doc, f));
    if (f.kind === 'variant') f.variants!.forEach((_, i) => queue.push(variantField(doc, f, i)));
  }
  return seen;
}

/** Runs one schema (and preset) through the model and checks what it promises. */
function throughTheModel(schema: unknown, preset?: unknown) {
  const doc = loadSchema(schema);
  expect(DOC_PROBLEMS).to.include(doc.problem?.code);
  const root = describeField(doc, doc.root);
  expandAll(doc, root);
  const draft = createDraft(doc, root, preset);
  const { value, collected } = draftToArguments(doc, draft);
  const errors = validateArguments(doc, value, collected);
  expect(errors).to.be.instanceOf(Map);
  // Either the arguments validate, or each error names the form itself or a field it showed.
  for (const path of errors.keys())
    expect(
      path === '#' || collected.paths.has(path) || /\/~entry\d+$/.test(path),
      `error at ${path} names no field`,
    ).to.equal(true);
  if (doc.problem) expect(errors.has('#')).to.equal(true);
  expectUnpolluted();
  return { doc, errors, collected: collected as Collected };
}

describe('fuzz: the schema-form model', () => {
  it(`never throws, pollutes or hangs on generated schemas, and validates or names fields (${RUNS.schemas} cases)`, async () => {
    let valid = 0;
    let withErrors = 0;
    await check(
      'schema model on generated schemas',
      fc.property(toolSchema, (schema) => {
        const { errors } = throughTheModel(schema);
        if (errors.size) withErrors++;
        else valid++;
      }),
      RUNS.schemas,
    );
    console.log(`fuzz: schema model: ${valid} drafts validated, ${withErrors} reported field errors`);
    expect(valid).to.be.greaterThan(0);
    expect(withErrors).to.be.greaterThan(0);
  });

  it(`never throws or pollutes with hostile preset values (${RUNS.presets} cases)`, async () => {
    const preset = fc.oneof(
      jsonish,
      fc.dictionary(key, jsonish, { maxKeys: 4 }).map((o) => JSON.parse(JSON.stringify(o))),
    ); // own __proto__ keys after JSON
    await check(
      'schema model with presets',
      fc.property(toolSchema, preset, (schema, value) => void throughTheModel(schema, value)),
      RUNS.presets,
    );
  });

  it('ends on unions that refer to themselves (found by this fuzzer: a stack overflow, or exponential time)', () => {
    const self = { type: 'object', oneOf: [{ $ref: '#' }] };
    const wide = { type: 'object', anyOf: [{ $ref: '#' }, { $ref: '#' }, { $ref: '#' }, { $ref: '#' }] };
    const items = { type: 'array', items: { anyOf: [{ $ref: '#' }, { $ref: '#' }, { $ref: '#' }, { $ref: '#' }] } };
    const chain = {
      $defs: {
        a: { anyOf: [{ $ref: '#/$defs/b' }, { $ref: '#/$defs/b' }, { $ref: '#/$defs/b' }] },
        b: { anyOf: [{ $ref: '#/$defs/a' }, { $ref: '#/$defs/a' }, { $ref: '#/$defs/a' }] },
      },
      type: 'object',
      properties: { x: { $ref: '#/$defs/a' } },
    };
    for (const schema of [self, wide, items, chain]) throughTheModel(schema);
  });
});
