// Fills a form's omitted fields from the schema's `default` values (SEP-1034), for elicitation
// answers and tool forms alike. Only the top-level properties of an object schema are filled.
import type { JsonSchema } from '../protocol/types.js';

/** A copy of `values` with every property that has a schema default and no value filled in. */
export function applyDefaults<T extends Record<string, unknown>>(schema: JsonSchema | undefined, values: T): T {
  const out: Record<string, unknown> = { ...values };
  const props = (schema?.properties ?? {}) as Record<string, JsonSchema>;
  for (const [key, sub] of Object.entries(props)) {
    if (out[key] === undefined && sub && typeof sub === 'object' && 'default' in sub) out[key] = structuredClone(sub.default);
  }
  return out as T;
}
