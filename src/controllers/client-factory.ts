// The one way an element makes an McpClient: <mcp-client>, a standalone <mcp-tool-form> and
// <mcp-server-list> keep their data in the same store and introduce themselves the same way.
import { McpClient, type McpClientOptions } from '../core/client/client.js';
import { idbStore } from '../core/store/idb.js';
import type { KeyValueStore } from '../core/store/store.js';

/** Who the elements say they are in `initialize` and `server/discover`. */
const CLIENT_INFO = { name: 'mcp-web-components', version: '0.1.0' };

let shared: KeyValueStore | undefined;

/** The store of elements given none: IndexedDB (idbStore's default database), one handle per page. */
export const defaultStore = (): KeyValueStore => (shared ??= idbStore());

/** A client with the elements' defaults (the default store, CLIENT_INFO, MCP Apps declared: <mcp-tool-form> shows views) where the options leave them out; auth, transport and handlers pass through. */
export const createClient = (options: McpClientOptions): McpClient =>
  new McpClient({ apps: true, ...options, store: options.store ?? defaultStore(), clientInfo: options.clientInfo ?? CLIENT_INFO });
