// A host page that signs in by full-page redirect: on its first load it finds that the server needs
// authorization and leaves for the authorization server; after the callback page sends it back it
// connects with the resumed flow's token and calls the protected tool. It reports to the test page.
import { McpAuthError, McpClient } from '../../src/client.js';
import { idbStore } from '../../src/store.js';

const params = new URLSearchParams(location.search);
const client = new McpClient({
  url: params.get('server')!,
  store: idbStore(params.get('db')!),
  auth: { redirectUri: new URL('/test/core/auth-callback.html', location.href).href, userAgent: 'redirect' },
});
const report = (message: Record<string, unknown>) =>
  parent.postMessage({ type: 'mcp-auth-app', ...message }, location.origin);

try {
  await client.connect();
  const result = await client.callTool('whoami');
  report({ phase: 'signed-in', authState: client.authState, text: (result.content[0] as { text: string }).text });
} catch (error) {
  if (error instanceof McpAuthError && error.needsAuthorization && client.authState === 'needed') {
    report({ phase: 'leaving' });
    await client.authorize();
  } else {
    report({ phase: 'failed', error: String(error) });
  }
}
