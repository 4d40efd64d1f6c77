// Storage entry (dist/store.js): the stores McpClient's `store` option takes, and the records the
// elements keep in them. Apart from the headless client, so a page that imports only McpClient
// does not download IndexedDB code it never calls.
export { idbStore } from './core/kv/idb.js';
export { memoryStore } from './core/kv/store.js';
export type { KeyValueStore } from './core/kv/store.js';
export { clearHistory, readDraft, readHistory, saveDraft } from './core/store/records.js';
export type { Catalogue, HistoryEntry, SavedServer, ServerRecord } from './core/store/records.js';
export type { BatchedStore } from './core/kv/batched.js';
