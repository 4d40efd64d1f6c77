// A hostile MCP server for the hostile-input suite (test/hostile/): a raw node:http JSON-RPC
// server, because the SDK would refuse to send most of this. It speaks legacy Streamable HTTP
// (2025-11-25) well enough to connect, then puts script in every text field, unsafe URLs in
// links, icons and URL-mode elicitation, SVG with script, 10 MB results, a 1,000-level schema,
// `__proto__` keys, endless SSE streams and invalid JSON-RPC in front of the client.
//
// URLs: /mcp (the server), /mcp?get=line|event (the same server, but its GET stream is one data
// line, or one event, that never ends; ?get=badid: an event id that is no header value, then the end),
// /control/stats (GET: open endless streams, cancellations, the Last-Event-ID of each badid GET).
import { randomFillSync, randomUUID } from 'node:crypto';
import { deflateSync, crc32 } from 'node:zlib';
import { applyCors, listen } from './util.mjs';

/** Every way we know to smuggle script through text. */
export const SCRIPTS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload="window.__pwned=1">',
  '\'><iframe src="javascript:window.__pwned=1"></iframe>',
  '<a href="javascript:window.__pwned=1">click</a>',
];
const X = SCRIPTS.join(' ');
const SVG_SCRIPT =
  '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><script>window.__pwned=1</script><rect width="1" height="1"/></svg>';
const SVG_DATA = `data:image/svg+xml;base64,${Buffer.from(SVG_SCRIPT).toString('base64')}`;
/** Unsafe URL schemes, each of which must never become a live link, a src or a navigation. */
export const BAD_URLS = [
  'javascript:window.__pwned=1',
  'data:text/html,<script>window.__pwned=1</script>',
  'vbscript:msgbox(1)',
  'JaVaScRiPt:window.__pwned=1',
  ' javascript:window.__pwned=1',
  'java\tscript:window.__pwned=1',
];
const ICONS = [
  ...BAD_URLS.map((src) => ({ src })),
  { src: 'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+', mimeType: 'image/png' },
  { src: SVG_DATA, mimeType: 'image/svg+xml' },
  { src: 'https://evil.example/icon.png', mimeType: 'image/png' },
];
const MB10 = 10 * 1024 * 1024;

/** A PNG of random pixels whose base64 is a little over 10 MB: a real image for the browser to decode. */
function bigPng() {
  const w = 1600;
  const h = 1600;
  const raw = randomFillSync(Buffer.alloc((w * 3 + 1) * h));
  for (let y = 0; y < h; y++) raw[y * (w * 3 + 1)] = 0; // filter byte: none
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]).toString('base64');
}
let png;

/** A schema nested `levels` objects deep, with a hostile title at every level. */
function deepSchema(levels) {
  let s = { type: 'string', title: X };
  for (let i = 0; i < levels; i++)
    s = {
      type: 'object',
      title: `level ${levels - i} ${SCRIPTS[i % SCRIPTS.length]}`,
      properties: { a: s },
      required: ['a'],
    };
  return s;
}

// Objects with own `__proto__` keys have to be built by JSON.parse: a literal `__proto__:` sets the prototype.
const PROTO_SCHEMA = JSON.parse(`{
  "type": "object",
  "$defs": { "__proto__": { "type": "object", "properties": { "polluted": { "type": "string", "default": "yes" } } } },
  "properties": {
    "__proto__": { "$ref": "#/$defs/__proto__", "title": "__proto__" },
    "constructor": { "type": "object", "properties": { "prototype": { "type": "object", "properties": { "polluted": { "type": "string", "default": "yes" } } } } },
    "prototype": { "type": "string", "default": "yes" },
    "toString": { "type": "string", "enum": ["__proto__", "constructor"] },
    "hasOwnProperty": { "type": "object", "additionalProperties": { "type": "string" } }
  },
  "required": ["__proto__", "constructor", "prototype"]
}`);
const PROTO_VALUE =
  '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"},"toString":"<script>window.__pwned=1</script>"}';
