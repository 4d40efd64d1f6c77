// One level of the form model: what kind of control a (sub)schema needs, with its label, help
// and constraints. Children are described only when they are shown, so recursive and very deep
// schemas cost nothing until a person opens that level.
import { LIMITS } from './limits.js';
import { resolveRef, type SchemaDoc } from './document.js';
import { isObject, own, ownEntries } from './safe.js';

export type FieldKind =
  'text' | 'number' | 'boolean' | 'select' | 'multiselect' | 'const' | 'object' | 'array' | 'variant' | 'json';

/** Why a field is a JSON editor (or cannot be used). */
export type FieldProblem =
  'any' | 'unsupported' | 'tooDeep' | 'tooManyProperties' | 'externalRef' | 'refCycle' | 'never';

export interface Choice {
  label: string;
  value: unknown;
}

export interface Property {
  name: string;
  schema: unknown;
  required: boolean;
}

export interface Variant {
  label: string;
  /** The member schema as written, so the validator can check the chosen branch. */
  schema: unknown;
}

/** Where a field sits: its depth and the `$ref` targets above it (to spot recursion). */
export interface FieldContext {
  depth: number;
  refs: readonly unknown[];
  /**
   * Schemas being described eagerly above this one, within one describeField call (a union's
   * members, an array's items): a `$ref` back to one of them is a cycle, not another level.
   */
  eager?: readonly unknown[];
  /** Described only to learn its kind (a union member, an array item): nested unions are not expanded. */
  probe?: boolean;
}

export interface FieldModel {
  kind: FieldKind;
  /** The schema after `$ref`, `allOf` and nullable unions are resolved, for constraints. */
  schema: Record<string, unknown>;
  title?: string;
  description?: string;
  placeholder?: string;
  default?: unknown;
  readOnly: boolean;
  deprecated: boolean;
  /** The schema also allows `null`. */
  nullable: boolean;
  /** Reached again through a `$ref` on its own path: shown only when the person adds it. */
  recursive: boolean;
  /** The context for this field's children. */
  inner: FieldContext;
  problem?: FieldProblem;
  /** The `$ref` behind `problem`, for the message. */
  ref?: string;
  /** text: the input type for a `format`. */
  inputType?: 'text' | 'email' | 'url' | 'date' | 'datetime-local' | 'time';
  /** number: whole numbers only. */
  integer?: boolean;
  /** select, multiselect: the choices. */
  choices?: Choice[];
  /** const: the only value. */
  value?: unknown;
  /** object: named properties, in schema order. */
  properties?: Property[];
  /** object: the schema of further key/value entries (`additionalProperties`). */
  entries?: unknown;
  /** array: the item schema. */
  items?: unknown;
  /** variant: the shapes to pick from. */
  variants?: Variant[];
  /** variant: the property whose `const` tells the shapes apart. */
  discriminator?: string;
  /** The member schema that was picked out of a nullable `anyOf`/`oneOf`, for validation. */
  branch?: unknown;
}

const FORMATS: Record<string, FieldModel['inputType']> = {
  email: 'email',
  uri: 'url',
  url: 'url',
  date: 'date',
  'date-time': 'datetime-local',
  time: 'time',
};
const ANNOTATIONS = ['title', 'description', 'default', 'examples', 'readOnly', 'deprecated'];

/** The context of a form's top level. */
export const rootContext: FieldContext = { depth: 0, refs: [] };

type Resolved = { schema: unknown; targets: unknown[]; problem?: FieldProblem; ref?: string };

