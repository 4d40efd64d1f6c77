// Embedded demo MCP server for `npm start`: official SDK 1.x McpServer over stateful Streamable HTTP
// (in-memory event store, permissive CORS) with a few friendly tools, resources and a prompt.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import express from 'express';
import cors from 'cors';
import { z } from 'zod';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest, CreateMessageResultSchema, ElicitResultSchema } from '@modelcontextprotocol/sdk/types.js';

const corsOptions = {
  origin: '*',
  methods: 'GET,POST,DELETE,OPTIONS',
  // No allowedHeaders: the cors middleware then reflects Access-Control-Request-Headers.
  exposedHeaders: ['mcp-session-id', 'mcp-protocol-version', 'www-authenticate'],
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const text = (t) => ({ content: [{ type: 'text', text: t }] });
const errorText = (t) => ({ ...text(t), isError: true });

/** In-memory EventStore with increasing ids, so a client can resume a stream with Last-Event-ID. */
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
      if (e.streamId === streamId && e.message.jsonrpc) await send(e.id, e.message);
    }
    return streamId;
  }
}

// ---- a tiny PNG, drawn at start-up (no binary files in the repo) ------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
/** A size x size RGB PNG: a sun-like disc on a sky gradient. */
function drawPng(size = 32) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0]; // filter: none
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - size * 0.62, y - size * 0.4);
      if (d < size * 0.22) row.push(255, 196, 40);
      else row.push(60 + (y * 120) / size, 140 + (y * 80) / size, 230);
    }
    rows.push(Buffer.from(row.map(Math.round)));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]).toString('base64');
}
const SUN_PNG = drawPng();

// ---- fake data -------------------------------------------------------------------------------

const CONDITIONS = ['sunny', 'partly cloudy', 'cloudy', 'light rain', 'windy', 'foggy'];
/** Deterministic fake weather: the same city always gets the same forecast. */
function fakeWeather(city) {
  let h = 0;
  for (const ch of city.trim().toLowerCase()) h = (h * 31 + ch.codePointAt(0)) >>> 0;
  return {
    city: city.trim(),
    temperatureC: (h % 30) - 2,
    conditions: CONDITIONS[h % CONDITIONS.length],
    humidityPercent: 30 + (h % 60),
    windKph: 3 + (h % 35),
  };
}