const PROTO_OUTPUT_SCHEMA = JSON.parse(
  '{"type":"object","properties":{"__proto__":{"type":"object","properties":{"polluted":{"const":"no"}}},"constructor":{"type":"object"}},"required":["__proto__"]}',
);

const tool = (name, description, extra = {}) => ({
  name,
  title: `${name} ${SCRIPTS[name.length % SCRIPTS.length]}`,
  description: `${description} ${X}`,
  inputSchema: { type: 'object' },
  icons: ICONS,
  ...extra,
});

function tools() {
  return [
    tool('script_everywhere', 'Returns script in every kind of content block', {
      inputSchema: {
        type: 'object',
        title: X,
        description: X,
        properties: {
          [X]: { type: 'string', title: X, description: X, examples: [X], default: X, enum: [X, SCRIPTS[0]] },
          note: { type: 'string', description: X, pattern: X },
        },
      },
      annotations: { title: X, destructiveHint: false, readOnlyHint: true },
      _meta: JSON.parse('{"__proto__":{"polluted":"yes"},"x":"<script>window.__pwned=1</script>"}'),
    }),
    tool('big_text', 'Returns 10 MB of text'),
    tool('big_image', 'Returns a 10 MB base64 PNG'),
    tool('deep_schema', 'Takes a 1,000-level input schema', {
      inputSchema: { type: 'object', properties: { deep: deepSchema(1000) } },
    }),
    tool('proto_keys', 'Has __proto__ keys in its schema, result and structuredContent', {
      inputSchema: PROTO_SCHEMA,
      outputSchema: PROTO_OUTPUT_SCHEMA,
    }),
    tool('endless_progress', 'Streams progress forever'),
    tool('endless_line', 'Answers with an SSE data line that never ends'),
    tool('error_message', 'Fails with script in the JSON-RPC error'),
    tool('wrong_id', 'Answers with the wrong id'),
    tool('wrong_id_sse', 'Answers on an SSE stream with the wrong id, then ends the stream'),
    tool('jsonrpc_1_0', 'Answers with jsonrpc "1.0"'),
    tool('array_answer', 'Answers with an array of numbers'),
    tool('number_answer', 'Answers with a number'),
    tool('null_result', 'Answers with a null result'),
    tool('unsolicited', 'Sends a response to a request never sent, then the real answer'),
    tool('url_elicitation', 'Asks the user to open an unsafe URL (URL-mode elicitation request)', {
      inputSchema: { type: 'object', properties: { which: { type: 'integer', default: 0 } } },
    }),
    tool('url_required', 'Fails with -32042 naming unsafe URLs'),
    tool('form_elicitation', 'Asks for a form with script in the message and a hostile schema'),
  ];
}

/**
 * /bombs lists only this (and answers huge_json, a 40 MB JSON body, unlisted): regexes that backtrack exponentially (2
 * s at 26 characters, doubling per character) in both schemas.
 */
const BOMB = `${'a'.repeat(40)}!`;
const BOMB_TOOLS = [
  {
    name: 'regex_bomb',
    description: 'Has catastrophic regexes in its input and output schemas',
    inputSchema: {
      type: 'object',
      properties: {
        s: { type: 'string', pattern: '^(a+)+$', default: BOMB },
        word: { type: 'string', pattern: '^[a-z]+$', default: 'fine' },
        tags: { type: 'object', patternProperties: { '^(a|aa)+$': { type: 'string' } }, default: { [BOMB]: 'x' } },
      },
    },
    outputSchema: {
      type: 'object',
      properties: { s: { type: 'string', pattern: '^(a+)+$' } },
      patternProperties: { '^(b+)+$': { type: 'string' } },
    },
  },
  // Values of the wrong type where strings, objects and lists belong, some looking like Lit templates.
  {
    name: 'bad_types',
    title: { _$litType$: 1, strings: ['<img src=x onerror="window.__pwned=1">'], values: [] },
    description: ['not', 'a', 'string'],
    annotations: 'destructive',
    icons: 'x',
    inputSchema: {
      type: 'object',
      properties: { n: { type: 'string', title: { _$litType$: 1, strings: ['<b>'], values: [] } } },
    },
  },
  { name: { _$litType$: 1, strings: ['<b>'], values: [] }, description: 'a tool without a usable name' },
  'not a tool',
];
const BOMB_RESULT = {
  content: [{ type: 'text', text: 'bombs delivered' }],
  structuredContent: { s: BOMB, [`${'b'.repeat(40)}!`]: 1 },
};

