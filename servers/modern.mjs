// Modern-era test server: official @modelcontextprotocol/server 2.x (stateless 2026-07-28: server/discover,
// MRTR input_required, subscriptions/listen) via createMcpHandler, wrapped in node:http with permissive CORS.
import { z } from 'zod';
import {
  McpServer,
  ResourceTemplate,
  createMcpHandler,
  completable,
  fromJsonSchema,
  inputRequired,
  inputResponse,
} from '@modelcontextprotocol/server';
import { listen, applyCors, byPrefix, toWebRequest, sendWebResponse } from './util.mjs';
import { registerTaskTools, streamTaskStatus, tasksState } from './tasks-modern.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const text = (t) => ({ content: [{ type: 'text', text: t }] });

const ASK_SCHEMA = {
  type: 'object',
  properties: { name: { type: 'string', title: 'Your name' }, age: { type: 'integer' } },
  required: ['name'],
};

/** Fixture definitions, shared by every per-request instance; `state` survives across requests. */
function buildServer(state, notify) {
  const server = new McpServer(
    { name: 'modern-fixture', version: '2.0.0' },
    {
      capabilities: {
        logging: {},
        resources: { subscribe: true },
        extensions: { 'io.modelcontextprotocol/tasks': {} },
      },
    },
  );
  registerTaskTools(server, state.taskServer);

  server.registerTool(
    'echo',
    { description: 'Echoes a message', inputSchema: z.object({ message: z.string() }) },
    async ({ message }) => text(`Echo: ${message}`),
  );

  server.registerTool(
    'add',
    {
      description: 'Adds two numbers',
      inputSchema: z.object({ a: z.number(), b: z.number() }),
      outputSchema: z.object({ sum: z.number() }),
    },
    async ({ a, b }) => ({ ...text(String(a + b)), structuredContent: { sum: a + b } }),
  );

  server.registerTool(
    'slow',
    {
      description: 'Sends progress for each step on the request stream',
      inputSchema: z.object({ steps: z.number().int().default(3), delayMs: z.number().int().default(100) }),
    },
    async ({ steps, delayMs }, ctx) => {
      const progressToken = ctx.mcpReq._meta?.progressToken;
      for (let i = 1; i <= steps; i++) {
        await sleep(delayMs);
        if (progressToken !== undefined) {
          await ctx.mcpReq.notify({
            method: 'notifications/progress',
            params: { progressToken, progress: i, total: steps, message: `step ${i}` },
          });
        }
      }
      return text(`done after ${steps} steps`);
    },
  );

  // MRTR: round 1 answers input_required; the retry must echo requestState and carry inputResponses.q1.
  server.registerTool(
    'ask_user',
    { description: 'Elicits a form via input_required', inputSchema: z.object({ question: z.string() }) },
    async ({ question }, ctx) => {
      const answer = inputResponse(ctx.mcpReq.inputResponses, 'q1');
      const echoed = ctx.mcpReq.requestState();
      if (answer.kind === 'missing') {
        return inputRequired({
          inputRequests: { q1: inputRequired.elicit({ message: question, requestedSchema: ASK_SCHEMA }) },
          requestState: `ask-${++state.rounds}`,
        });
      }
      if (typeof echoed !== 'string' || !echoed.startsWith('ask-')) {
        return { ...text(`requestState not echoed (got ${JSON.stringify(echoed)})`), isError: true };
      }
      if (answer.kind !== 'elicit')
        return { ...text(`q1 is not an elicitation result (${answer.kind})`), isError: true };
      return text(`action=${answer.action} content=${JSON.stringify(answer.content)} state=${echoed}`);
    },
  );

  // MRTR sampling: every call is logged under `tag`, so a test can ask `received` whether a retry ever came.
  server.registerTool(
    'ask_llm',
    {
      description: 'Asks the client to sample via input_required',
      inputSchema: z.object({ prompt: z.string(), tag: z.string() }),
    },
    async ({ prompt, tag }, ctx) => {
      const answer = inputResponse(ctx.mcpReq.inputResponses, 'llm');
      (state.received[tag] ??= []).push({ requestState: ctx.mcpReq.requestState() ?? null, answer });
      if (answer.kind === 'missing') {
        return inputRequired({
          inputRequests: {
            llm: inputRequired.createMessage({
              messages: [{ role: 'user', content: { type: 'text', text: prompt } }],
              maxTokens: 50,
            }),
          },
          requestState: `llm-${tag}`,
        });
      }
      const c = Array.isArray(answer.result?.content) ? answer.result.content[0] : answer.result?.content;
      return text(`LLM said: ${c?.text} state=${ctx.mcpReq.requestState()}`);
    },
  );

  server.registerTool(
    'received',
    { description: 'What ask_llm calls with this tag carried', inputSchema: z.object({ tag: z.string() }) },
    async ({ tag }) => text(JSON.stringify(state.received[tag] ?? [])),
  );

  server.registerTool(
    'regional',
    {
      description: 'Returns the Mcp-Param-Region header it saw (region is an x-mcp-header parameter)',
      inputSchema: fromJsonSchema({
        type: 'object',
        properties: { region: { type: 'string', 'x-mcp-header': 'Region' } },
        required: ['region'],
      }),
    },
    async ({ region }, ctx) => text(`region=${region} header=${ctx.http?.req?.headers.get('mcp-param-region')}`),
  );

  server.registerTool('record_headers', { description: 'Returns the HTTP request headers it received' }, async (ctx) =>
    text(JSON.stringify(Object.fromEntries(ctx.http?.req?.headers ?? []))),
  );

  server.registerTool(
    'log_and_notify',
    { description: 'Emits an info log message on the request stream' },
    async (ctx) => {
      await ctx.mcpReq.log('info', 'hello log');
      return text('ok');
    },
  );

  server.registerTool(
    'add_tool_later',
    {
      description:
        'Registers tool `name` (default dynamic_<n>) and, after delayMs, notifies subscriptions/listen streams',
      inputSchema: z.object({ name: z.string().optional(), delayMs: z.number().int().default(50) }),
    },
    async ({ name, delayMs }) => {
      const tool = name ?? `dynamic_${state.extraTools.length + 1}`;
      state.extraTools.push(tool);
      setTimeout(() => notify.toolsChanged(), delayMs);
      return text(`added ${tool}`);
    },
  );

  server.registerTool(
    'touch_resource',
    {
      description: 'Publishes notifications/resources/updated for uri to subscriptions/listen streams',
      inputSchema: z.object({ uri: z.string() }),
    },
    async ({ uri }) => {
      notify.resourceUpdated(uri);
      return text('notified');
    },
  );

  for (const tool of state.extraTools) {
    server.registerTool(tool, { description: 'Added at run time' }, async () => text(`${tool} called`));
  }

  server.registerResource(
    'greeting',
    'fixture://greeting',
    { mimeType: 'text/plain', cacheHint: { ttlMs: 60000, cacheScope: 'public' } },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'Hello from a resource' }] }),
  );

  server.registerResource(
    'item',
    new ResourceTemplate('fixture://items/{id}', {
      list: undefined,
      complete: { id: byPrefix(['alpha', 'beta', 'gamma']) },
    }),
    { mimeType: 'text/plain' },
    async (uri, { id }) => ({
      contents: [{ uri: uri.href, mimeType: 'text/plain', text: `Item ${id}` }],
    }),
  );

  server.registerPrompt(
    'greet',
    {
      description: 'Greets someone',
      argsSchema: z.object({
        name: completable(z.string(), byPrefix(['Alice', 'Bob', 'Carol'])),
        style: z.string().optional(),
      }),
    },
    ({ name, style }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: `Please greet ${name} (${style ?? 'friendly'})` } }],
    }),
  );

  return server;
}

