// The keys the client itself keeps per MCP server URL (DESIGN §4): the session, the era, the
// catalogue and the tasks. Apart from records.ts, whose helpers only the elements use, so that
// dist/client.js carries these few functions and not the rest.
import { PEEK_PREFIX } from '../kv/store.js';

export const serverKey = (url: string) => `mcp-server:${url}`;
/** The era a URL last spoke, a key the IndexedDB store also mirrors for peek(). */
export const eraKey = (url: string) => `${PEEK_PREFIX}${url}`;
export const catalogueKey = (url: string) => `mcp-catalogue:${url}`;
export const tasksKey = (url: string) => `mcp-tasks:${url}`;