/** Answers a tools/call: `json` writes a whole answer (an object or raw text), `stream` answers on an SSE stream. */
function callTool(name, id, { json, stream }) {
  switch (name) {
    case 'script_everywhere':
      return json({
        jsonrpc: '2.0',
        id,
        result: {
          content: [
            { type: 'text', text: X, annotations: { audience: [X], priority: 0.5 }, _meta: { x: X } },
            { type: 'image', mimeType: 'image/svg+xml', data: Buffer.from(SVG_SCRIPT).toString('base64') },
            {
              type: 'image',
              mimeType: 'text/html',
              data: Buffer.from('<script>window.__pwned=1</script>').toString('base64'),
            },
            { type: 'image', mimeType: 'image/png"><script>window.__pwned=1</script>', data: 'AAAA' },
            { type: 'audio', mimeType: 'audio/wav', data: '"><script>window.__pwned=1</script>' },
            ...BAD_URLS.map((uri) => ({
              type: 'resource_link',
              uri,
              name: X,
              title: X,
              description: X,
              mimeType: 'text/html',
              icons: ICONS,
            })),
            { type: 'resource', resource: { uri: 'javascript:window.__pwned=1', mimeType: 'text/html', text: X } },
            {
              type: 'resource',
              resource: {
                uri: 'data:text/html,<script>window.__pwned=1</script>',
                mimeType: 'image/svg+xml',
                blob: Buffer.from(SVG_SCRIPT).toString('base64'),
              },
            },
            {
              type: 'resource',
              resource: { uri: 'x://evil.html', mimeType: 'text/html', blob: Buffer.from(X).toString('base64') },
            },
            { type: X, text: X },
          ],
          structuredContent: { html: X, [X]: [X, { nested: X }] },
        },
      });
    case 'big_text':
      return json({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: 'x'.repeat(MB10 - 40) + X }] } });
    case 'big_image':
      png ??= bigPng();
      return json({ jsonrpc: '2.0', id, result: { content: [{ type: 'image', mimeType: 'image/png', data: png }] } });
    case 'deep_schema':
      return json({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: 'deep ok' }] } });
    case 'proto_keys':
      return json(
        `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":{"__proto__":{"polluted":"yes"},"content":[{"type":"text","text":"proto ok","__proto__":{"polluted":"yes"}}],"structuredContent":${PROTO_VALUE},"_meta":{"__proto__":{"polluted":"yes"}}}}`,
      );
    case 'endless_progress':
      return stream('progress');
    case 'endless_line':
      return stream('line');
    case 'error_message':
      return json({ jsonrpc: '2.0', id, error: { code: -32000, message: `Tool failed: ${X}`, data: { html: X } } });
    case 'wrong_id':
      return json({
        jsonrpc: '2.0',
        id: typeof id === 'number' ? id + 1000 : `${id}x`,
        result: { content: [{ type: 'text', text: 'for someone else' }] },
      });
    case 'wrong_id_sse':
      return stream('wrongId');
    case 'jsonrpc_1_0':
      return json({ jsonrpc: '1.0', id, result: { content: [{ type: 'text', text: X }] } });
    case 'array_answer':
      return json('[1,2,3]');
    case 'number_answer':
      return json('42');
    case 'null_result':
      return json({ jsonrpc: '2.0', id, result: null });
    case 'unsolicited':
      return stream('unsolicited');
    case 'url_elicitation':
      return stream('urlElicitation');
    case 'form_elicitation':
      return stream('formElicitation');
    case 'url_required':
      return json({
        jsonrpc: '2.0',
        id,
        error: {
          code: -32042,
          message: `Open these first ${X}`,
          data: {
            elicitations: BAD_URLS.slice(0, 3).map((url, i) => ({
              mode: 'url',
              elicitationId: `e${i}`,
              url,
              message: `Please open ${X}`,
            })),
          },
        },
      });
    default:
      return json({ jsonrpc: '2.0', id, error: { code: -32602, message: `Unknown tool ${name} ${X}` } });
  }
}

