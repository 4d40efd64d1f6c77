// What our client does in each conformance scenario. Runs in the browser page that
// browser-client.mjs opens; the mock server URL and the scenario come in the query string.
import { McpClient, applyDefaults } from '/dist/client.js';

const clientInfo = { name: 'mcp-elements-conformance', version: '0.1.0' };

const scenarios = {
  async initialize(url) {
    const client = new McpClient({ url, clientInfo });
    await client.connect();
    await client.close();
  },
  async tools_call(url) {
    const client = new McpClient({ url, clientInfo });
    await client.connect();
    const tools = await client.listTools();
    const tool = tools.find((t) => t.name === 'add_numbers');
    if (!tool) throw new Error('add_numbers not listed');
    const result = await client.callTool('add_numbers', { a: 5, b: 3 });
    if (result.isError) throw new Error(JSON.stringify(result));
    await client.close();
  },
  async 'elicitation-sep1034-client-defaults'(url) {
    const client = new McpClient({
      url,
      clientInfo,
      // The person submits without touching the form: every field keeps its default.
      onElicitation: async (params) => ({ action: 'accept', content: applyDefaults(params.requestedSchema, {}) }),
    });
    await client.connect();
    await client.listTools();
    await client.callTool('test_client_elicitation_defaults', {});
    await client.close();
  },
  async 'sse-retry'(url) {
    const client = new McpClient({ url, clientInfo });
    await client.connect();
    await client.listTools();
    await client.callTool('test_reconnection', {});
    await client.close();
  },
};

const params = new URLSearchParams(location.search);
const run = scenarios[params.get('scenario')];
window.__result = undefined;
(run ? run(params.get('server')) : Promise.reject(new Error(`Unknown scenario ${params.get('scenario')}`))).then(
  () => (window.__result = { ok: true }),
  (error) => (window.__result = { ok: false, error: `${error?.name}: ${error?.message}` }),
);
