// The IndexedDB adapter of the storage port, on idb-keyval: one database (`mcp-web-components` by
// default), one object store (`kv`), and each server's era mirrored in localStorage for peek().
// The era key is the one thing of what is kept it knows (from core/store/keys.ts, a leaf module):
// a prefix declared here instead moved the key functions into dist/client.js's own chunk and cost
// it 50 B gzip.
import { createStore, del, get, keys, set } from 'idb-keyval';
import { eraKey } from '../store/keys.js';
import type { KeyValueStore } from './store.js';

/** localStorage, where the page may use it (not in every sandbox, not always for writing); null where it fails. */
const local = <T>(fn: (s: Storage) => T): T | null => {
  try {
    return fn(localStorage);
  } catch {
    return null;
  }
};

/** A KeyValueStore over IndexedDB; tests pass their own database name. */
export function idbStore(dbName = 'mcp-web-components', storeName = 'kv'): KeyValueStore {
  const db = createStore(dbName, storeName);
  // On a first visit there is no database: creating one takes tens of milliseconds, and the reads
  // that decide how to connect need not wait for that to learn there is nothing to read. Until this
  // page writes, a read first asks whether the database exists (a few ms); the first write creates it.
  let exists: Promise<boolean> | undefined;
  let wrote = false;
  let writable: boolean | undefined;
  const read = <T>(op: () => Promise<T>, none: T): Promise<T> => {
    if (wrote || !indexedDB.databases) return op();
    // "It exists" is kept; "it does not" is asked again next time, as another tab may create it.
    const asked = (exists ??= indexedDB.databases().then(
      (list) => list.some((d) => d.name === dbName),
      () => true,
    ));
    return asked.then((yes) => (yes || wrote ? op() : ((exists = exists === asked ? undefined : exists), none)));
  };
  // The era of each URL (a short string) is also in localStorage, which answers synchronously.
  const mirrored = (key: string) => key.startsWith(eraKey('')) && `${dbName}/${storeName}:${key}`;
  const write = <T>(key: string, op: () => Promise<T>, value?: unknown): Promise<T> => {
    wrote = true;
    const m = mirrored(key);
    if (m) local((s) => (typeof value === 'string' ? s.setItem(m, value) : s.removeItem(m)));
    return op();
  };
  return {
    get: (key) => read(() => get(key, db), undefined),
    set: (key, value) => write(key, () => set(key, value, db), value),
    del: (key) => write(key, () => del(key, db)),
    keys: (prefix = '') =>
      read(
        async () =>
          ((await keys(db)) as IDBValidKey[]).filter((k): k is string => typeof k === 'string' && k.startsWith(prefix)),
        [],
      ),
    // The era as the mirror has it; undefined when it has none; null where it cannot say (another key,
    // or a localStorage this page cannot write, whose silence would wrongly mean "nothing kept").
    peek: (key) => {
      const m = mirrored(key);
      writable ??= !!local(
        (s) => (s.setItem(`${dbName}/${storeName}:?`, ''), s.removeItem(`${dbName}/${storeName}:?`), true),
      );
      if (!m || !writable) return null;
      try {
        return localStorage.getItem(m) ?? undefined;
      } catch {
        return null;
      }
    },
  };
}
