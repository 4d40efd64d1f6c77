// The smallest browser use of the official v1 SDK client: Client + Streamable HTTP transport.
export { Client } from '@modelcontextprotocol/sdk/client/index.js';
export { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
