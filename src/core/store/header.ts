// The header a person gave for one server in <mcp-workspace> (an API key), kept like a token under its own key.
// Apart from records.ts: only the workspace's chunk and forget.ts (itself a chunk) use it, so the element bundle
// does not carry it.

/** `{ name, value }` of the header the person gave for this server URL. */
export const headerKey = (url: string) => `mcp-header:${url}`;
