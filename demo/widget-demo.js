// Wires the demo page: picks the server, a fake "page LLM" for sampling, the theme, and the
// low-code form. Everything else is the elements themselves.
const config = await fetch('/demo-config.json')
  .then((r) => r.json())
  .catch(() => ({}));
const widget = document.getElementById('widget');
const weather = document.getElementById('weather');
const server = document.getElementById('server');
const customUrl = document.getElementById('custom-url');
const fakeLlm = document.getElementById('fake-llm');
const theme = document.getElementById('theme');
const workspace = document.getElementById('workspace');
const forms = [...document.querySelectorAll('.demo-form')];

if (!config.everythingUrl) server.querySelector('[value=everything]').disabled = true;
const params = new URLSearchParams(location.search);
if (params.get('server')) server.value = params.get('server');
if (params.get('theme')) theme.value = params.get('theme');

function urlFor(choice) {
  if (choice === 'everything') return config.everythingUrl;
  if (choice === 'custom') return customUrl.value;
  return config.mcpUrl;
}

function applyServer() {
  customUrl.hidden = server.value !== 'custom';
  const url = urlFor(server.value);
  if (url) widget.url = url;
}

/** A stand-in for the page's own LLM: it answers deterministically so the flow can be tried offline. */
async function fakePageLlm(params) {
  const text = params.messages
    .flatMap((m) => (Array.isArray(m.content) ? m.content : [m.content]))
    .filter((c) => c.type === 'text')
    .map((c) => c.text)
    .join(' ');
  await new Promise((r) => setTimeout(r, 400));
  return {
    role: 'assistant',
    model: 'demo-fake-llm',
    stopReason: 'endTurn',
    content: { type: 'text', text: `(fake LLM) In short: ${text.slice(0, 120)}` },
  };
}

function applyTheme() {
  for (const el of [widget, weather, workspace, document.getElementById('app'), ...forms]) {
    if (theme.value) el.setAttribute('theme', theme.value);
    else el.removeAttribute('theme');
  }
  document.documentElement.dataset.theme = theme.value;
}

server.addEventListener('change', applyServer);
customUrl.addEventListener('change', applyServer);
fakeLlm.addEventListener('change', () => (widget.samplingHandler = fakeLlm.checked ? fakePageLlm : undefined));
theme.addEventListener('change', applyTheme);
document.getElementById('server-form').addEventListener('submit', (e) => e.preventDefault());

widget.samplingHandler = fakePageLlm;
widget.addEventListener('mcp-tool-result', (e) => console.info('mcp-tool-result', e.tool, e.result ?? e.error));
applyTheme();
applyServer();

weather.values = { city: 'Lisbon' };
weather.locked = ['city'];
weather.url = config.mcpUrl;
for (const form of forms) form.url = config.mcpUrl;

const app = document.getElementById('app');
if (config.debugUrl) {
  app.setAttribute('sandbox-url', config.sandboxUrl);
  app.url = config.debugUrl;
  app.addEventListener('mcp-app-message', (e) => console.info('mcp-app-message', e.content));
} else app.hidden = true;

// The workspace keeps its list in its own database here, and holds the demo's servers (their ports change between
// runs, so each run adds the ones it lacks; one already there is left as it is; remove old ones with Remove).
workspace.store = window.McpWebComponents.idbStore('mcp-demo-workspace');
workspace.samplingHandler = fakePageLlm;
// MCP App views inside it read the sandbox page from their nearest ancestor, as under <mcp-client>.
if (config.sandboxUrl) workspace.setAttribute('sandbox-url', config.sandboxUrl);
await customElements.whenDefined('mcp-workspace');
for (const url of [config.mcpUrl, config.everythingUrl, config.debugUrl].filter(Boolean))
  await workspace.addServer(url);
