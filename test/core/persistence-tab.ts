// A host page standing in for one browser tab: it connects to `server` over IndexedDB database `db`,
// reports what it hears to the test page, and calls a tool when the test page asks.
import { McpClient } from '../../src/client.js';
import { idbStore } from '../../src/store.js';

const params = new URLSearchParams(location.search);
const name = params.get('name')!;
const store = idbStore(params.get('db')!);
const client = new McpClient({ url: params.get('server')!, store, transport: 'streamable-http' });
const report = (message: Record<string, unknown>) =>
  parent.postMessage({ type: 'mcp-tab', name, ...message }, location.origin);

client.addEventListener('log', (e) => report({ log: (e as CustomEvent<{ data: unknown }>).detail.data }));
addEventListener('message', async (e) => {
  if (e.data?.call) {
    const result = await client.callTool(e.data.call, e.data.arguments ?? {});
    report({ result: (result.content[0] as { text: string }).text });
  }
});
try {
  await client.connect();
  report({ ready: true });
} catch (error) {
  report({ failed: String(error) });
}
