// What our client does in each conformance scenario. Runs in the browser page that
// browser-client.mjs opens; the mock server URL and the scenario come in the query string.
import { McpClient, McpSkillVerificationError } from '/dist/client.js';
import { memoryStore } from '/dist/store.js';
import { AUTH_2025, AUTH_2026_NEW, AUTH_DPOP } from '/auth-scenarios.js';

const clientInfo = { name: 'mcp-web-components-conformance', version: '0.1.0' };
const context = JSON.parse(new URLSearchParams(location.search).get('context') ?? '{}');

/**
 * The person's part of the OAuth flow. The mock authorization server redirects at once, so a hidden
 * frame loads the authorization URL; the redirect URI is /callback on this page's origin, whose
 * callback module (dist/auth-callback.js) posts the URL it was opened with back to this page.
 */
function frameUserAgent(authorizationUrl, { signal }) {
  const state = authorizationUrl.searchParams.get('state');
  return new Promise((resolve, reject) => {
    const frame = Object.assign(document.createElement('iframe'), { hidden: true });
    const finish = () => (removeEventListener('message', onMessage), frame.remove());
    const onMessage = (e) => {
      if (e.origin !== location.origin || e.data?.type !== 'mcp-auth-callback') return;
      const url = new URL(e.data.url);
      if (url.searchParams.get('state') !== state) return;
      finish();
      resolve(url);
    };
    addEventListener('message', onMessage);
    signal.addEventListener('abort', () => (finish(), reject(signal.reason)), { once: true });
    frame.src = authorizationUrl.href;
    document.body.append(frame);
  });
}

/** Connects through OAuth, lists and calls the mock server's tool, as a host app would. */
async function authorizedSession(url, auth = {}) {
  const client = new McpClient({
    url,
    clientInfo,
    store: memoryStore(),
    auth: { redirectUri: `${location.origin}/callback`, userAgent: frameUserAgent, ...auth },
  });
  await client.connect();
  const tools = await client.listTools();
  if (tools.some((t) => t.name === 'test-tool')) await client.callTool('test-tool', {});
  if (client.authState !== 'signed-in') throw new Error(`authState is ${client.authState}`);
  await client.close();
}

/** Per-scenario host configuration: the CIMD URL the suite expects, pre-registered credentials. */
const AUTH_CONFIG = {
  'basic-cimd': { clientMetadataUrl: 'https://conformance-test.local/client-metadata.json' },
  'pre-registration': {
    clients: {
      [context.issuer ?? 'from-metadata']: { clientId: context.client_id, clientSecret: context.client_secret },
    },
  },
};

/**
 * The issuer a pre-registered client belongs to: the host knows it; here the resource metadata says it (0.1.16 leaves
 * it out of the context).
 */