/** Follows `$ref` (local only) and merges `allOf`, keeping the annotations written next to them. */
function resolve(doc: SchemaDoc, input: unknown): Resolved {
  const targets: unknown[] = [];
  let schema = input;
  for (let hops = 0; isObject(schema) && typeof own(schema, '$ref') === 'string'; hops++) {
    const ref = schema.$ref as string;
    const target = resolveRef(doc, ref);
    if (target === undefined) return { schema, targets, problem: 'externalRef', ref };
    if (hops >= LIMITS.refHops || targets.includes(target)) return { schema, targets, problem: 'refCycle', ref };
    targets.push(target);
    const { $ref: _, ...siblings } = schema;
    schema = isObject(target) ? { ...target, ...siblings } : Object.keys(siblings).length ? siblings : target;
  }
  const allOf = own(schema, 'allOf');
  if (isObject(schema) && Array.isArray(allOf)) {
    const { allOf: _, ...rest } = schema;
    let merged: Record<string, unknown> = {};
    for (const member of allOf) {
      const r = resolve(doc, member);
      if (r.problem) return { ...r, targets: [...targets, ...r.targets] };
      if (!isObject(r.schema)) return { schema, targets, problem: 'unsupported' };
      targets.push(...r.targets);
      merged = mergeObjects(merged, r.schema);
      if (!merged) return { schema, targets, problem: 'unsupported' };
    }
    schema = mergeObjects(merged, rest);
    if (!schema) return { schema: input, targets, problem: 'unsupported' };
  }
  return { schema, targets };
}

/**
 * Merges two schemas for display when they only add up (properties, required, annotations); null on a real conflict.
 */
function mergeObjects(a: Record<string, unknown> | null, b: Record<string, unknown>): Record<string, unknown> {
  if (!a) return a as never;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (!Object.hasOwn(out, k) || ANNOTATIONS.includes(k)) out[k] = v;
    else if (k === 'properties' && isObject(v) && isObject(out[k])) out[k] = { ...(out[k] as object), ...v };
    else if (k === 'required' && Array.isArray(v) && Array.isArray(out[k])) out[k] = [...(out[k] as unknown[]), ...v];
    else if (JSON.stringify(out[k]) !== JSON.stringify(v)) return null as never;
  }
  return out;
}

/** The label for a choice: its `title`, else the value itself. */
const choiceLabel = (value: unknown, title?: unknown) =>
  typeof title === 'string' && title ? title : typeof value === 'string' ? value : JSON.stringify(value);

/** The choices of a titled `oneOf`/`anyOf` of consts, or undefined if some member is not a const. */
function constChoices(doc: SchemaDoc, members: unknown[]): Choice[] | undefined {
  const out: Choice[] = [];
  for (const m of members) {
    const s = resolve(doc, m).schema;
    const en = own(s, 'enum');
    if (Object.hasOwn(isObject(s) ? s : {}, 'const'))
      out.push({ value: own(s, 'const'), label: choiceLabel(own(s, 'const'), own(s, 'title')) });
    else if (Array.isArray(en) && en.length === 1)
      out.push({ value: en[0], label: choiceLabel(en[0], own(s, 'title')) });
    else return undefined;
  }
  return out;
}

/** The choices of an `enum`, labelled by the legacy `enumNames` where given. */
function enumChoices(values: unknown[], names: unknown): Choice[] {
  return values.map((value, i) => ({ value, label: choiceLabel(value, Array.isArray(names) ? names[i] : undefined) }));
}

const isNullSchema = (s: unknown) =>
  own(s, 'type') === 'null' || (isObject(s) && Object.hasOwn(s, 'const') && s.const === null);