/**
 * Starts the modern server on 127.0.0.1.
 * @returns {Promise<{url: string, strictUrl: string, close(): Promise<void>}>}
 *   url: http://127.0.0.1:P/mcp (SDK default: 2026-07-28 plus stateless 2025 fallback);
 *   strictUrl: http://127.0.0.1:P/strict (legacy: 'reject', 2026-07-28 only).
 */
/**
 * needs_extension (servers/tasks-modern.mjs) is refused as the spec says (MV-04): HTTP 400 with the
 * JSON-RPC error -32021 naming what is missing. The SDK turns an error thrown in a tool into an
 * isError result, so this answer is made here, before the SDK sees the call.
 */
async function refuseMissingCapability(req, res) {
  let body = '';
  for await (const chunk of req) body += chunk;
  const id = JSON.parse(body || '{}').id ?? null;
  const error = {
    code: -32021,
    message: 'Missing required client capability',
    data: { requiredCapabilities: { extensions: { 'com.example/telepathy': {} } } },
  };
  res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id, error }));
}

export async function startModernServer({ port = 0 } = {}) {
  const state = { rounds: 0, extraTools: [], received: {}, taskServer: tasksState() };
  const handlers = {};
  const factory = () =>
    buildServer(state, {
      toolsChanged: () => Object.values(handlers).forEach((h) => h.notify.toolsChanged()),
      resourceUpdated: (uri) => Object.values(handlers).forEach((h) => h.notify.resourceUpdated(uri)),
    });
  handlers['/mcp'] = createMcpHandler(factory);
  handlers['/strict'] = createMcpHandler(factory, { legacy: 'reject' });
  // /push: the same server, plus task status pushed on subscriptions/listen (TK-15).
  handlers['/push'] = handlers['/push-drop'] = handlers['/mcp'];

  const { server: http, base } = await listen(async (req, res) => {
    if (applyCors(req, res)) return;
    const handler = handlers[new URL(req.url, 'http://x').pathname];
    if (!handler) return res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    if (
      req.method === 'POST' &&
      req.headers['mcp-method'] === 'tools/call' &&
      req.headers['mcp-name'] === 'needs_extension'
    )
      return refuseMissingCapability(req, res);
    try {
      // /push-drop cuts each push stream after its first push: the client must go back to polling.
      if (req.url.startsWith('/push') && req.headers['mcp-method'] === 'subscriptions/listen') {
        let body = '';
        for await (const chunk of req) body += chunk;
        const listen = JSON.parse(body || '{}');
        if (listen.params?.notifications?.taskIds)
          return streamTaskStatus(state.taskServer, listen, res, { dropAfter: req.url === '/push-drop' ? 1 : 0 });
        const { method, headers } = toWebRequest(req, res);
        return await sendWebResponse(
          res,
          await handler.fetch(new Request(`${base}${req.url}`, { method, headers, body })),
        );
      }
      await sendWebResponse(res, await handler.fetch(toWebRequest(req, res)));
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    }
  }, port);

  return {
    url: `${base}/mcp`,
    strictUrl: `${base}/strict`,
    pushUrl: `${base}/push`,
    pushDropUrl: `${base}/push-drop`,
    async close() {
      await Promise.allSettled(Object.values(handlers).map((h) => h.close()));
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
    },
  };
}
