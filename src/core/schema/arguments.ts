// Turns a draft into the arguments object: empty optional fields are left out, numbers become
// numbers, text that is not yet a number or not yet JSON becomes a per-field error, and read-only
// fields are not sent unless required or locked. Keys are written as own data properties.
import { encodePointer } from '@cfworker/json-schema';
import type { SchemaDoc } from './document.js';
import { describeField, entryField, itemField, propertyField, variantField, type FieldModel } from './describe.js';
import {
  fromLocalDateTime,
  fromLocalTime,
  type ArrayDraft,
  type Draft,
  type ObjectDraft,
  type VariantDraft,
} from './draft.js';
import { setOwn } from './safe.js';

/**
 * A problem with one field: a JSON Schema keyword (or our own: `number`, `integer`, `json`, `key`…) and the validator's
 * text.
 */
export interface FieldError {
  keyword: string;
  raw?: string;
}

/** What converting a draft learnt on the way, for validation to map errors onto fields. */
export interface Collected {
  /** Errors found while converting (text that is not a number, not JSON, duplicate keys), by field path. */
  errors: Map<string, FieldError>;
  /** Paths of every field visited: validation errors go to the nearest one. */
  paths: Set<string>;
  /** Chosen shapes of unions, checked on their own for precise messages. */
  branches: { path: string; schema: unknown }[];
}

/** The path (a `#`-rooted JSON pointer, as the validator writes them) of a child. */
export const childPath = (path: string, key: string | number) => `${path}/${encodePointer(String(key))}`;

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** The arguments a form's draft stands for; `locked` top-level names are sent even when read-only. */
export function draftToArguments(
  doc: SchemaDoc,
  draft: Draft,
  locked: readonly string[] = [],
): { value: unknown; collected: Collected } {
  const collected: Collected = { errors: new Map(), paths: new Set(), branches: [] };
  const value = toValue(doc, describeField(doc, doc.root), draft, '#', true, collected, locked);
  return { value: value === undefined ? {} : value, collected };
}

/** The value of one field, or undefined when it is to be left out. */
export function toValue(
  doc: SchemaDoc,
  field: FieldModel,
  draft: Draft,
  path: string,
  required: boolean,
  c: Collected,
  locked: readonly string[] = [],
): unknown {
  c.paths.add(path);
  const empty = () => (field.nullable && required ? null : undefined);
  const fail = (keyword: string) => void c.errors.set(path, { keyword });
  if (field.branch !== undefined && draft !== undefined && draft !== '')
    c.branches.push({ path, schema: field.branch });
  // The validator would stop at an unresolved `$ref`: a value there is an error of its own (B-11).
  if (field.problem === 'externalRef' && typeof draft === 'string' && draft.trim()) fail('externalRef');
  switch (field.kind) {
    case 'text': {
      const text = typeof draft === 'string' ? draft : '';
      if (text === '') return empty();
      return field.inputType === 'datetime-local'
        ? fromLocalDateTime(text)
        : field.inputType === 'time'
          ? fromLocalTime(text)
          : text;
    }
    case 'number': {
      const text = typeof draft === 'string' ? draft.trim() : '';
      if (text === '') return empty();
      const n = Number(text);
      if (!NUMBER.test(text) || !Number.isFinite(n)) return fail('number');
      if (field.integer && !Number.isInteger(n)) return fail('integer');
      if (field.integer && !Number.isSafeInteger(n)) return fail('unsafeInteger');
      return n;
    }
    case 'boolean':
      return typeof draft === 'boolean' ? draft : required ? false : undefined;
    case 'select':
      return typeof draft === 'number' && field.choices![draft]
        ? structuredClone(field.choices![draft].value)
        : empty();
    case 'multiselect': {
      const chosen = Array.isArray(draft)
        ? field.choices!.filter((_, i) => draft.includes(i)).map((x) => structuredClone(x.value))
        : [];
      return chosen.length || required ? chosen : undefined;
    }
    case 'const':
      return structuredClone(field.value);
    case 'object':
      return objectValue(doc, field, draft as ObjectDraft, path, required, c, locked);
    case 'array': {
      const items = (draft as ArrayDraft | undefined)?.items ?? [];
      if (!items.length) return required ? [] : undefined;
      const item = itemField(doc, field);
      return items.map((x, i) => {
        const p = childPath(path, i);
        const v = toValue(doc, item, x.value, p, true, c);
        if (v === undefined && !c.errors.has(p)) c.errors.set(p, { keyword: 'required' });
        return v === undefined ? null : v;
      });
    }
    case 'variant': {
      const d = draft as VariantDraft | undefined;
      if (!d || d.choice < 0 || !field.variants![d.choice]) return empty();
      c.branches.push({ path, schema: field.variants![d.choice].schema });
      const out = objectValue(doc, variantField(doc, field, d.choice), d.value as ObjectDraft, path, required, c, []);
      return out === undefined ? empty() : out;
    }
    default: {
      const text = typeof draft === 'string' ? draft.trim() : '';
      if (text === '') return empty();
      try {
        return JSON.parse(text);
      } catch (e) {
        c.errors.set(path, { keyword: 'json', raw: (e as Error).message });
        return undefined;
      }
    }
  }
}

function objectValue(
  doc: SchemaDoc,
  field: FieldModel,
  d: ObjectDraft | undefined,
  path: string,
  required: boolean,
  c: Collected,
  locked: readonly string[],
): unknown {
  if (!d || !d.open) return field.nullable && required ? null : undefined;
  const out: Record<string, unknown> = {};
  let filled = false;
  for (const p of field.properties ?? []) {
    const child = propertyField(doc, field, p);
    const keep = locked.includes(p.name);
    const v = toValue(doc, child, d.props.get(p.name), childPath(path, p.name), p.required || keep, c);
    if (v === undefined || (child.readOnly && !p.required && !keep)) continue;
    setOwn(out, p.name, v);
    if (child.kind !== 'const') filled = true;
  }
  if (field.entries) {
    const value = entryField(doc, field);
    const seen = new Set(Object.keys(out));
    d.entries.forEach((e, i) => {
      const p = childPath(path, e.key);
      const v = toValue(doc, value, e.value, p, true, c);
      if (e.key === '' && v === undefined) return;
      if (e.key === '' || seen.has(e.key))
        return c.errors.set(`${path}/~entry${i}`, { keyword: e.key === '' ? 'key' : 'duplicateKey' });
      seen.add(e.key);
      setOwn(out, e.key, v === undefined ? null : v);
      filled = true;
    });
  }
  return filled || required || d.added ? out : undefined;
}
