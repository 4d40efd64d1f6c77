// The IndexedDB adapter of the storage port, on idb-keyval: one database (`mcp-web-components` by
// default), one object store (`kv`).
import { createStore, del, get, keys, set } from 'idb-keyval';
import type { KeyValueStore } from './store.js';

/** A KeyValueStore over IndexedDB; tests pass their own database name. */
export function idbStore(dbName = 'mcp-web-components', storeName = 'kv'): KeyValueStore {
  const db = createStore(dbName, storeName);
  return {
    get: (key) => get(key, db),
    set: (key, value) => set(key, value, db),
    del: (key) => del(key, db),
    keys: async (prefix = '') => ((await keys(db)) as IDBValidKey[]).filter((k): k is string => typeof k === 'string' && k.startsWith(prefix)),
  };
}
