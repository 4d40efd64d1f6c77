// What a live example does besides its HTML: `<LiveExample setup="name">` runs setups[name] on the rendered
// snippet (set properties an attribute cannot carry: a client, a schema, a result; wire a button to a dialog), and
// shows `code` under the HTML, so the reader sees everything the example runs.
import type { DemoServers } from './servers';

type Lib = typeof import('mcp-web-components');
export interface Setup {
  /** It talks to a server (so, without demo servers, it waits for the reader's URL). */
  server?: boolean;
  /** The script the example runs, as the reader would write it (URLs filled in). */
  code(urls: DemoServers): string;
  /** Runs it on the example's box; resolves with a cleanup for when the example goes away. */
  run(root: HTMLElement, urls: DemoServers, lib: Lib): Promise<(() => void) | void>;
}

const EXAMPLE_URL = 'https://example.com/mcp';
const q = <T = HTMLElement>(root: ParentNode, selector: string): T => {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`the example has no ${selector}`);
  return el as unknown as T;
};

/** An element that takes a client rather than a URL, given one of its own (inside <mcp-client> it uses that one). */
const withClient = (tag: string): Setup => ({
  server: true,
  code: (urls) => `import { McpClient } from 'mcp-web-components';

const client = new McpClient({ url: '${urls.mcpUrl ?? EXAMPLE_URL}' });
document.querySelector('${tag}').client = client;
await client.connect();`,
  async run(root, urls, lib) {
    if (!urls.mcpUrl) throw new Error('no server URL');
    const client = new lib.McpClient({ url: urls.mcpUrl, store: lib.memoryStore() });
    q<{ client: unknown }>(root, tag).client = client;
    await client.connect();
    return () => void client.close();
  },
});

const weatherResult = {
  content: [{ type: 'text', text: 'Lisbon: 21 °C, clear sky, wind 12 km/h.' }],
  structuredContent: { city: 'Lisbon', temperature: 21, conditions: 'clear sky', wind: { speed: 12, unit: 'km/h' } },
};
const weatherSchema = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    temperature: { type: 'number' },
    conditions: { type: 'string' },
    wind: { type: 'object', properties: { speed: { type: 'number' }, unit: { type: 'string' } } },
  },
  required: ['city', 'temperature'],
};
const bookingSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Name', minLength: 1 },
    guests: { type: 'integer', title: 'Guests', minimum: 1, maximum: 12, default: 2 },
    date: { type: 'string', title: 'Date', format: 'date' },
    seating: { type: 'string', title: 'Seating', enum: ['inside', 'terrace'] },
    notes: { type: 'string', title: 'Notes', description: 'Allergies, a high chair…' },
  },
  required: ['name', 'guests', 'date'],
};
const json = (v: unknown) => JSON.stringify(v, null, 2);

/** Shows what a dialog resolved with in the example's <output>. */
const report = (root: HTMLElement, text: string) => {
  const out = root.querySelector('output');
  if (out) out.textContent = text;
};

