// The smallest browser use of the official v2 client: Client + Streamable HTTP transport
// (the package picks its browser shims through the `browser` export condition).
export { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
