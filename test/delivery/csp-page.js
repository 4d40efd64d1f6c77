// Runs a tool call through <mcp-tool-form> from the script-tag build and reports to the parent test.
const url = new URLSearchParams(location.search).get('server');
const form = document.getElementById('form');
const report = (message) => parent.postMessage({ csp: true, ...message }, location.origin);
form.values = { message: 'under CSP' };
form.url = url;
form.addEventListener('mcp-tool-result', async (e) => {
  // A client with the auth option loads the sign-in code (a lazy chunk beside the script) as it connects.
  const client = new McpWebComponents.McpClient({ url, auth: { redirectUri: `${location.origin}/callback` } });
  const auth = await client.connect().then(
    () => 'connected',
    (error) => error.message,
  );
  await client.close();
  const chunks = performance
    .getEntriesByType('resource')
    .map((r) => new URL(r.name).pathname)
    .filter((p) => p.startsWith('/dist/chunks/'));
  report({
    result: e.result,
    error: e.error?.message,
    violations: window.__violations,
    global: typeof window.McpWebComponents?.McpClient,
    alias: window.McpElements === window.McpWebComponents,
    auth,
    chunks,
  });
});
const run = () => {
  const button = [...(form.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent.trim() === 'Run');
  if (button) button.click();
  else setTimeout(run, 50);
};
run();
