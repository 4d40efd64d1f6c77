// The one way an element gets an McpClient: <mcp-client>, a standalone <mcp-tool-form>, <mcp-app-view>,
// <mcp-server-list> and <mcp-workspace> keep their data in the same store, introduce themselves the same
// way (as the headless client does when not told otherwise: clientInfoOf in core/client/input.ts), and
// share one client per server with everything else on the page that names it the same way (core/client/pool.ts).
import type { McpClientOptions } from '../core/client/client.js';
import { sharedClient, type ClientLease } from '../core/client/pool.js';
import { idbStore } from '../core/kv/idb.js';
import type { KeyValueStore } from '../core/kv/store.js';

let shared: KeyValueStore | undefined;

/** The store of elements given none: IndexedDB (idbStore's default database), one handle per page. */
export const defaultStore = (): KeyValueStore => (shared ??= idbStore());

/**
 * The page's client for these options, with the elements' defaults where the options give none: the default store,
 * MCP Apps declared (<mcp-tool-form> shows views) and the tool list asked for early; everything else passes through.
 */
export const leaseClient = (options: McpClientOptions): ClientLease =>
  sharedClient({ apps: true, listToolsEarly: true, ...options, store: options.store ?? defaultStore() });
