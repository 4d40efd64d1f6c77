// The JSON Schema validator (@cfworker/json-schema's `validate` with its formats, and our error
// mapping) is the largest part of the element bundle, and a page needs it only once a form or a
// structured result is on screen; so it is its own chunk, loaded when the first one appears.
import type * as Validate from './validate.js';

let loaded: typeof Validate | undefined;
let loading: Promise<typeof Validate> | undefined;

/** Starts loading the validator (once; again after a failure) and resolves with it. */
export function loadValidator(): Promise<typeof Validate> {
  return (loading ??= import('./validate.js').then(
    (m) => (loaded = m),
    (error) => {
      loading = undefined;
      throw error;
    },
  ));
}

/** The validator, once loadValidator() has brought it. */
export const validator = (): typeof Validate | undefined => loaded;