const resources = () => [
  { uri: 'hostile://text', name: X, title: X, description: X, mimeType: 'text/html', icons: ICONS },
  ...BAD_URLS.map((uri, i) => ({ uri, name: `bad ${i} ${X}`, description: X, mimeType: 'text/html', icons: ICONS })),
  { uri: 'hostile://svg', name: 'svg', title: `SVG ${X}`, mimeType: 'image/svg+xml' },
  { uri: '__proto__', name: '__proto__', title: 'constructor' },
];

function readResource(uri) {
  if (uri === 'hostile://svg')
    return { contents: [{ uri, mimeType: 'image/svg+xml', blob: Buffer.from(SVG_SCRIPT).toString('base64') }] };
  return {
    contents: [
      { uri, mimeType: 'text/html', text: X },
      { uri: `javascript:window.__pwned=1//${uri}`, mimeType: 'text/html', blob: Buffer.from(X).toString('base64') },
    ],
  };
}

const prompts = () => [
  {
    name: X,
    title: X,
    description: X,
    arguments: [
      { name: '__proto__', title: X, description: X, required: true },
      { name: 'constructor', description: X },
      { name: X },
    ],
    icons: ICONS,
  },
  { name: 'plain', description: X },
];

function getPrompt() {
  return {
    description: X,
    messages: [
      { role: 'user', content: { type: 'text', text: X } },
      { role: X, content: { type: 'resource_link', uri: 'javascript:window.__pwned=1', name: X } },
      {
        role: 'assistant',
        content: { type: 'image', mimeType: 'image/svg+xml', data: Buffer.from(SVG_SCRIPT).toString('base64') },
      },
      {
        role: 'assistant',
        content: { type: 'resource', resource: { uri: 'hostile://x', mimeType: 'text/html', text: X } },
      },
    ],
  };
}

/** The JSON-RPC result of one request, or undefined for a method we answer elsewhere. */
function answer(method, params) {
  switch (method) {
    case 'initialize':
      return {
        protocolVersion: '2025-11-25',
        capabilities: {
          tools: { listChanged: true },
          resources: { subscribe: true, listChanged: true },
          prompts: { listChanged: true },
          logging: {},
          completions: {},
        },
        serverInfo: { name: X, title: X, version: X, websiteUrl: BAD_URLS[0], icons: ICONS },
        instructions: `Instructions: ${X}`,
      };
    case 'ping':
    case 'logging/setLevel':
    case 'resources/subscribe':
    case 'resources/unsubscribe':
      return {};
    case 'tools/list':
      return { tools: tools() };
    case 'resources/list':
      return { resources: resources() };
    case 'resources/templates/list':
      return {
        resourceTemplates: [
          { uriTemplate: 'hostile://{__proto__}/{constructor}', name: X, title: X, description: X, icons: ICONS },
          { uriTemplate: '__proto__', name: 'proto' },
        ],
      };
    case 'resources/read':
      return readResource(String(params?.uri));
    case 'prompts/list':
      return { prompts: prompts() };
    case 'prompts/get':
      return getPrompt();
    case 'completion/complete':
      return { completion: { values: [X, ...SCRIPTS, '__proto__'], total: 6, hasMore: false } };
    default:
      return undefined;
  }
}

/** What a GET stream sends once connected: hostile notifications and invalid JSON-RPC. */
const GET_GARBAGE = [
  { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'error', logger: X, data: X } },
  {
    jsonrpc: '2.0',
    method: 'notifications/message',
    params: JSON.parse(
      '{"level":"<script>window.__pwned=1</script>","data":{"__proto__":{"polluted":"yes"},"html":"<img src=x onerror=\\"window.__pwned=1\\">"}}',
    ),
  },
  { jsonrpc: '2.0', id: 987654, result: { content: [] } }, // a response to a request never sent
  { jsonrpc: '1.0', method: 'notifications/message', params: { level: 'error', data: 'jsonrpc 1.0' } },
  [1, 2, 3],
  42,
  null,
  { jsonrpc: '2.0', id: 987655, result: null },
  { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: '__proto__', progress: 1 } },
  { jsonrpc: '2.0', method: 'notifications/resources/updated', params: { uri: X } },
  { jsonrpc: '2.0', method: X, params: { x: X } },
  { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'hostile stream ready' } },
];

