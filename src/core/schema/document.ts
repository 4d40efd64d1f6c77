// A schema made ready for the form: measured against the limits, copied (the validator annotates
// the objects it sees, and a host's schema must stay untouched), its dialect chosen (checklist
// B-10), and indexed for local `$ref`s. Nothing here fetches: a network `$ref` stays unresolved.
import { dereference, type Schema, type SchemaDraft } from '@cfworker/json-schema';
import { measureSchema } from './limits.js';
import { defuseSchema } from './regex.js';
import { isObject, own } from './safe.js';

/** Why a whole schema cannot be shown or checked. */
export type SchemaProblem = { code: 'tooLarge' | 'tooDeep' | 'dialect' | 'invalid'; detail?: string };

export interface SchemaDoc {
  /** The copied schema; subschemas below are parts of it, so the validator knows them. */
  root: unknown;
  /** The JSON Schema dialect used to validate. */
  dialect: SchemaDraft;
  /** Subschemas by `$id` and `#anchor`. */
  ids: Map<string, unknown>;
  /** The validator's index of the schema, absent when the schema has a problem. */
  lookup?: Record<string, Schema | boolean>;
  problem?: SchemaProblem;
}

const DIALECTS: Record<string, SchemaDraft> = {
  'json-schema.org/draft/2020-12/schema': '2020-12',
  'json-schema.org/draft/2019-09/schema': '2019-09',
  'json-schema.org/draft-07/schema': '7',
  'json-schema.org/draft-06/schema': '7',
  'json-schema.org/draft-04/schema': '4',
};

/** The validator dialect for a `$schema` URI; schemas without one are 2020-12 (B-10). */
export function dialectOf(uri: unknown): SchemaDraft | undefined {
  if (uri === undefined) return '2020-12';
  if (typeof uri !== 'string') return undefined;
  return DIALECTS[uri.replace(/^https?:\/\//, '').replace(/#$/, '')];
}

/** Prepares a schema for the form; problems are reported in `problem`, never thrown. */
export function loadSchema(schema: unknown): SchemaDoc {
  const m = measureSchema(schema);
  if (m.problem) return { root: {}, dialect: '2020-12', ids: new Map(), problem: { code: m.problem } };
  let root: unknown;
  try {
    root = schema === undefined ? { type: 'object' } : JSON.parse(JSON.stringify(schema));
  } catch (e) {
    return { root: {}, dialect: '2020-12', ids: new Map(), problem: { code: 'invalid', detail: String(e) } };
  }
  defuseSchema(root); // no server regex that could freeze the page reaches the validator
  const { ids } = measureSchema(root);
  const dialect = dialectOf(own(root, '$schema'));
  if (!dialect)
    return { root, dialect: '2020-12', ids, problem: { code: 'dialect', detail: String(own(root, '$schema')) } };
  if (typeof root !== 'boolean' && !isObject(root)) return { root, dialect, ids, problem: { code: 'invalid' } };
  try {
    return { root, dialect, ids, lookup: dereference(root as Schema) };
  } catch (e) {
    return { root, dialect, ids, problem: { code: 'invalid', detail: (e as Error).message } };
  }
}

/** The subschema a local `$ref` points to, or undefined for a network or unknown reference (never fetched, B-11). */
export function resolveRef(doc: SchemaDoc, ref: string): unknown {
  if (doc.ids.has(ref)) return doc.ids.get(ref);
  if (!ref.startsWith('#')) return undefined;
  if (ref === '#') return doc.root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc.root;
  for (const raw of ref.slice(2).split('/')) {
    let key: string;
    try {
      key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return undefined;
    }
    node = Array.isArray(node) ? (/^\d+$/.test(key) ? node[Number(key)] : undefined) : own(node, key);
    if (node === undefined) return undefined;
  }
  return node;
}
