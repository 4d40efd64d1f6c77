// Write-behind over a KeyValueStore: writes land in memory at once and reach the store together a
// little later, so a burst of SSE events or keystrokes costs one IndexedDB transaction, not one each.
import type { KeyValueStore } from './store.js';

/** A KeyValueStore whose writes are coalesced; `flush()` writes what is pending now. */
export interface BatchedStore extends KeyValueStore {
  flush(): Promise<void>;
}

const DELETED = Symbol('deleted');

/** Wraps a store so writes are coalesced per key and written after `delayMs` (reads see them at once). */
export function batchedStore(store: KeyValueStore, delayMs = 100): BatchedStore {
  let pending = new Map<string, unknown>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = new Map();
    // Chained, so a later batch never overtakes an earlier one for the same key.
    writing = writing.then(() =>
      Promise.all([...batch].map(([k, v]) => (v === DELETED ? store.del(k) : store.set(k, v)))).then(
        () => {},
        () => {}, // storage full or blocked: persistence is best effort, the page keeps working
      ),
    );
    return writing;
  };
  const later = (key: string, value: unknown) => {
    // Not cloned here (a 1,000-tool catalogue costs ms): the store clones when it writes, and callers replace what they
    // keep rather than change it.
    pending.set(key, value);
    timer ??= setTimeout(flush, delayMs);
  };
  // Hidden pages may be killed without notice: write what is pending while the page can.
  globalThis.addEventListener?.('pagehide', () => void flush());

  return {
    async get<T>(key: string) {
      if (pending.has(key)) {
        const v = pending.get(key);
        return v === DELETED ? undefined : (structuredClone(v) as T);
      }
      await writing;
      return store.get<T>(key);
    },
    set: async (key, value) => later(key, value),
    del: async (key) => later(key, DELETED),
    async keys(prefix = '') {
      await writing;
      const stored = new Set(await store.keys(prefix));
      for (const [k, v] of pending) if (k.startsWith(prefix)) v === DELETED ? stored.delete(k) : stored.add(k);
      return [...stored];
    },
    flush,
    ...(store.peek && {
      peek: (key: string) =>
        pending.has(key) ? (pending.get(key) === DELETED ? undefined : pending.get(key)) : store.peek!(key),
    }),
  };
}