/** Describes one schema as one form field; `ctx` says where it sits. */
export function describeField(doc: SchemaDoc, input: unknown, ctx: FieldContext = rootContext): FieldModel {
  const r = resolve(doc, input);
  // `{"oneOf": [{"$ref": "#"}]}` would describe itself forever: a cycle among eager descriptions ends here.
  if (ctx.eager?.some((x) => r.targets.includes(x)))
    return {
      kind: 'json',
      schema: isObject(r.schema) ? r.schema : {},
      readOnly: false,
      deprecated: false,
      nullable: false,
      recursive: true,
      inner: { depth: ctx.depth + 1, refs: ctx.refs },
      problem: 'refCycle',
    };
  const recursive = r.targets.some((t) => ctx.refs.includes(t));
  const inner: FieldContext = { depth: ctx.depth + 1, refs: r.targets.length ? [...ctx.refs, ...r.targets] : ctx.refs };
  let s: Record<string, unknown> = isObject(r.schema) ? r.schema : {};
  const field: FieldModel = {
    kind: 'json',
    schema: s,
    readOnly: false,
    deprecated: false,
    nullable: false,
    recursive,
    inner,
  };
  const annotate = () => {
    const title = own(s, 'title');
    const description = own(s, 'description');
    const examples = own(s, 'examples');
    field.title = typeof title === 'string' && title ? title : undefined;
    field.description = typeof description === 'string' && description ? description : undefined;
    if (Object.hasOwn(s, 'default')) field.default = s.default;
    if (Array.isArray(examples) && examples.length)
      field.placeholder = typeof examples[0] === 'string' ? examples[0] : JSON.stringify(examples[0]);
    field.readOnly = s.readOnly === true;
    field.deprecated = s.deprecated === true;
    field.schema = s;
  };
  annotate();
  if (r.problem) return { ...field, problem: r.problem, ref: r.ref };
  if (r.schema === false) return { ...field, problem: 'never' };
  if (ctx.depth >= LIMITS.depth) return { ...field, problem: 'tooDeep' };

  // Nullable unions: `type: [X, "null"]`, or `anyOf`/`oneOf` with a `{type: "null"}` member.
  let type = own(s, 'type');
  if (Array.isArray(type)) {
    const rest = type.filter((t) => t !== 'null');
    field.nullable = rest.length < type.length;
    type = rest.length === 1 ? rest[0] : rest.length === 0 ? 'null' : type;
  }
  const union = (['oneOf', 'anyOf'] as const).find((k) => Array.isArray(own(s, k)));
  if (union) {
    const eager: FieldContext = { ...ctx, eager: [...(ctx.eager ?? []), input, ...r.targets] };
    const all = s[union] as unknown[];
    const members = all.filter((m) => !isNullSchema(resolve(doc, m).schema));
    field.nullable ||= members.length < all.length;
    const choices = members.length ? constChoices(doc, members) : undefined;
    if (choices) return { ...field, kind: 'select', choices };
    if (members.length === 1) {
      // `anyOf: [X, null]`: show X, keeping the labels written on the union.
      const { [union]: _, ...outer } = s;
      const one = describeField(doc, members[0], eager);
      const keep = Object.fromEntries(Object.entries(outer).filter(([k]) => ANNOTATIONS.includes(k)));
      s = { ...one.schema, ...keep };
      annotate();
      return { ...one, ...pick(field), schema: s, nullable: true, branch: members[0] };
    }
    // Only the kind of each shape matters here; expanding unions nested in them could take exponential time.
    if (ctx.probe) return { ...field, problem: 'unsupported' };
    const shapes = members.map((m) => describeField(doc, m, { ...eager, probe: true }));
    if (members.length && shapes.every((f) => f.kind === 'object' && !f.problem)) {
      const [discriminator, values] = discriminatorOf(s, shapes) ?? [];
      const labels = shapes.map((f, i) => f.title ?? (values ? choiceLabel(values[i]) : ''));
      return {
        ...field,
        kind: 'variant',
        variants: members.map((schema, i) => ({ schema, label: labels[i] })),
        discriminator,
      };
    }
    return { ...field, problem: 'unsupported' };
  }
  const en = own(s, 'enum');
  if (Array.isArray(en)) return { ...field, kind: 'select', choices: enumChoices(en, own(s, 'enumNames')) };
  if (Object.hasOwn(s, 'const')) return { ...field, kind: 'const', value: s.const };
  if (type === 'null') return { ...field, kind: 'const', value: null };
  if (type === 'string') {
    const format = own(s, 'format');
    return { ...field, kind: 'text', inputType: (typeof format === 'string' && FORMATS[format]) || 'text' };
  }
  if (type === 'number' || type === 'integer') return { ...field, kind: 'number', integer: type === 'integer' };
  if (type === 'boolean') return { ...field, kind: 'boolean' };
  if (type === 'array') return describeArray(doc, field, s, ctx);
  if (type === 'object' || (type === undefined && (isObject(s.properties) || isObject(s.additionalProperties))))
    return describeObject(field, s);
  return {
    ...field,
    problem:
      type === undefined && !Object.keys(s).some((k) => !ANNOTATIONS.includes(k) && k !== '$schema' && k !== '$defs')
        ? 'any'
        : 'unsupported',
  };
}

