// The headless client on a page of its own: connect, list the tools, call one. A server's sampling
// and elicitation requests go to the real dialogs' open(), so a person answers them as in the widget.
import { McpClient } from '/dist/client.js';
import '/dist/mcp-web-components.js'; // defines <mcp-sampling-dialog> and <mcp-elicitation-dialog>

const $ = (id) => document.getElementById(id);
const show = (text) => ($('result').textContent = text); // server text as text, never as HTML
const { mcpUrl } = await fetch('/demo-config.json').then((r) => r.json());
/** Arguments to try each demo tool with; summarize asks for sampling, book_table for elicitation. */
const examples = {
  echo: { message: 'hello' },
  add: { a: 19, b: 23 },
  countdown: { from: 3 },
  summarize: { text: 'MCP lets a web page use tools.' },
  book_table: { restaurant: 'Tasca' },
};

const client = new McpClient({
  url: mcpUrl,
  clientInfo: { name: 'mcp-web-components-headless-demo', version: '0.1.0' },
  // No page LLM here, so the person writes the reply; a rejection reaches the server as "user rejected".
  onSampling: (params, { server, signal }) => $('sampling').open({ params, server, signal }),
  onElicitation: (params, { server, signal }) => $('elicitation').open({ params, server, signal }),
});
client.addEventListener(
  'statechange',
  () =>
    ($('status').textContent =
      `${client.state}: ${client.serverInfo?.title ?? mcpUrl} (${client.protocolVersion ?? '…'})`),
);
await client.connect();

for (const tool of await client.listTools()) {
  const item = $('tools').appendChild(document.createElement('li'));
  const args = examples[tool.name];
  if (args) {
    const run = item.appendChild(document.createElement('button'));
    run.textContent = `Run ${tool.title ?? tool.name}`;
    run.addEventListener('click', async () => {
      show(`${tool.name}(${JSON.stringify(args)})…`);
      const onProgress = ({ progress, total, message }) => show(`${progress}/${total ?? '?'} ${message ?? ''}`);
      const result = await client
        .callTool(tool.name, args, { onProgress })
        .catch((e) => ({ content: [{ type: 'text', text: `Failed: ${e.message}` }] }));
      show(result.content.map((c) => (c.type === 'text' ? c.text : `[${c.type}]`)).join('\n'));
    });
  }
  item.append(` ${tool.name}: ${tool.description ?? ''}`);
}
