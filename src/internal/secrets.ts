// Fields that hold secrets: shown as password inputs and never kept in drafts or the call history
// (the store outlives the page, and other code on the origin can read it).
import { isObject } from '../core/schema/safe.js';

const SECRET_NAME = /pass(word|phrase|code)|secret|token|api[\s_-]?key|credential|private[\s_-]?key/i;

/**
 * Whether a property (by name, title or schema) is a secret: `writeOnly`, `format: password`, or a name like password,
 * token, apiKey.
 */
export function isSecret(name: string, schema: unknown): boolean {
  const s = isObject(schema) ? (schema as Record<string, unknown>) : {};
  return (
    s.writeOnly === true ||
    s.format === 'password' ||
    SECRET_NAME.test(name) ||
    SECRET_NAME.test(typeof s.title === 'string' ? s.title : '')
  );
}

/** A copy of `value` without the secret properties `schema` describes, at any depth of plain properties. */
export function withoutSecrets(schema: unknown, value: unknown, depth = 0): unknown {
  if (!isObject(value) || Array.isArray(value) || depth > 16) return value;
  const props =
    isObject(schema) && isObject((schema as Record<string, unknown>).properties)
      ? ((schema as Record<string, unknown>).properties as Record<string, unknown>)
      : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const sub = Object.hasOwn(props, k) ? props[k] : undefined;
    if (!isSecret(k, sub))
      Object.defineProperty(out, k, {
        value: withoutSecrets(sub, v, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}
