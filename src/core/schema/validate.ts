// Checks arguments against the schema with @cfworker/json-schema and maps each error onto the
// field it belongs to (instance path -> nearest shown field). Errors inside a union's other
// branches are noise; the branch the person chose is checked on its own instead. Also the check of
// a result's structuredContent against its outputSchema. Loaded on first use (validator.ts).
import { validate, Validator, type OutputUnit, type Schema, type SchemaDraft } from '@cfworker/json-schema';
import type { JsonSchema } from '../protocol/types.js';
import type { SchemaDoc } from './document.js';
import { childPath, type Collected, type FieldError } from './arguments.js';
import { defuseSchema } from './regex.js';

/** Keywords that only say "something below failed"; the error below says what. */
const WRAPPERS = new Set([
  'properties',
  'items',
  'prefixItems',
  'additionalProperties',
  'patternProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  '$ref',
  '$recursiveRef',
  'allOf',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'contains',
]);
const IN_BRANCH = /\/(oneOf|anyOf)\/\d/;

/** The value at a `#`-rooted JSON pointer. */
function valueAt(value: unknown, path: string): unknown {
  let node = value;
  for (const raw of path.split('/').slice(1)) {
    const key = decodeURI(raw).replace(/%23/g, '#').replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The validator's errors as field errors, keyed by the path they were reported at (under `prefix`). */
function leafErrors(units: OutputUnit[], prefix: string): [string, FieldError][] {
  const out: [string, FieldError][] = [];
  for (const u of units) {
    if (WRAPPERS.has(u.keyword) || IN_BRANCH.test(u.keywordLocation)) continue;
    let path = prefix + u.instanceLocation.slice(1);
    const missing = u.keyword === 'required' && /property "(.*)"\.$/.exec(u.error);
    if (missing) path = childPath(path, missing[1]);
    out.push([path, { keyword: u.keyword, raw: u.error }]);
  }
  return out;
}

/** Validates `value` and returns the errors per field path (`#` = the form itself); empty when valid. */
export function validateArguments(doc: SchemaDoc, value: unknown, c: Collected): Map<string, FieldError> {
  const errors = new Map(c.errors);
  if (doc.problem || !doc.lookup) {
    errors.set('#', { keyword: 'schema', raw: doc.problem?.code });
    return errors;
  }
  const run = (instance: unknown, schema: unknown) =>
    validate(instance, schema as Schema, doc.dialect, doc.lookup, false);
  let found: [string, FieldError][];
  try {
    const whole = run(value, doc.root);
    if (whole.valid) return errors;
    found = [];
    for (const b of c.branches) {
      const sub = valueAt(value, b.path);
      if (sub !== undefined) found.push(...leafErrors(run(sub, b.schema).errors, b.path));
    }
    found.push(...leafErrors(whole.errors, '#'));
    if (!found.length)
      found.push(['#', { keyword: whole.errors[0]?.keyword ?? 'invalid', raw: whole.errors[0]?.error }]);
  } catch (e) {
    // A schema the validator cannot finish (a `$ref` loop, an unresolved `$ref`, a stack too
    // deep) never counts as valid; a field error found before says more.
    if (!errors.size) errors.set('#', { keyword: 'uncheckable', raw: (e as Error).message });
    return errors;
  }
  for (const [at, error] of found) {
    let path = at;
    while (path !== '#' && !c.paths.has(path)) path = path.slice(0, path.lastIndexOf('/'));
    if (!errors.has(path)) errors.set(path, error);
  }
  // "Matches no branch" says less than the chosen branch's own errors below it.
  for (const [path, error] of errors)
    if (
      (error.keyword === 'oneOf' || error.keyword === 'anyOf') &&
      [...errors.keys()].some((p) => p.startsWith(`${path}/`))
    )
      errors.delete(path);
  return errors;
}

/**
 * Outcome of checking structuredContent: `errors` empty when it matches; `problem` when the schema could not be used.
 */
export interface SchemaCheck {
  errors: OutputUnit[];
  problem?: string;
}

/** The draft a schema declares in `$schema` (2020-12 when it says nothing, as MCP specifies). */
function draftOf(schema: JsonSchema): SchemaDraft {
  const id = String(schema.$schema ?? '');
  return id.includes('draft-04')
    ? '4'
    : id.includes('draft-07') || id.includes('draft-06')
      ? '7'
      : id.includes('2019-09')
        ? '2019-09'
        : '2020-12';
}

/**
 * Validates `value` against `schema` (checklist T-07). Only `$ref`s inside the schema resolve: the
 * validator never loads anything, so a network `$ref` becomes a `problem`, not a request (SEC-18).
 */
export function checkOutput(schema: JsonSchema, value: unknown): SchemaCheck {
  try {
    // A private copy whose regexes cannot run away (regex.ts); one that could is not run at all.
    const copy = JSON.parse(JSON.stringify(schema));
    const skipped = defuseSchema(copy);
    if (skipped.length)
      return { errors: [], problem: `the pattern ${skipped[0].slice(0, 100)} could take too long to check` };
    const { errors } = new Validator(copy, draftOf(schema), false).validate(value);
    // Drop the "a property does not match" wrappers when the specific errors below them are there.
    const specific = errors.filter((e) => !['properties', 'items', 'allOf', '$ref'].includes(e.keyword));
    return { errors: specific.length ? specific : errors };
  } catch (e) {
    return { errors: [], problem: (e as Error).message };
  }
}