/** Builds one McpServer (one per session); `notes` is shared by all sessions. */
function createServer(notes) {
  const server = new McpServer(
    { name: 'mcp-web-components-demo', title: 'mcp-web-components demo server', version: '1.0.0' },
    {
      capabilities: { logging: {} },
      instructions:
        'A demo server for mcp-web-components: friendly tools that show progress, sampling and elicitation.',
    },
  );
  const log = (level, data, extra) =>
    server.sendLoggingMessage({ level, logger: 'demo', data }, extra.sessionId).catch(() => {});

  server.registerTool(
    'echo',
    {
      title: 'Echo',
      description: 'Repeats your message back.',
      inputSchema: { message: z.string().describe('What to echo') },
      annotations: { readOnlyHint: true },
    },
    async ({ message }) => text(`Echo: ${message}`),
  );

  server.registerTool(
    'add',
    {
      title: 'Add',
      description: 'Adds two numbers.',
      inputSchema: { a: z.number(), b: z.number() },
      outputSchema: { sum: z.number() },
      annotations: { readOnlyHint: true },
    },
    async ({ a, b }) => ({ ...text(`${a} + ${b} = ${a + b}`), structuredContent: { sum: a + b } }),
  );

  server.registerTool(
    'get_weather',
    {
      title: 'Get weather',
      description: 'Current weather for a city (made-up but consistent data).',
      inputSchema: { city: z.string().min(1).describe('City name, e.g. Lisbon') },
      outputSchema: {
        city: z.string(),
        temperatureC: z.number(),
        conditions: z.string(),
        humidityPercent: z.number(),
        windKph: z.number(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ city }, extra) => {
      const w = fakeWeather(city);
      await log('info', `Looked up the weather for ${w.city}`, extra);
      return {
        content: [
          {
            type: 'text',
            text: `${w.city}: ${w.temperatureC} °C, ${w.conditions}, humidity ${w.humidityPercent}%, wind ${w.windKph} km/h`,
          },
          { type: 'image', data: SUN_PNG, mimeType: 'image/png' },
        ],
        structuredContent: w,
      };
    },
  );

  server.registerTool(
    'countdown',
    {
      title: 'Countdown',
      description: 'Counts down from a number, one step every half second, reporting progress.',
      inputSchema: { from: z.number().int().min(1).max(20).default(5).describe('Start value (1–20)') },
    },
    async ({ from }, extra) => {
      const progressToken = extra._meta?.progressToken;
      for (let i = from; i >= 1; i--) {
        if (extra.signal.aborted) return errorText('Countdown cancelled');
        if (progressToken !== undefined) {
          await extra.sendNotification({
            method: 'notifications/progress',
            params: { progressToken, progress: from - i, total: from, message: `T-minus ${i}` },
          });
        }
        await sleep(500);
      }
      if (progressToken !== undefined) {
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken, progress: from, total: from, message: 'Liftoff!' },
        });
      }
      return text('🚀 Liftoff!');
    },
  );

  server.registerTool(
    'summarize',
    {
      title: 'Summarize',
      description: "Asks your client's LLM (sampling) to summarise some text.",
      inputSchema: { text: z.string().min(1).describe('Text to summarise') },
    },
    async ({ text: input }, extra) => {
      try {
        const r = await extra.sendRequest(
          {
            method: 'sampling/createMessage',
            params: {
              messages: [
                { role: 'user', content: { type: 'text', text: `Please summarise in one sentence:\n\n${input}` } },
              ],
              systemPrompt: 'You are a concise assistant.',
              maxTokens: 200,
            },
          },
          CreateMessageResultSchema,
        );
        const blocks = Array.isArray(r.content) ? r.content : [r.content];
        const said = blocks.map((c) => (c?.type === 'text' ? c.text : `[${c?.type} content]`)).join('\n');
        return text(`Summary (by ${r.model || 'your model'}): ${said}`);
      } catch (e) {
        return errorText(`No summary: ${e.message}`);
      }
    },
  );

  server.registerTool(
    'book_table',
    {
      title: 'Book a table',
      description: 'Books a restaurant table, asking you for the details (elicitation).',
      inputSchema: { restaurant: z.string().min(1).describe('Restaurant name') },
    },
    async ({ restaurant }, extra) => {
      let r;
      try {
        r = await extra.sendRequest(
          {
            method: 'elicitation/create',
            params: {
              mode: 'form',
              message: `Booking a table at ${restaurant}. When, and for how many?`,
              requestedSchema: {
                type: 'object',
                properties: {
                  date: { type: 'string', format: 'date', title: 'Date', description: 'Day of the booking' },
                  guests: { type: 'integer', title: 'Guests', minimum: 1, maximum: 12, default: 2 },
                  notes: { type: 'string', title: 'Notes', description: 'Allergies, high chair, …' },
                },
                required: ['date', 'guests'],
              },
            },
          },
          ElicitResultSchema,
        );
      } catch (e) {
        return errorText(`Could not ask for booking details: ${e.message}`);
      }
      if (r.action !== 'accept')
        return text(`Booking at ${restaurant} ${r.action === 'decline' ? 'declined' : 'cancelled'}.`);
      const { date, guests, notes } = r.content ?? {};
      const booking = {
        restaurant,
        date,
        guests,
        notes: notes || undefined,
        confirmation: randomUUID().slice(0, 8).toUpperCase(),
      };
      return {
        content: [
          {
            type: 'text',
            text: `Booked ${restaurant} on ${date} for ${guests}${notes ? ` (${notes})` : ''}. Confirmation ${booking.confirmation}.`,
          },
        ],
        structuredContent: booking,
      };
    },
  );

  server.registerTool(
    'delete_note',
    {
      title: 'Delete note',
      description: 'Deletes a note by id (try "welcome"). This cannot be undone.',
      inputSchema: { id: z.string().describe('Note id') },
      annotations: { destructiveHint: true, idempotentHint: true, readOnlyHint: false },
    },
    async ({ id }) => {
      if (!notes.has(id)) return errorText(`There is no note "${id}".`);
      notes.delete(id);
      return text(`Deleted note "${id}".`);
    },
  );

  server.registerResource(
    'welcome-note',
    'demo://notes/welcome',
    {
      title: 'Welcome note',
      description: 'A short text note',
      mimeType: 'text/plain',
    },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: 'text/plain', text: notes.get('welcome') ?? '(this note was deleted)' }],
    }),
  );

  server.registerResource(
    'sun-image',
    'demo://images/sun.png',
    {
      title: 'Sun',
      description: 'A tiny 32×32 PNG',
      mimeType: 'image/png',
    },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'image/png', blob: SUN_PNG }] }),
  );

  server.registerPrompt(
    'plan_trip',
    {
      title: 'Plan a trip',
      description: 'A prompt for planning a short trip',
      argsSchema: {
        destination: z.string().describe('Where to'),
        days: z.string().optional().describe('How many days (default 3)'),
      },
    },
    ({ destination, days }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text: `Plan a relaxed ${days || 3}-day trip to ${destination}, with one local food tip per day.`,
          },
        },
      ],
    }),
  );

  return server;
}

/**
 * Starts the demo MCP server on 127.0.0.1.
 * @param {{port?: number}} [options] port 0 (default) picks a free port
 * @returns {Promise<{url: string, close(): Promise<void>}>} url: the Streamable HTTP endpoint, http://127.0.0.1:P/mcp
 */
export async function startDemoServer({ port = 0 } = {}) {
  const notes = new Map([['welcome', 'Welcome to the mcp-web-components demo! This note is an MCP resource.']]);
  const sessions = new Map(); // session id -> {server, transport}
  const app = express();
  app.use(cors(corsOptions));
  app.use(express.json({ limit: '1mb' }));

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
      const s = { server: createServer(notes) };
      s.transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        eventStore: new EventStore(),
        onsessioninitialized: (id) => sessions.set(id, s),
        onsessionclosed: (id) => sessions.delete(id),
      });
      await s.server.connect(s.transport);
      session = s;
    }
    await session.transport.handleRequest(req, res, req.body);
  });

  app.get('/', (_req, res) => res.type('text').send('mcp-web-components demo MCP server: POST /mcp\n'));

  const httpServer = http.createServer(app);
  await new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, '127.0.0.1', resolve);
  });
  const actual = httpServer.address().port;
  return {
    url: `http://127.0.0.1:${actual}/mcp`,
    async close() {
      await Promise.allSettled([...sessions.values()].map((s) => s.server.close()));
      sessions.clear();
      httpServer.closeAllConnections();
      await new Promise((r) => httpServer.close(r));
    },
  };
}