/** The annotation fields of a model, to lay over another. */
const pick = ({ title, description, placeholder, readOnly, deprecated }: FieldModel) => {
  const out: Partial<FieldModel> = { readOnly, deprecated };
  if (title) out.title = title;
  if (description) out.description = description;
  if (placeholder) out.placeholder = placeholder;
  return out;
};

function describeObject(field: FieldModel, s: Record<string, unknown>): FieldModel {
  const props = ownEntries(s.properties);
  if (props.length > LIMITS.properties) return { ...field, problem: 'tooManyProperties' };
  const required = new Set(
    Array.isArray(s.required) ? s.required.filter((k): k is string => typeof k === 'string') : [],
  );
  const extra = s.additionalProperties;
  const entries = isObject(extra) && Object.keys(extra).length ? extra : undefined;
  if (!props.length && !entries && extra !== false) return { ...field, problem: 'any' };
  if (isObject(s.patternProperties) && !props.length) return { ...field, problem: 'unsupported' };
  return {
    ...field,
    kind: 'object',
    properties: props.map(([name, schema]) => ({ name, schema, required: required.has(name) })),
    entries,
  };
}

function describeArray(doc: SchemaDoc, field: FieldModel, s: Record<string, unknown>, ctx: FieldContext): FieldModel {
  const items = s.items;
  if (!isObject(items) || Array.isArray(s.prefixItems))
    return { ...field, problem: items === undefined && s.prefixItems === undefined ? 'any' : 'unsupported' };
  const item = describeField(doc, items, {
    ...ctx,
    depth: ctx.depth + 1,
    eager: [...(ctx.eager ?? []), s],
    probe: true,
  });
  if (item.kind === 'select' && !item.problem) return { ...field, kind: 'multiselect', choices: item.choices };
  return { ...field, kind: 'array', items };
}

/** The property that is a distinct `const` in every shape (or OpenAPI's `discriminator.propertyName`), if any. */
function discriminatorOf(s: Record<string, unknown>, shapes: FieldModel[]): [string, unknown[]] | undefined {
  const named = own(own(s, 'discriminator'), 'propertyName');
  const candidates = typeof named === 'string' ? [named] : (shapes[0].properties ?? []).map((p) => p.name);
  for (const name of candidates) {
    const values = shapes.map((f) => {
      const p = f.properties?.find((q) => q.name === name)?.schema;
      const en = own(p, 'enum');
      return isObject(p) && Object.hasOwn(p, 'const')
        ? p.const
        : Array.isArray(en) && en.length === 1
          ? en[0]
          : undefined;
    });
    if (values.every((v) => v !== undefined) && new Set(values.map((v) => JSON.stringify(v))).size === values.length)
      return [name, values];
  }
  return undefined;
}

/** The model of one named property of an object field. */
export const propertyField = (doc: SchemaDoc, parent: FieldModel, prop: Property) =>
  describeField(doc, prop.schema, parent.inner);

/** The model of an array field's items. */
export const itemField = (doc: SchemaDoc, parent: FieldModel) => describeField(doc, parent.items, parent.inner);

/** The model of the values of an object field's free key/value entries. */
export const entryField = (doc: SchemaDoc, parent: FieldModel) => describeField(doc, parent.entries, parent.inner);

/** The model of one shape of a variant field. */
export const variantField = (doc: SchemaDoc, parent: FieldModel, choice: number) =>
  describeField(doc, parent.variants![choice].schema, parent.inner);
