// The form's working state (a "draft"): what a person has typed, kept as typed — numbers and JSON
// as text, choices as indexes — so nothing is lost while it is not yet valid. Built from preset
// values and schema defaults, one level at a time.
import type { SchemaDoc } from './document.js';
import { entryField, itemField, propertyField, variantField, type FieldModel } from './describe.js';
import { isObject, jsonEqual, own } from './safe.js';

export interface ObjectDraft {
  t: 'object';
  /** The fields are shown (recursive and nullable objects start closed). */
  open: boolean;
  /** The person added it (or a value was preset): sent even when empty. */
  added: boolean;
  props: Map<string, Draft>;
  entries: Entry[];
}
export interface Entry {
  id: number;
  key: string;
  value: Draft;
}
export interface ArrayDraft {
  t: 'array';
  items: Item[];
}
export interface Item {
  id: number;
  value: Draft;
}
export interface VariantDraft {
  t: 'variant';
  /** Index into the field's variants, -1 for none. */
  choice: number;
  value: Draft;
}
/** text, number, json: the text; boolean; select: the choice index; multiselect: the chosen indexes. */
export type Draft = string | boolean | number | number[] | undefined | ObjectDraft | ArrayDraft | VariantDraft;

let lastId = 0;
/** A fresh key for an array item or map entry (stable across reordering). */
export const nextId = () => ++lastId;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The local UTC offset of a date as RFC 3339 (`Z` or `+hh:mm`). */
export function utcOffset(d: Date): string {
  const m = -d.getTimezoneOffset();
  return m === 0 ? 'Z' : `${m < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(m) / 60))}:${pad(Math.abs(m) % 60)}`;
}

/** An RFC 3339 date-time as the local `YYYY-MM-DDTHH:mm:ss` a datetime-local input shows. */
export function toLocalDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A datetime-local input's value as an RFC 3339 date-time in UTC (`…Z`, the form most servers' patterns accept). */
export function fromLocalDateTime(local: string): string {
  const d = new Date(local);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(local) || Number.isNaN(d.getTime())) return local;
  return d.toISOString().replace('.000Z', 'Z');
}

/** A time input's value (`HH:mm[:ss]`) as an RFC 3339 time with today's local offset. */
export const fromLocalTime = (local: string) =>
  (/^\d\d:\d\d$/.test(local) ? `${local}:00` : local) +
  (/^\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(local) ? utcOffset(new Date()) : '');

/** The draft for a field, from a preset value, else the schema default, else empty. */
export function createDraft(doc: SchemaDoc, field: FieldModel, value?: unknown): Draft {
  const v = value !== undefined ? value : field.default;
  switch (field.kind) {
    case 'text':
      if (typeof v !== 'string') return v === undefined || v === null ? '' : JSON.stringify(v);
      return field.inputType === 'datetime-local' ? toLocalDateTime(v) : field.inputType === 'time' ? v.slice(0, 8) : v;
    case 'number':
      return typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '';
    case 'boolean':
      return typeof v === 'boolean' ? v : undefined;
    case 'select': {
      const i = v === undefined ? -1 : field.choices!.findIndex((c) => jsonEqual(c.value, v));
      return i < 0 ? undefined : i;
    }
    case 'multiselect':
      return Array.isArray(v)
        ? field.choices!.flatMap((c, i) => (v.some((x) => jsonEqual(x, c.value)) ? [i] : []))
        : [];
    case 'object':
      return objectDraft(doc, field, isObject(v) ? v : undefined, isObject(v) || !(field.recursive || field.nullable));
    case 'array':
      return {
        t: 'array',
        items: Array.isArray(v)
          ? v.map((x) => ({ id: nextId(), value: openDraft(doc, itemField(doc, field), x) }))
          : [],
      };
    case 'variant': {
      const choice = v === null ? -1 : matchVariant(doc, field, v);
      return {
        t: 'variant',
        choice,
        value: choice < 0 ? undefined : openDraft(doc, variantField(doc, field, choice), v),
      };
    }
    case 'const':
      return undefined;
    default:
      return v === undefined ? '' : JSON.stringify(v, null, 2);
  }
}

/** A draft that is shown at once, even for a recursive object: an array item or a variant's shape. */
export function openDraft(doc: SchemaDoc, field: FieldModel, value?: unknown): Draft {
  return field.kind === 'object'
    ? objectDraft(doc, field, isObject(value) ? value : undefined, true)
    : createDraft(doc, field, value);
}

/** An object draft; its children are built only when it is open. */
export function objectDraft(
  doc: SchemaDoc,
  field: FieldModel,
  value: Record<string, unknown> | undefined,
  open: boolean,
): ObjectDraft {
  const d: ObjectDraft = { t: 'object', open, added: value !== undefined, props: new Map(), entries: [] };
  if (!open) return d;
  const names = new Set<string>();
  for (const p of field.properties ?? []) {
    names.add(p.name);
    d.props.set(p.name, createDraft(doc, propertyField(doc, field, p), own(value, p.name)));
  }
  if (field.entries && value)
    for (const [key, x] of Object.entries(value))
      if (!names.has(key)) d.entries.push({ id: nextId(), key, value: createDraft(doc, entryField(doc, field), x) });
  return d;
}

/** The variant a value fits: by its discriminator, else the first whose required properties it has. */
export function matchVariant(doc: SchemaDoc, field: FieldModel, value: unknown): number {
  if (!isObject(value)) return 0;
  const shapes = field.variants!.map((_, i) => variantField(doc, field, i));
  const d = field.discriminator;
  if (d !== undefined && Object.hasOwn(value, d)) {
    const i = shapes.findIndex((f) => {
      const s = f.properties?.find((p) => p.name === d)?.schema;
      const en = own(s, 'enum');
      return jsonEqual(
        isObject(s) && Object.hasOwn(s, 'const') ? s.const : Array.isArray(en) ? en[0] : undefined,
        value[d],
      );
    });
    if (i >= 0) return i;
  }
  const keys = Object.keys(value);
  const i = shapes.findIndex((f) => {
    const names = (f.properties ?? []).map((p) => p.name);
    return (
      (f.properties ?? []).every((p) => !p.required || keys.includes(p.name)) &&
      keys.every((k) => names.includes(k) || f.entries)
    );
  });
  return Math.max(0, i);
}
