// Keys in a schema come from a server: read them only when they are own properties and write them
// with defineProperty, so a `__proto__` or `constructor` key is data, never a prototype.

/** Whether `v` is a non-array object. */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `obj[key]` if `obj` is an object that owns `key`, else undefined. */
export const own = (obj: unknown, key: string): unknown =>
  isObject(obj) && Object.hasOwn(obj, key) ? obj[key] : undefined;

/** Sets `obj[key]` as an own data property, whatever the key (no `__proto__` setter). */
export function setOwn(obj: object, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The own string-keyed entries of an object-valued keyword such as `properties`. */
export const ownEntries = (obj: unknown): [string, unknown][] => (isObject(obj) ? Object.entries(obj) : []);

/** Structural equality of two JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  )
    return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every(
    (k) => Object.hasOwn(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