/**
 * Starts the hostile server on 127.0.0.1.
 * @returns {Promise<{url: string, control: string, close(): Promise<void>}>}
 */
export async function startHostileServer() {
  const sessions = new Set();
  /** Server-to-client requests waiting for the client's answer, by id. */
  const waiting = new Map();
  const stats = {
    openStreams: 0,
    endlessStarted: 0,
    endlessClosed: 0,
    cancelled: [],
    answers: [],
    badIdGets: [],
    retry0Gets: [],
  };
  const open = new Set();

  const { server, base } = await listen(async (req, res) => {
    if (applyCors(req, res)) return;
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/control/stats')
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
    if (url.pathname !== '/mcp' && url.pathname !== '/bombs') return res.writeHead(404).end();
    const bombs = url.pathname === '/bombs';
    if (req.method === 'DELETE') {
      sessions.delete(req.headers['mcp-session-id']);
      return res.writeHead(200).end();
    }
    if (req.method === 'GET') return getStream(req, res, url.searchParams.get('get'));
    if (req.method !== 'POST') return res.writeHead(405).end();
    let body = '';
    for await (const chunk of req) body += chunk;
    let msg;
    try {
      msg = JSON.parse(body);
    } catch {
      return res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: `Parse error ${X}` } }));
    }
    const json = (value, status = 200) =>
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(typeof value === 'string' ? value : JSON.stringify(value));
    // The modern probe: refuse it the way SDK 1.x servers do, so the client falls back to initialize.
    if (msg.method === 'server/discover')
      return json(
        {
          jsonrpc: '2.0',
          id: msg.id,
          error: { code: -32000, message: `Bad Request: No valid session ID provided ${X}` },
        },
        400,
      );
    if (msg.method === 'initialize') {
      const sid = randomUUID();
      sessions.add(sid);
      res.setHeader('mcp-session-id', sid);
      return json({ jsonrpc: '2.0', id: msg.id, result: answer('initialize') });
    }
    if (!sessions.has(req.headers['mcp-session-id']))
      return json({ jsonrpc: '2.0', id: null, error: { code: -32001, message: `Session not found ${X}` } }, 404);
    if (msg.method === undefined) {
      // The client's answer to one of our requests.
      stats.answers.push(msg);
      waiting.get(msg.id)?.(msg);
      waiting.delete(msg.id);
      return res.writeHead(202).end();
    }
    if (msg.id === undefined) {
      if (msg.method === 'notifications/cancelled') stats.cancelled.push(msg.params?.requestId);
      return res.writeHead(202).end();
    }
    if (bombs && msg.method === 'tools/call' && msg.params?.name === 'huge_json')
      return json({
        jsonrpc: '2.0',
        id: msg.id,
        result: { content: [{ type: 'text', text: 'z'.repeat(40 * 1024 * 1024) }] },
      });
    if (bombs && (msg.method === 'tools/list' || msg.method === 'tools/call'))
      return json({
        jsonrpc: '2.0',
        id: msg.id,
        result: msg.method === 'tools/list' ? { tools: BOMB_TOOLS } : BOMB_RESULT,
      });
    if (msg.method === 'tools/call') {
      return callTool(msg.params?.name, msg.id, { json, stream: (kind) => postStream(req, res, kind, msg) });
    }
    const result = answer(msg.method, msg.params);
    if (result === undefined)
      return json({
        jsonrpc: '2.0',
        id: msg.id,
        error: { code: -32601, message: `Method not found: ${msg.method} ${X}` },
      });
    return json({ jsonrpc: '2.0', id: msg.id, result });
  });

  const sse = (res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.flushHeaders();
  };
  const event = (m) => `event: message\ndata: ${typeof m === 'string' ? m : JSON.stringify(m)}\n\n`;
  /** Writes `next()` chunks as fast as the client reads them, until it goes away. */
  const flood = (res, next) => {
    let live = true;
    stats.openStreams++;
    stats.endlessStarted++;
    open.add(res);
    res.on('close', () => {
      live = false;
      stats.openStreams--;
      stats.endlessClosed++;
      open.delete(res);
    });
    const pump = () => {
      while (live && res.write(next()));
      if (live) res.once('drain', () => setImmediate(pump));
    };
    pump();
  };

  function getStream(req, res, mode) {
    if (!sessions.has(req.headers['mcp-session-id'])) return res.writeHead(404).end();
    sse(res);
    if (mode === 'line') {
      res.write('event: message\ndata: ');
      return flood(res, () => 'x'.repeat(65_536));
    }
    if (mode === 'event') return flood(res, () => `data: ${'y'.repeat(65_536)}\n`);
    if (mode === 'retry0') {
      // Reconnect at once, says the server, and closes the stream at once: a client that obeys spins.
      stats.retry0Gets.push(Date.now());
      return res.end('retry: 0\n\n');
    }
    if (mode === 'badid') {
      // An event id that cannot be a header value (not a ByteString), then the end of the stream.
      stats.badIdGets.push(req.headers['last-event-id'] ?? null);
      return res.end(
        `retry: 200\nid: \u20ac-${stats.badIdGets.length}\nevent: message\ndata: {"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"bad id"}}\n\n`,
      );
    }
    res.write(': hostile\nretry: 60000\n\n');
    for (const m of GET_GARBAGE) res.write(event(m));
    // Truncated JSON.
    res.write(event('{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":'));
    open.add(res);
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 5000);
    res.on('close', () => (clearInterval(keepAlive), open.delete(res)));
  }

  function postStream(req, res, kind, msg) {
    sse(res);
    const id = msg.id;
    const token = msg.params?._meta?.progressToken;
    switch (kind) {
      case 'progress': {
        let i = 0;
        return flood(res, () => {
          let out = '';
          for (let k = 0; k < 50; k++)
            out += event({
              jsonrpc: '2.0',
              method: 'notifications/progress',
              params: { progressToken: token, progress: ++i, message: `step ${i} ${X}` },
            });
          return out;
        });
      }
      case 'line':
        res.write('event: message\ndata: ');
        return flood(res, () => 'z'.repeat(65_536));
      case 'wrongId':
        res.write(
          event({ jsonrpc: '2.0', id: typeof id === 'number' ? id + 1000 : `${id}x`, result: { content: [] } }),
        );
        return res.end();
      case 'unsolicited':
        res.write(event({ jsonrpc: '2.0', id: 999_999, result: { content: [{ type: 'text', text: 'never asked' }] } }));
        res.write(event({ jsonrpc: '2.0', id: 'never-sent', error: { code: 1, message: X } }));
        res.write(event({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text: 'the real answer' }] } }));
        return res.end();
      case 'urlElicitation':
      case 'formElicitation': {
        const askId = `srv-${randomUUID()}`;
        const params =
          kind === 'urlElicitation'
            ? {
                mode: 'url',
                elicitationId: askId,
                message: `Open this ${X}`,
                url: BAD_URLS[Number(msg.params?.arguments?.which ?? 0) % BAD_URLS.length],
              }
            : {
                mode: 'form',
                message: `Tell us ${X}`,
                requestedSchema: {
                  type: 'object',
                  title: X,
                  properties: { [X]: { type: 'string', title: X, description: X, default: X } },
                },
              };
        waiting.set(askId, (reply) => {
          res.write(
            event({
              jsonrpc: '2.0',
              id,
              result: {
                content: [
                  { type: 'text', text: `elicitation answered: ${JSON.stringify(reply.result ?? reply.error)}` },
                ],
              },
            }),
          );
          res.end();
        });
        res.on('close', () => waiting.delete(askId));
        return res.write(event({ jsonrpc: '2.0', id: askId, method: 'elicitation/create', params }));
      }
    }
  }

  return {
    url: `${base}/mcp`,
    bombs: `${base}/bombs`,
    control: `${base}/control`,
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
