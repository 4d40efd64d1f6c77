// Which MCP servers the live examples use. `npm run docs` and the docs test serve the demo servers' URLs at
// `${base}demo-servers.json` (the shape of `npm start`'s /demo-config.json). A static host serves the empty
// object from docs/public/ instead: then every example uses the one URL the reader types in a "Server URL" field,
// shared by all examples on the site and kept in localStorage['mcp-docs-server'].
import { ref, watch } from 'vue';
import { withBase } from 'vitepress';

export interface DemoServers {
  /** The embedded demo server (demo/server.mjs): tools, resources, prompts, logs. */
  mcpUrl?: string;
  /** The unmodified @modelcontextprotocol/server-everything. */
  everythingUrl?: string;
  /** @modelcontextprotocol/server-debug: a tool with an MCP App. */
  debugUrl?: string;
  /** The MCP Apps sandbox proxy page, on a second origin (spec mode). */
  sandboxUrl?: string;
  /** A server with a skill (SEP-2640); the docs' servers only, not `npm start`'s. */
  skillsUrl?: string;
}
export type ServerName = keyof DemoServers;
export const SERVER_NAMES: readonly ServerName[] = ['mcpUrl', 'everythingUrl', 'debugUrl', 'sandboxUrl', 'skillsUrl'];

const STORAGE_KEY = 'mcp-docs-server';

/** True for an absolute http: or https: URL (the only kind an example puts into an attribute). */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.trim() !== value || value === '') return false;
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function readStored(): string {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? '';
  } catch {
    return ''; // storage blocked
  }
}

/**
 * The URL the reader typed (shared by every example's field; '' until they type one). Set it to change every
 * example on the page; a valid http(s) URL is kept in localStorage.
 */
export const readerUrl = ref(import.meta.env.SSR ? '' : readStored());
if (!import.meta.env.SSR) {
  watch(readerUrl, (url) => {
    try {
      if (isHttpUrl(url)) localStorage.setItem(STORAGE_KEY, url);
      else if (url === '') localStorage.removeItem(STORAGE_KEY);
    } catch {
      // storage blocked: the URL lasts until the page is left
    }
  });
  // Another tab typed one.
  window.addEventListener('storage', (e) => {
    if (e.key === STORAGE_KEY) readerUrl.value = e.newValue ?? '';
  });
}

let loading: Promise<DemoServers> | undefined;

/** The demo servers' URLs (only valid http(s) ones), or {} when the site is served without them. */
export function demoServers(): Promise<DemoServers> {
  loading ??= (async () => {
    try {
      const res = await fetch(withBase('/demo-servers.json'), { cache: 'no-store' });
      if (!res.ok) return {};
      const json: unknown = await res.json();
      const servers: DemoServers = {};
      if (json && typeof json === 'object') {
        for (const name of SERVER_NAMES) {
          const url = (json as Record<string, unknown>)[name];
          if (isHttpUrl(url)) servers[name] = url;
        }
      }
      return servers;
    } catch {
      return {};
    }
  })();
  return loading;
}

/** Whether the demo servers are there (`npm run docs`, the docs test) rather than the reader's URL. */
export async function hasDemoServers(): Promise<boolean> {
  return (await demoServers()).mcpUrl !== undefined;
}

/**
 * The URL an example uses for `name`: the demo server's, else (for the MCP servers, not the sandbox page) the
 * URL the reader typed when it is a valid http(s) URL, else undefined.
 */
export async function serverUrl(name: ServerName): Promise<string | undefined> {
  const servers = await demoServers();
  if (servers.mcpUrl !== undefined) return servers[name];
  if (name === 'sandboxUrl') return undefined;
  return isHttpUrl(readerUrl.value) ? readerUrl.value : undefined;
}
