// Legacy-era test server: official SDK 1.x McpServer with fixture tools, served over stateful
// Streamable HTTP (with an event store, so Last-Event-ID resumes) at /mcp and 2024-11-05 HTTP+SSE at /sse.
import { randomUUID } from 'node:crypto';
import express from 'express';
import cors from 'cors';
import { z } from 'zod';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import {
  isInitializeRequest,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  CreateMessageResultSchema,
  ElicitResultSchema,
  UrlElicitationRequiredError,
} from '@modelcontextprotocol/sdk/types.js';
import { InMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/stores/in-memory.js';
import { listen, corsOptions, byPrefix } from './util.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const text = (t) => ({ content: [{ type: 'text', text: t }] });
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
/** A 10 ms silent 8 kHz mono 8-bit WAV. */
const WAV = (() => {
  const n = 80;
  const b = Buffer.alloc(44 + n, 128);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + n, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(8000, 28);
  b.writeUInt16LE(1, 32);
  b.writeUInt16LE(8, 34);
  b.write('data', 36);
  b.writeUInt32LE(n, 40);
  return b.toString('base64');
})();

/** In-memory EventStore with monotonically increasing ids (the SDK example's store sorts by a random suffix). */
class EventStore {
  events = []; // {id, streamId, message}
  async storeEvent(streamId, message) {
    const id = String(this.events.length + 1);
    this.events.push({ id, streamId, message });
    return id;
  }
  async getStreamIdForEventId(id) {
    return this.events[Number(id) - 1]?.streamId;
  }
  async replayEventsAfter(lastId, { send }) {
    const streamId = await this.getStreamIdForEventId(lastId);
    if (!streamId) return '';
    for (const e of this.events.slice(Number(lastId))) {
      // Skip priming events (empty message): they carry only an id.
      if (e.streamId === streamId && e.message.jsonrpc) await send(e.id, e.message);
    }
    return streamId;
  }
}

/** Builds one McpServer (one per session); `session` holds its resource subscriptions. */
function createServer(session, sessions, taskStore) {
  const server = new McpServer(
    { name: 'legacy-fixture', version: '1.0.0' },
    {
      capabilities: {
        logging: {},
        resources: { subscribe: true, listChanged: true },
        tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } },
      },
      taskStore,
    },
  );

  // 2025-11-25 tasks through the SDK's experimental support: `steps` of `stepMs`, then a result;
  // pollInterval is the tool's to set (a hostile one is the client's to bound). The store outlives
  // sessions of this server instance, not a restart of it.
  server.experimental.tasks.registerToolTask(
    'task_job',
    {
      description: 'A job run as a task (SDK 1.x experimental tasks)',
      inputSchema: {
        steps: z.number().int().default(3),
        stepMs: z.number().int().default(200),
        pollInterval: z.number().optional(),
      },
      execution: { taskSupport: 'optional' },
    },
    {
      createTask: async ({ steps, stepMs, pollInterval }, extra) => {
        const task = await extra.taskStore.createTask({ ttl: 600_000, pollInterval: pollInterval ?? 100 });
        (async () => {
          for (let i = 1; i <= steps; i++) {
            await sleep(stepMs);
            if ((await extra.taskStore.getTask(task.taskId))?.status !== 'working') return;
            if (i < steps) await extra.taskStore.updateTaskStatus(task.taskId, 'working', `step ${i} of ${steps}`);
          }
          await extra.taskStore.storeTaskResult(task.taskId, 'completed', text(`task_job done after ${steps} steps`));
        })().catch(() => {});
        return { task };
      },
      getTask: async (_args, extra) => extra.taskStore.getTask(extra.taskId),
      getTaskResult: async (_args, extra) => extra.taskStore.getTaskResult(extra.taskId),
    },
  );
  const logIgnored = (level, extra) => server.server.isMessageIgnored(level, extra.sessionId);

  server.registerTool(
    'echo',
    { description: 'Echoes a message', inputSchema: { message: z.string() } },
    async ({ message }) => text(`Echo: ${message}`),
  );

  server.registerTool(
    'add',
    {
      description: 'Adds two numbers',
      inputSchema: { a: z.number(), b: z.number() },
      outputSchema: { sum: z.number() },
    },
    async ({ a, b }) => ({ ...text(String(a + b)), structuredContent: { sum: a + b } }),
  );

  server.registerTool(
    'slow',
    {
      description: 'Sends progress for each step',
      inputSchema: { steps: z.number().int().default(3), delayMs: z.number().int().default(100) },
    },
    async ({ steps, delayMs }, extra) => {
      const progressToken = extra._meta?.progressToken;
      for (let i = 1; i <= steps; i++) {
        await sleep(delayMs);
        if (progressToken !== undefined) {
          await extra.sendNotification({
            method: 'notifications/progress',
            params: { progressToken, progress: i, total: steps, message: `step ${i}` },
          });
        }
      }
      return text(`done after ${steps} steps`);
    },
  );

  // Benchmark load: `count` progress notifications as fast as the server can write them, then the result.
  server.registerTool(
    'progress_burst',
    {
      description: 'Sends `count` progress notifications back to back, then answers',
      inputSchema: { count: z.number().int().default(1000) },
    },
    async ({ count }, extra) => {
      const progressToken = extra._meta?.progressToken;
      if (progressToken !== undefined) {
        for (let i = 1; i <= count; i++) {
          await extra.sendNotification({
            method: 'notifications/progress',
            params: { progressToken, progress: i, total: count },
          });
        }
      }
      return text(`sent ${count}`);
    },
  );

  server.registerTool(
    'ask_llm',
    { description: 'Asks the client to sample', inputSchema: { prompt: z.string() } },
    async ({ prompt }, extra) => {
      try {
        const r = await extra.sendRequest(
          {
            method: 'sampling/createMessage',
            params: { messages: [{ role: 'user', content: { type: 'text', text: prompt } }], maxTokens: 100 },
          },
          CreateMessageResultSchema,
        );
        const c = Array.isArray(r.content) ? r.content[0] : r.content;
        return text(`LLM said: ${c?.type === 'text' ? c.text : JSON.stringify(c)}`);
      } catch (e) {
        return { ...text(e.message), isError: true };
      }
    },
  );

  server.registerTool(
    'ask_user',
    { description: 'Elicits a form from the user', inputSchema: { question: z.string() } },
    async ({ question }, extra) => {
      try {
        const r = await extra.sendRequest(
          {
            method: 'elicitation/create',
            params: {
              mode: 'form',
              message: question,
              requestedSchema: {
                type: 'object',
                properties: { name: { type: 'string', title: 'Your name' }, age: { type: 'integer' } },
                required: ['name'],
              },
            },
          },
          ElicitResultSchema,
        );
        return text(`action=${r.action} content=${JSON.stringify(r.content)}`);
      } catch (e) {
        return { ...text(e.message), isError: true };
      }
    },
  );

  // Human-in-the-loop fixtures: the test chooses what the server asks; the result echoes what came back.
  // cancelAfterMs > 0: the server gives up first, sending notifications/cancelled for its own request.
  const askAndEcho = async (request, schema, cancelAfterMs, extra) => {
    const giveUp = new AbortController();
    const timer = cancelAfterMs ? setTimeout(() => giveUp.abort('changed my mind'), cancelAfterMs) : undefined;
    try {
      return text(
        `received ${JSON.stringify(await extra.sendRequest(request, schema, { signal: giveUp.signal, timeout: 600_000 }))}`,
      );
    } catch (e) {
      return { ...text(giveUp.signal.aborted ? 'server cancelled its request' : e.message), isError: true };
    } finally {
      clearTimeout(timer);
    }
  };
  server.registerTool(
    'sample',
    {
      description: 'Sends sampling/createMessage with the given params',
      inputSchema: { params: z.record(z.any()), cancelAfterMs: z.number().int().default(0) },
    },
    async ({ params, cancelAfterMs }, extra) =>
      askAndEcho({ method: 'sampling/createMessage', params }, CreateMessageResultSchema, cancelAfterMs, extra),
  );

  server.registerTool(
    'ask_form',
    {
      description: 'Sends elicitation/create (form mode) with the given message and requestedSchema',
      inputSchema: {
        message: z.string(),
        requestedSchema: z.record(z.any()),
        cancelAfterMs: z.number().int().default(0),
      },
    },
    async ({ message, requestedSchema, cancelAfterMs }, extra) =>
      askAndEcho(
        { method: 'elicitation/create', params: { mode: 'form', message, requestedSchema } },
        ElicitResultSchema,
        cancelAfterMs,
        extra,
      ),
  );

  // Legacy URL elicitation by error (-32042): the call fails until the person has been to the URL,
  // which is this server's /elicitation-complete/<id>; visiting it sends notifications/elicitation/complete.
  server.registerTool(
    'needs_url',
    { description: 'Fails with -32042 until the URL it names was visited' },
    async (extra) => {
      if (session.completed?.size) return text(`completed ${[...session.completed].join(',')}`);
      const elicitationId = randomUUID();
      session.pendingUrl = elicitationId;
      throw new UrlElicitationRequiredError([
        {
          mode: 'url',
          elicitationId,
          message: 'Connect your account first',
          url: `http://${extra.requestInfo?.headers.host}/elicitation-complete/${elicitationId}`,
        },
      ]);
    },
  );

  server.registerTool('log_and_notify', { description: 'Emits an info log message' }, async (extra) => {
    if (!logIgnored('info', extra)) {
      await extra.sendNotification({ method: 'notifications/message', params: { level: 'info', data: 'hello log' } });
    }
    return text('ok');
  });

  // Every content type once, for <mcp-result-view>: media, links, embedded text and binary resources, annotations.
  server.registerTool('all_content', { description: 'Returns one block of each content type' }, async () => ({
    content: [
      { type: 'text', text: 'line one\n  indented line two', annotations: { audience: ['assistant'], priority: 0.3 } },
      { type: 'image', mimeType: 'image/png', data: PNG },
      { type: 'audio', mimeType: 'audio/wav', data: WAV },
      {
        type: 'resource_link',
        uri: 'fixture://greeting',
        name: 'greeting',
        title: 'The greeting',
        mimeType: 'text/plain',
      },
      { type: 'resource_link', uri: 'https://example.com/doc', name: 'doc', description: 'A web page' },
      { type: 'resource', resource: { uri: 'fixture://embedded.txt', mimeType: 'text/plain', text: 'embedded text' } },
      {
        type: 'resource',
        resource: {
          uri: 'fixture://dir/data.bin',
          mimeType: 'application/octet-stream',
          blob: Buffer.from([1, 2, 3, 4]).toString('base64'),
        },
      },
    ],
  }));

  // Attacker-shaped content: none of it may run script or become a live link in the client.
  server.registerTool('hostile_content', { description: 'Returns content that tries to run script' }, async () => ({
    isError: true,
    content: [
      { type: 'text', text: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>' },
      {
        type: 'image',
        mimeType: 'image/svg+xml',
        data: Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=3"><script>window.__pwned=4</script></svg>',
        ).toString('base64'),
      },
      { type: 'image', mimeType: 'image/png" onerror="window.__pwned=5', data: PNG },
      { type: 'resource_link', uri: 'javascript:window.__pwned=6', name: '<b onmouseover=alert(1)>x</b>' },
      {
        type: 'resource',
        resource: { uri: 'fixture://page.html', mimeType: 'text/html', text: '<script>window.__pwned=7</script>' },
      },
      {
        type: 'resource',
        resource: {
          uri: 'javascript:alert(1)//../../evil.html',
          mimeType: 'text/html',
          blob: Buffer.from('<script>window.__pwned=8</script>').toString('base64'),
        },
      },
    ],
  }));

  server.registerTool(
    'record_headers',
    { description: 'Returns the HTTP request headers it received' },
    async (extra) => text(JSON.stringify(extra.requestInfo?.headers ?? {})),
  );

  server.registerTool(
    'touch_resource',
    {
      description: 'Sends notifications/resources/updated to sessions subscribed to uri',
      inputSchema: { uri: z.string() },
    },
    async ({ uri }) => {
      const targets = [...sessions.values()].filter((s) => s.subs.has(uri));
      await Promise.all(targets.map((s) => s.server.server.sendResourceUpdated({ uri })));
      return text(`notified ${targets.length}`);
    },
  );

  server.registerTool(
    'notify_later',
    {
      description:
        'Returns at once; after delayMs sends `count` log messages "later <i>" and then ' +
        'notifications/tools/list_changed, unrelated to any request (standalone GET stream / SSE stream)',
      inputSchema: { delayMs: z.number().int().default(200), count: z.number().int().default(1) },
    },
    async ({ delayMs, count }, extra) => {
      setTimeout(async () => {
        try {
          for (let i = 1; i <= count; i++) {
            await server.server.sendLoggingMessage({ level: 'info', data: `later ${i}` }, extra.sessionId);
          }
          server.sendToolListChanged();
        } catch {
          /* session gone */
        }
      }, delayMs);
      return text('scheduled');
    },
  );

  server.registerResource('greeting', 'fixture://greeting', { mimeType: 'text/plain' }, async (uri) => ({
    contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'Hello from a resource' }],
  }));

  server.registerResource('blob', 'fixture://blob', { mimeType: 'application/octet-stream' }, async (uri) => ({
    contents: [
      {
        uri: uri.href,
        mimeType: 'application/octet-stream',
        blob: Buffer.from([...Array(16).keys()]).toString('base64'),
      },
    ],
  }));

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
      argsSchema: {
        name: completable(z.string(), byPrefix(['Alice', 'Bob', 'Carol'])),
        style: z.string().optional(),
      },
    },
    ({ name, style }) => ({
      messages: [{ role: 'user', content: { type: 'text', text: `Please greet ${name} (${style ?? 'friendly'})` } }],
    }),
  );

  // Completion that depends on context.arguments, so tests see what the client sent as context.
  server.registerPrompt(
    'pair',
    {
      title: 'Colour pair',
      description: 'Pairs two colours',
      argsSchema: {
        first: completable(z.string().describe('The first colour'), byPrefix(['red', 'green'])),
        second: completable(z.string().optional(), (value, context) => [
          `${context?.arguments?.first ?? 'none'}+${value}`,
        ]),
      },
    },
    ({ first, second }) => ({
      description: `A pair of ${first}`,
      messages: [
        { role: 'user', content: { type: 'text', text: `Pair ${first} with ${second ?? 'anything'}` } },
        { role: 'assistant', content: { type: 'text', text: `${first} and ${second ?? 'white'}` } },
      ],
    }),
  );

  server.server.setRequestHandler(SubscribeRequestSchema, async (req) => {
    session.subs.add(req.params.uri);
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, async (req) => {
    session.subs.delete(req.params.uri);
    return {};
  });
  return server;
}

