// Widget render timings for `npm run bench`, in the bench page (puppeteer), over `rounds` rounds,
// each on a freshly loaded page with dist/mcp-web-components.js imported (the copy in bench/.build/dist):
//   render1000Tools:     1,000 tools set on <mcp-tool-list> → rendered, laid out, next frame;
//   searchFilter1000:    a search typed into that list (matching 111 of 1,000) → filtered list painted;
//   searchClear1000:     the search cleared → all 1,000 painted again;
//   client1000Tools:     <mcp-client url> appended → connected, 1,000 tools listed and painted
//                        (a loopback server that lists 1,000 tools; includes connecting);
//   schemaForm300:       a 300-field inputSchema set on <mcp-schema-form> → form painted;
//   toolForm300:         a tool with that schema set on <mcp-tool-form> → form painted.
// "Painted" = the element's updateComplete, a forced layout, then the next animation frame.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyCors, listen } from '../servers/util.mjs';

export const WIDGETS_NOT_BUILT = 'n/a (elements not built yet)';

/**
 * The floor pages' own MCP client, as page script (with `url` in scope): `post` sends one JSON-RPC message with
 * fetch, `handshake()` sends initialize and notifications/initialized (waiting for its 202) and resolves with the
 * session id. No more than any page must do to speak to a 2025-11-25 server.
 */
export const FLOOR_CLIENT = `const post = (body, session) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(session ? { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' } : {}) }, body: JSON.stringify(body) });
const handshake = async () => {
  const init = await post({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'floor', version: '1' } } });
  const session = init.headers.get('mcp-session-id');
  await init.json();
  await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, session);
  return session;
};`;
const BUNDLE = fileURLToPath(new URL('./.build/dist/mcp-web-components.js', import.meta.url));

/** 1,000 tools shaped like a real server's: title, a sentence of description, a small schema, some annotations. */
export function manyTools(n = 1000) {
  return Array.from({ length: n }, (_, i) => ({
    name: `tool_${i}`,
    title: `Tool number ${i}`,
    description: `Does task ${i}: reads the ${i % 7 === 0 ? 'calendar' : 'inbox'} and returns a short summary of what changed since the last run.`,
    inputSchema: {
      type: 'object',
      properties: { query: { type: 'string' }, limit: { type: 'integer', minimum: 1 } },
      required: ['query'],
    },
    ...(i % 3 === 0
      ? { annotations: { readOnlyHint: true } }
      : i % 10 === 1
        ? { annotations: { destructiveHint: true } }
        : {}),
  }));
}

/** A 300-property object schema mixing every control the form makes. */
export function wideSchema(n = 300) {
  const kinds = [
    (i) => ({ type: 'string', title: `Name ${i}`, description: `The name of item ${i}`, minLength: 1 }),
    (i) => ({ type: 'integer', title: `Count ${i}`, minimum: 0, maximum: 1000 }),
    () => ({ type: 'number', multipleOf: 0.5 }),
    () => ({ type: 'boolean', description: 'Whether to include it' }),
    () => ({ type: 'string', enum: ['low', 'medium', 'high', 'urgent', 'none'] }),
    () => ({ type: 'string', format: 'date' }),
    () => ({ type: 'string', format: 'email' }),
    () => ({ type: 'array', items: { type: 'string' } }),
    () => ({ type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' } } }),
    () => ({ type: ['string', 'null'], default: null }),
  ];
  const properties = Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`field_${i}`, kinds[i % kinds.length](i)]),
  );
  return { type: 'object', properties, required: Object.keys(properties).filter((_, i) => i % 4 === 0) };
}

