// The JSON Schema validator (@cfworker/json-schema's `validate` with its formats, and our error
// mapping) and the schema form's field models and drafts (form-kit.ts) are the largest part of the
// element bundle, and a page needs them only once a form or a structured result is on screen; so they
// are one chunk, loaded when the first one appears.
import type * as Validate from './form-kit.js';

let loaded: typeof Validate | undefined;
let loading: Promise<typeof Validate> | undefined;

/** Starts loading the validator (once; again after a failure) and resolves with it. */
export function loadValidator(): Promise<typeof Validate> {
  return (loading ??= import('./form-kit.js').then(
    (m) => (loaded = m),
    (error) => {
      loading = undefined;
      throw error;
    },
  ));
}

/** The validator, once loadValidator() has brought it. */
export const validator = (): typeof Validate | undefined => loaded;