/**
 * Starts the legacy server on 127.0.0.1.
 * @returns {Promise<{url: string, sseUrl: string, close(opts?: {abrupt?: boolean}): Promise<void>}>}
 *   url: Streamable HTTP endpoint http://127.0.0.1:P/mcp; sseUrl: 2024-11-05 GET endpoint http://127.0.0.1:P/sse;
 *   close({abrupt: true}) cuts every connection first, like a crashed process, instead of ending streams cleanly
 */
export async function startLegacyServer({ port = 0 } = {}) {
  const sessions = new Map(); // session id -> {server, transport, subs}
  const taskStore = new InMemoryTaskStore();
  const app = express();
  app.use(cors(corsOptions));
  app.use(express.json());

  const newSession = (makeTransport) => {
    const session = { subs: new Set() };
    session.server = createServer(session, sessions, taskStore);
    session.transport = makeTransport(session);
    return session;
  };

  app.all('/mcp', async (req, res) => {
    const sid = req.headers['mcp-session-id'];
    let session = sid && sessions.get(sid);
    if (!session) {
      if (sid) {
        return res
          .status(404)
          .json({ jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null });
      }
      if (req.method !== 'POST' || !isInitializeRequest(req.body)) {
        return res.status(400).json({
          jsonrpc: '2.0',
          error: { code: -32000, message: 'Bad Request: No valid session ID provided' },
          id: null,
        });
      }
      session = newSession(
        (s) =>
          new StreamableHTTPServerTransport({
            sessionIdGenerator: randomUUID,
            eventStore: new EventStore(),
            onsessioninitialized: (id) => sessions.set(id, s),
            onsessionclosed: (id) => sessions.delete(id),
          }),
      );
      await session.server.connect(session.transport);
    }
    await session.transport.handleRequest(req, res, req.body);
  });

  // The same server with the SDK's own Origin check on, accepting one origin the test page is not: it answers the
  // page 403 (with CORS, no WWW-Authenticate), as the MCP spec asks of a server for an Origin it does not accept.
  app.all('/mcp-origin-checked', async (req, res) => {
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableDnsRebindingProtection: true,
      allowedOrigins: ['https://allowed.example'],
    });
    await createServer({ subs: new Set() }, sessions, taskStore).connect(transport);
    await transport.handleRequest(req, res, req.body);
  });

  // The page a URL elicitation of `needs_url` sends the person to (tests fetch it as the opened tab would).
  app.get('/elicitation-complete/:id', async (req, res) => {
    const session = [...sessions.values()].find((s) => s.pendingUrl === req.params.id);
    if (!session) return res.status(404).send('unknown elicitation');
    session.completed = new Set([req.params.id]);
    await session.server.server.createElicitationCompletionNotifier(req.params.id)();
    res.send('done, you may close this tab');
  });

  app.get('/sse', async (req, res) => {
    const session = newSession(() => new SSEServerTransport('/messages', res));
    const id = session.transport.sessionId;
    sessions.set(id, session);
    res.on('close', () => {
      sessions.delete(id);
      session.server.close().catch(() => {});
    });
    await session.server.connect(session.transport);
  });

  app.post('/messages', async (req, res) => {
    const session = sessions.get(String(req.query.sessionId));
    if (!(session?.transport instanceof SSEServerTransport)) return res.status(404).send('Session not found');
    await session.transport.handlePostMessage(req, res, req.body);
  });

  const { server: http, base } = await listen(app, port);
  return {
    url: `${base}/mcp`,
    sseUrl: `${base}/sse`,
    originCheckedUrl: `${base}/mcp-origin-checked`,
    async close({ abrupt = false } = {}) {
      if (abrupt) http.closeAllConnections();
      await Promise.allSettled([...sessions.values()].map((s) => s.server.close()));
      sessions.clear();
      taskStore.cleanup();
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
    },
  };
}