/** A loopback MCP server (legacy Streamable HTTP, JSON answers) that lists `tools`. */
export async function startToolServer(tools, { onRequest, listChanged = false } = {}) {
  const { server, base } = await listen(async (req, res) => {
    if (applyCors(req, res)) return;
    if (req.method !== 'POST') onRequest?.(req);
    if (req.method !== 'POST') return res.writeHead(req.method === 'DELETE' ? 200 : 405).end();
    let body = '';
    for await (const c of req) body += c;
    const msg = JSON.parse(body);
    const json = (value, status = 200, headers = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
    onRequest?.(req, msg);
    if (msg.id === undefined) return res.writeHead(202).end();
    if (msg.method === 'server/discover')
      return json(
        { jsonrpc: '2.0', id: msg.id, error: { code: -32000, message: 'Bad Request: No valid session ID provided' } },
        400,
      );
    if (msg.method === 'initialize')
      return json(
        {
          jsonrpc: '2.0',
          id: msg.id,
          result: {
            protocolVersion: '2025-11-25',
            capabilities: { tools: listChanged ? { listChanged } : {} },
            serverInfo: { name: 'thousand-tools', version: '1.0.0' },
          },
        },
        200,
        { 'mcp-session-id': 'bench' },
      );
    if (msg.method === 'tools/list') return json({ jsonrpc: '2.0', id: msg.id, result: { tools } });
    return json({ jsonrpc: '2.0', id: msg.id, result: {} });
  });
  return { url: `${base}/mcp`, close: () => (server.closeAllConnections(), new Promise((r) => server.close(r))) };
}

/** One round in the page: every measurement once, each element removed afterwards. */
async function measureOnce(page, { tools, schema, url }) {
  return page.evaluate(
    async ({ tools, schema, url }) => {
      await import('/bench/.build/dist/mcp-web-components.js');
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const painted = async (el) => {
        await el.updateComplete;
        void el.shadowRoot.firstElementChild?.getBoundingClientRect();
        void document.body.offsetHeight;
        await frame();
      };
      const out = {};
      await frame();

      const list = document.createElement('mcp-tool-list');
      document.body.append(list);
      await painted(list);
      let t0 = performance.now();
      list.tools = tools;
      await painted(list);
      const buttons = () => list.shadowRoot.querySelectorAll('[part~=tool]').length;
      // The list renders the first screen at once and the rest over the next frames: time to the last one.
      while (buttons() < tools.length && performance.now() - t0 < 10_000) await painted(list);
      out.render1000Tools = performance.now() - t0;
      if (buttons() !== tools.length) throw new Error(`tool list shows ${buttons()} tools`);
      const search = list.shadowRoot.querySelector('[part=search]');
      t0 = performance.now();
      search.value = 'number 1'; // tools 1, 10-19, 100-199: 111
      search.dispatchEvent(new Event('input'));
      await painted(list);
      out.searchFilter1000 = performance.now() - t0;
      if (buttons() !== 111) throw new Error(`search shows ${buttons()} tools`);
      t0 = performance.now();
      search.value = '';
      search.dispatchEvent(new Event('input'));
      await painted(list);
      while (buttons() < tools.length && performance.now() - t0 < 10_000) await painted(list);
      out.searchClear1000 = performance.now() - t0;
      list.remove();

      const form = document.createElement('mcp-schema-form');
      document.body.append(form);
      await painted(form);
      t0 = performance.now();
      form.schema = schema;
      await painted(form);
      out.schemaForm300 = performance.now() - t0;
      const fields = form.shadowRoot.querySelectorAll('[part~=field]').length;
      if (fields < 300) throw new Error(`schema form shows ${fields} fields`);
      form.remove();

      const toolForm = document.createElement('mcp-tool-form');
      document.body.append(toolForm);
      await painted(toolForm);
      t0 = performance.now();
      toolForm.definition = { name: 'wide', inputSchema: schema };
      toolForm.tool = 'wide';
      await toolForm.updateComplete;
      for (let i = 0; i < 100 && !toolForm.shadowRoot.querySelector('mcp-schema-form'); i++)
        await new Promise((r) => setTimeout(r, 0));
      await painted(toolForm.shadowRoot.querySelector('mcp-schema-form'));
      out.toolForm300 = performance.now() - t0;
      toolForm.remove();

      const client = document.createElement('mcp-client');
      client.url = url;
      t0 = performance.now();
      document.body.append(client);
      for (;;) {
        const inner = client.shadowRoot?.querySelector('mcp-tool-list')?.shadowRoot;
        if (inner && inner.querySelectorAll('[part~=tool]').length === tools.length) break;
        if (performance.now() - t0 > 60_000) throw new Error('<mcp-client> did not list the tools within a minute');
        await new Promise((r) => setTimeout(r, 0));
      }
      await painted(client.shadowRoot.querySelector('mcp-tool-list'));
      out.client1000Tools = performance.now() - t0;
      client.remove();
      await client.client?.close();
      return out;
    },
    { tools, schema, url },
  );
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Render timings of the elements (medians in ms, with every round under `raw`); nulls while the elements are not built.
 */
export async function measureWidgets({ page, rounds }) {
  if (!existsSync(BUNDLE)) return { render1000Tools: null, schemaForm300: null };
  const tools = manyTools();
  const schema = wideSchema();
  const server = await startToolServer(tools);
  const pageUrl = page.url();
  const raw = {};
  try {
    for (let round = 0; round < rounds; round++) {
      await page.goto(pageUrl);
      await page.waitForFunction('window.benchReady === true');
      const r = await measureOnce(page, { tools, schema, url: server.url });
      for (const [k, v] of Object.entries(r)) (raw[k] ??= []).push(v);
    }
  } finally {
    await server.close();
  }
  console.log('bench: widget render timings done');
  return { ...Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, median(v)])), raw };
}

/** Rows for the bench table: [label, better, ours]. */
export function widgetRows(widgets, fmt) {
  const ms = (v) => (v == null ? WIDGETS_NOT_BUILT : fmt(v, 1));
  return [
    ['render 1,000 tools in <mcp-tool-list> (ms)', 'lower', ms(widgets.render1000Tools)],
    ['search 1,000 tools → 111 shown (ms)', 'lower', ms(widgets.searchFilter1000)],
    ['clear search → 1,000 shown again (ms)', 'lower', ms(widgets.searchClear1000)],
    ['<mcp-client>: connect → 1,000 tools shown (ms)', 'lower', ms(widgets.client1000Tools)],
    ['300-field schema in <mcp-schema-form> (ms)', 'lower', ms(widgets.schemaForm300)],
    ['300-field schema in <mcp-tool-form> (ms)', 'lower', ms(widgets.toolForm300)],
  ];
}