async function withIssuer(url, auth) {
  if (!auth?.clients?.['from-metadata']) return auth;
  const prm = await fetch(new URL('/.well-known/oauth-protected-resource/mcp', url)).then((r) => r.json());
  return { clients: { [prm.authorization_servers[0]]: auth.clients['from-metadata'] } };
}

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
    // The real dialog decides what is sent: the element bundle's <mcp-elicitation-dialog> (loadDialogs()) shows the
    // form, and the "person" presses Submit without touching it, so every value is a pre-filled default.
    await (await import('/dist/mcp-web-components.js')).loadDialogs();
    const dialog = document.body.appendChild(document.createElement('mcp-elicitation-dialog'));
    const client = new McpClient({
      url,
      clientInfo,
      onElicitation: async (params, { server, signal }) => {
        const answer = dialog.open({ params, server, signal });
        await dialog.updateComplete;
        const form = dialog.shadowRoot.querySelector('mcp-schema-form');
        await form.updateComplete;
        const submit = [...dialog.shadowRoot.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Submit');
        if (!dialog.shadowRoot.querySelector('dialog').open || !submit)
          throw new Error('the elicitation dialog did not open with a Submit button');
        submit.click();
        return answer;
      },
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
  // ---- the 2026-07-28 set (conformance 0.2.0-alpha.12) ----
  async 'request-metadata'(url) {
    // The mock rejects the first request's version; the client retries with one the server names.
    const client = new McpClient({ url, clientInfo });
    await client.connect();
    await client.listTools();
    await client.close();
  },
  async 'http-standard-headers'(url) {
    // Every routed method once, so each one's Mcp-Method / Mcp-Name is checked.
    const client = new McpClient({ url, clientInfo });
    await client.connect();
    for (const tool of await client.listTools()) await client.callTool(tool.name, {});
    for (const resource of await client.listResources()) await client.readResource(resource.uri);
    for (const prompt of await client.listPrompts()) await client.getPrompt(prompt.name, {});
    await client.close();
  },
  async 'http-custom-headers'(url) {
    // The scenario hands over the calls to make (MCP_CONFORMANCE_CONTEXT.toolCalls).
    const client = new McpClient({ url, clientInfo });
    await client.connect();
    await client.listTools();
    for (const call of context.toolCalls ?? []) await client.callTool(call.name, call.arguments ?? {});
    await client.close();
  },
  async 'http-invalid-tool-headers'(url) {
    // Tools with invalid x-mcp-header annotations are left out of the listing; the rest are called.
    const client = new McpClient({ url, clientInfo });
    await client.connect();
    for (const tool of await client.listTools()) await client.callTool(tool.name, argumentsFor(tool));
    await client.close();
  },
  async 'json-schema-ref-no-deref'(url) {
    const client = new McpClient({ url, clientInfo });
    await client.connect();
    await client.listTools();
    await client.close();
  },
  async 'json-schema-2020-12-preservation'(url) {
    // The schema we were given goes back to the server unchanged.
    const client = new McpClient({ url, clientInfo });
    await client.connect();
    const focal = (await client.listTools()).find((t) => t.name === 'json_schema_2020_12_tool');
    if (!focal) throw new Error('json_schema_2020_12_tool not listed');
    await client.callTool('json_schema_echo', { schema: focal.inputSchema });
    await client.close();
  },
  async 'sep-2322-client-request-state'(url) {
    // MRTR: the client answers each input request and retries with the state it was given; an
    // unrelated call made while the first is waiting for input must carry none of it.
    let client;
    let interleaved = false;
    client = new McpClient({
      url,
      clientInfo,
      onElicitation: async () => {
        if (!interleaved) ((interleaved = true), await client.callTool('test_mrtr_unrelated', {}));
        return { action: 'accept', content: { confirmed: true } };
      },
    });
    await client.connect();
    await client.listTools();
    await client.callTool('test_mrtr_echo_state', {});
    await client.callTool('test_mrtr_no_state', {});
    await client.callTool('test_mrtr_no_result_type', {});
    await client.close();
  },
  // ---- extension scenarios (conformance 0.2.0-alpha.12, run by name) ----
  // Skills (SEP-2640): a listing reads no file; a tampered SKILL.md is refused with the right reason
  // and none of the skill's other files is read after it.
  async 'sep-2640-client-no-prefetch'(url) {
    const client = new McpClient({ url, clientInfo, skills: true });
    await client.connect();
    const skills = await client.listSkills();
    if (!skills.some((s) => s.frontmatter.name === 'pdf-processing')) throw new Error('pdf-processing not listed');
    await client.close();
  },
  ...Object.fromEntries(
    ['digest', 'size', 'frontmatter'].map((reason) => [
      `sep-2640-client-verify-${reason}`,
      (url) => refusesTampered(url, reason),
    ]),
  ),
  // The DPoP scenarios (auth/dpop, auth/dpop-nonce) go here, beside the skills ones (issue 26, DPoP half).
};

/** Loads the listed skill's SKILL.md, which the mock tampered with, and expects McpSkillVerificationError(reason). */
async function refusesTampered(url, reason) {
  const client = new McpClient({ url, clientInfo, skills: true });
  await client.connect();
  const [skill] = await client.listSkills();
  if (!skill) throw new Error('no skill listed');
  try {
    await client.readSkillFile(skill);
  } catch (error) {
    if (!(error instanceof McpSkillVerificationError) || error.reason !== reason) throw error;
    await client.close();
    return;
  }
  throw new Error(`the tampered SKILL.md was accepted (expected reason ${reason})`);
}

/** Arguments that satisfy a tool's required properties: a string, number or boolean by type. */
function argumentsFor(tool) {
  const props = tool.inputSchema?.properties ?? {};
  const sample = { string: 'x', number: 1, integer: 1, boolean: true };
  return Object.fromEntries((tool.inputSchema?.required ?? []).map((k) => [k, sample[props[k]?.type] ?? 'x']));
}

for (const name of [...AUTH_2025, ...AUTH_2026_NEW, ...AUTH_DPOP])
  scenarios[`auth/${name}`] = async (url) => authorizedSession(url, await withIssuer(url, AUTH_CONFIG[name]));

const params = new URLSearchParams(location.search);
const run = scenarios[params.get('scenario')];
window.__result = undefined;
(run ? run(params.get('server')) : Promise.reject(new Error(`Unknown scenario ${params.get('scenario')}`))).then(
  () => (window.__result = { ok: true }),
  (error) => (window.__result = { ok: false, error: `${error?.name}: ${error?.message}` }),
);
