// What a schema form needs besides lit, loaded as its own chunk when the first form (or structured
// result) connects: the validator, and the schema document, field models and drafts behind the fields.
export * from './validate.js';
export { childPath, draftToArguments } from './arguments.js';
export { describeField, entryField, itemField, propertyField, variantField } from './describe.js';
export { loadSchema } from './document.js';
export { createDraft, nextId, objectDraft, openDraft } from './draft.js';
