// Puts one <mcp-client> on the page, as a host would write it: url (the MCP server) and, when given, relay.
const params = new URLSearchParams(location.search);
const el = document.createElement('mcp-client');
el.setAttribute('url', params.get('url'));
if (params.get('relay')) el.setAttribute('relay', params.get('relay'));
// Its own IndexedDB database, as every test file has (the browser keeps IndexedDB between files).
el.store = globalThis.McpWebComponents.idbStore(`mcp-relay-test-${params.get('run')}`);
document.body.append(el);
