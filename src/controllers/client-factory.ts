// The one way an element makes an McpClient: <mcp-client>, a standalone <mcp-tool-form> and
// <mcp-server-list> keep their data in the same store and introduce themselves the same way (as
// the headless client does when not told otherwise: clientInfoOf in core/client/input.ts).
import { McpClient, type McpClientOptions } from '../core/client/client.js';
import { idbStore } from '../core/kv/idb.js';
import type { KeyValueStore } from '../core/kv/store.js';

let shared: KeyValueStore | undefined;

/** The store of elements given none: IndexedDB (idbStore's default database), one handle per page. */
export const defaultStore = (): KeyValueStore => (shared ??= idbStore());

/**
 * A client with the elements' defaults where the options give none: the default store, and MCP Apps declared
 * (<mcp-tool-form> shows views); everything else passes through.
 */
export const createClient = (options: McpClientOptions): McpClient =>
  new McpClient({ apps: true, skills: true, listToolsEarly: true, ...options, store: options.store ?? defaultStore() });
