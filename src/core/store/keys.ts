// The keys the client itself keeps per MCP server URL (DESIGN §4): the session, the era, the
// catalogue and the tasks. Apart from records.ts, whose helpers only the elements use, so that
// dist/client.js carries these few functions and not the rest.
export const serverKey = (url: string) => `mcp-server:${url}`;
export const eraKey = (url: string) => `mcp-era:${url}`;
export const catalogueKey = (url: string) => `mcp-catalogue:${url}`;
export const tasksKey = (url: string) => `mcp-tasks:${url}`;