export const setups: Record<string, Setup> = {
  'tool-list': withClient('mcp-tool-list'),
  'resource-browser': withClient('mcp-resource-browser'),
  'prompt-list': withClient('mcp-prompt-list'),
  'log-view': withClient('mcp-log-view'),

  'result-view': {
    code: () => `const view = document.querySelector('mcp-result-view');
view.outputSchema = ${json(weatherSchema)};
view.result = ${json(weatherResult)};`,
    async run(root) {
      const view = q<{ outputSchema: unknown; result: unknown }>(root, 'mcp-result-view');
      view.outputSchema = weatherSchema;
      view.result = weatherResult;
    },
  },

  'schema-form': {
    code: () => `const form = document.querySelector('mcp-schema-form');
form.schema = ${json(bookingSchema)};
form.value = { guests: 2, seating: 'terrace' };
document.querySelector('form').addEventListener('submit', (e) => {
  e.preventDefault();
  document.querySelector('output').textContent = new FormData(e.target).get('booking');
});`,
    async run(root) {
      const form = q<{ schema: unknown; value: unknown }>(root, 'mcp-schema-form');
      form.schema = bookingSchema;
      form.value = { guests: 2, seating: 'terrace' };
      const onSubmit = (e: Event) => {
        e.preventDefault();
        report(root, String(new FormData(e.target as HTMLFormElement).get('booking')));
      };
      const f = root.querySelector('form');
      f?.addEventListener('submit', onSubmit);
      return () => f?.removeEventListener('submit', onSubmit);
    },
  },

  'sampling-dialog': {
    code: () => `import { loadDialogs } from 'mcp-web-components';

await loadDialogs(); // defines the dialogs (a lazy chunk)
document.querySelector('button').addEventListener('click', async () => {
  const reply = await document.querySelector('mcp-sampling-dialog').open({
    server: { name: 'weather', version: '1.0.0' },
    host: 'weather.example',
    params: {
      systemPrompt: 'You are a concise travel assistant.',
      messages: [{ role: 'user', content: { type: 'text', text: 'Summarise the forecast for Lisbon.' } }],
      maxTokens: 200,
    },
  }); // no handler: the person writes the reply; rejecting rejects the promise
  document.querySelector('output').textContent = reply.content.text;
});`,
    async run(root, _urls, lib) {
      await lib.loadDialogs();
      const button = q<HTMLButtonElement>(root, 'button');
      const onClick = async () => {
        const dialog = q<{ open(r: unknown): Promise<{ content: { text?: string } }> }>(root, 'mcp-sampling-dialog');
        try {
          const reply = await dialog.open({
            server: { name: 'weather', version: '1.0.0' },
            host: 'weather.example',
            params: {
              systemPrompt: 'You are a concise travel assistant.',
              messages: [{ role: 'user', content: { type: 'text', text: 'Summarise the forecast for Lisbon.' } }],
              maxTokens: 200,
            },
          });
          report(root, `Sent: ${reply.content.text ?? ''}`);
        } catch (e) {
          report(root, `Rejected: ${(e as Error).message}`);
        }
      };
      button.addEventListener('click', onClick);
      return () => button.removeEventListener('click', onClick);
    },
  },

  'elicitation-dialog': {
    code: () => `import { loadDialogs } from 'mcp-web-components';

await loadDialogs(); // defines the dialogs (a lazy chunk)
document.querySelector('button').addEventListener('click', async () => {
  const answer = await document.querySelector('mcp-elicitation-dialog').open({
    server: { name: 'restaurant', version: '1.0.0' },
    host: 'restaurant.example',
    params: {
      mode: 'form',
      message: 'Who is the table for?',
      requestedSchema: {
        type: 'object',
        properties: {
          name: { type: 'string', title: 'Name' },
          guests: { type: 'integer', title: 'Guests', minimum: 1, maximum: 12 },
        },
        required: ['name', 'guests'],
      },
    },
  }); // { action: 'accept', content } or { action: 'decline' } or { action: 'cancel' }
  document.querySelector('output').textContent = JSON.stringify(answer);
});`,
    async run(root, _urls, lib) {
      await lib.loadDialogs();
      const button = q<HTMLButtonElement>(root, 'button');
      const onClick = async () => {
        const dialog = q<{ open(r: unknown): Promise<unknown> }>(root, 'mcp-elicitation-dialog');
        const answer = await dialog.open({
          server: { name: 'restaurant', version: '1.0.0' },
          host: 'restaurant.example',
          params: {
            mode: 'form',
            message: 'Who is the table for?',
            requestedSchema: {
              type: 'object',
              properties: {
                name: { type: 'string', title: 'Name' },
                guests: { type: 'integer', title: 'Guests', minimum: 1, maximum: 12 },
              },
              required: ['name', 'guests'],
            },
          },
        });
        report(root, JSON.stringify(answer));
      };
      button.addEventListener('click', onClick);
      return () => button.removeEventListener('click', onClick);
    },
  },

  'server-list': {
    code: (urls) => `import { memoryStore } from 'mcp-web-components';

const list = document.querySelector('mcp-server-list');
list.store = memoryStore(); // default: IndexedDB, kept across reloads
await list.addServer('${urls.mcpUrl ?? EXAMPLE_URL}', 'Demo server');
list.addEventListener('mcp-server-select', (e) => console.log(e.url));`,
    async run(root, urls, lib) {
      const list = q<{ store: unknown; addServer(url: string, name?: string): Promise<void> }>(root, 'mcp-server-list');
      list.store = lib.memoryStore();
      if (urls.mcpUrl) await list.addServer(urls.mcpUrl, 'Demo server');
    },
  },

  workspace: {
    server: true,
    code: (urls) => `import { memoryStore } from 'mcp-web-components';

await customElements.whenDefined('mcp-workspace'); // its own chunk: it loads after the first screen
const workspace = document.querySelector('mcp-workspace');
workspace.store = memoryStore(); // default: IndexedDB, and a reload restores the servers
await workspace.addServer('${urls.mcpUrl ?? EXAMPLE_URL}');${
      urls.everythingUrl ? `\nawait workspace.addServer('${urls.everythingUrl}');` : ''
    }`,
    async run(root, urls, lib) {
      await customElements.whenDefined('mcp-workspace');
      const ws = q<{ store: unknown; addServer(url: string): Promise<void> }>(root, 'mcp-workspace');
      ws.store = lib.memoryStore();
      if (!urls.mcpUrl) throw new Error('no server URL');
      await ws.addServer(urls.mcpUrl);
      if (urls.everythingUrl) await ws.addServer(urls.everythingUrl);
    },
  },
};
