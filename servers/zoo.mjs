// A "schema zoo" on the official SDK 1.x low-level Server: tools with raw JSON Schemas covering
// every keyword family the tool form supports; each tool answers with the arguments it received.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { applyCors, listen } from './util.mjs';

const object = (properties, required = []) => ({ type: 'object', properties, required });

/** The zoo: name -> input schema. Exported so tests can compare against what they fill in. */
export const ZOO = {
  strings: object(
    {
      email: { type: 'string', format: 'email' },
      site: { type: 'string', format: 'uri' },
      day: { type: 'string', format: 'date' },
      code: { type: 'string', pattern: '^[A-Z]{3}$' },
      nick: { type: 'string', minLength: 2, maxLength: 5 },
    },
    ['email'],
  ),
  numbers: object(
    { count: { type: 'integer', minimum: 1, maximum: 10 }, ratio: { type: 'number', minimum: 0, maximum: 1 } },
    ['count'],
  ),
  choices: object({
    color: { type: 'string', enum: ['red', 'green'] },
    size: {
      title: 'Size',
      oneOf: [
        { const: 's', title: 'Small' },
        { const: 'l', title: 'Large' },
      ],
    },
    fixed: { const: 'x' },
    flag: { type: 'boolean' },
    note: { type: ['string', 'null'] },
  }),
  nested: object({ address: object({ street: { type: 'string' }, city: { type: 'string' } }, ['city']) }, ['address']),
  arrays: object({
    tags: { type: 'array', title: 'Tags', items: { type: 'string' } },
    people: {
      type: 'array',
      title: 'People',
      items: object({ name: { type: 'string' }, age: { type: 'integer' } }, ['name']),
    },
  }),
  shapes: object(
    {
      shape: {
        title: 'Shape',
        oneOf: [
          {
            type: 'object',
            title: 'Circle',
            required: ['kind', 'r'],
            properties: { kind: { const: 'circle' }, r: { type: 'number', title: 'Radius' } },
          },
          {
            type: 'object',
            title: 'Square',
            required: ['kind', 'side'],
            properties: { kind: { const: 'square' }, side: { type: 'number', title: 'Side' } },
          },
        ],
      },
    },
    ['shape'],
  ),
  maps: object({ labels: { type: 'object', title: 'Labels', additionalProperties: { type: 'string' } } }),
  tree: {
    type: 'object',
    $defs: { node: object({ name: { type: 'string' }, child: { $ref: '#/$defs/node' } }, ['name']) },
    properties: { root: { $ref: '#/$defs/node' } },
  },
};

function zooServer() {
  const server = new Server({ name: 'schema-zoo', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: Object.entries(ZOO).map(([name, inputSchema]) => ({ name, description: `The ${name} family`, inputSchema })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (req) => ({
    content: [{ type: 'text', text: JSON.stringify(req.params.arguments ?? {}) }],
    structuredContent: { received: req.params.arguments ?? {} },
  }));
  return server;
}

/** Starts the zoo (stateless Streamable HTTP) → {url, close()}. */
export async function startZooServer() {
  const { server, base } = await listen(async (req, res) => {
    if (applyCors(req, res)) return;
    if (req.method !== 'POST') return res.writeHead(405, { Allow: 'POST' }).end();
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    const mcp = zooServer();
    res.on('close', () => void transport.close().then(() => mcp.close()));
    await mcp.connect(transport);
    await transport.handleRequest(req, res, JSON.parse(Buffer.concat(chunks).toString('utf8')));
  });
  return { url: `${base}/mcp`, close: () => new Promise((r) => server.close(r)) };
}
