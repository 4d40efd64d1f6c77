// The storage port: a tiny async key-value interface that sessions, catalogues, drafts, history,
// tokens and client registrations go through, so the same code runs over IndexedDB in a page and
// over memory in tests.

/** An async key-value store; keys are strings prefixed `mcp-`, values are structured-cloneable. */
export interface KeyValueStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Every key, or every key that starts with `prefix`. */
  keys(prefix?: string): Promise<string[]>;
  /**
   * Optional: what the store can say at once, before its first read can answer (the IndexedDB store
   * mirrors each URL's era in localStorage): the value, undefined when the store holds none, null when
   * it cannot say. A hint the client connects by: with no era known for a URL it does not wait for the
   * store (a first visit keeps nothing to resume).
   */
  peek?(key: string): unknown;
}

/** A store that lives as long as the page; values are cloned in and out like IndexedDB does. */
export function memoryStore(): KeyValueStore {
  const data = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => structuredClone(data.get(key)) as T | undefined,
    set: async (key, value) => void data.set(key, structuredClone(value)),
    del: async (key) => void data.delete(key),
    keys: async (prefix = '') => [...data.keys()].filter((k) => k.startsWith(prefix)),
  };
}
