// Runs a schema and a preset value through the whole model: load, describe, draft, arguments, validation.
import { draftToArguments } from '../../../../src/core/schema/arguments.js';
import { describeField } from '../../../../src/core/schema/describe.js';
import { loadSchema } from '../../../../src/core/schema/document.js';
import { createDraft } from '../../../../src/core/schema/draft.js';
import { validateArguments } from '../../../../src/core/schema/validate.js';

export function roundTrip(schema: unknown, value?: Record<string, unknown>, locked: string[] = []) {
  const doc = loadSchema(schema);
  const root = describeField(doc, doc.root);
  const draft = createDraft(doc, root, value);
  const { value: args, collected } = draftToArguments(doc, draft, locked);
  const errors = validateArguments(doc, args, collected);
  return {
    doc,
    root,
    draft,
    args: args as Record<string, unknown>,
    errors: Object.fromEntries([...errors].map(([k, e]) => [k, e.keyword])),
  };
}

/** The model of the property `name` of an object schema. */
export function fieldOf(schema: Record<string, unknown>, name = 'x') {
  const doc = loadSchema({
    type: 'object',
    ...schema,
    properties: { [name]: (schema.properties as Record<string, unknown>)?.[name] ?? schema.x },
  });
  const root = describeField(doc, doc.root);
  return describeField(doc, root.properties![0].schema, root.inner);
}

/** A schema nested `levels` objects deep. */
export function nested(levels: number): Record<string, unknown> {
  let s: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < levels; i++) s = { type: 'object', properties: { a: s } };
  return s;
}
