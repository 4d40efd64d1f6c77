// `npm start`: runs the embedded demo MCP server and a small static server for the demo page
// (demo/ at /, dist/ at /dist/, the MCP URL at /demo-config.json), all on 127.0.0.1.
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileIn, listen, send, startDemoServers, TYPES } from './servers.mjs';

const DEMO_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(DEMO_DIR, '..');
/** URL prefix -> directory served under it. */
const ROOTS = [
  ['/dist/', path.join(ROOT, 'dist')],
  ['/', DEMO_DIR],
];
/** Files in demo/ that are not for the browser. */
const HIDDEN = new Set(['server.mjs', 'servers.mjs', 'start.mjs']);

const portFromEnv = (name) => {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name}=${v} is not a port number`);
  return n;
};

/** Maps a URL path to a file inside one of the served roots, or undefined (traversal, hidden, unknown). */
function resolveFile(urlPath) {
  const [prefix, dir] = ROOTS.find(([prefix]) => urlPath.startsWith(prefix)) ?? [];
  const file = dir && fileIn(dir, urlPath.slice(prefix.length));
  return file && !(dir === DEMO_DIR && HIDDEN.has(path.relative(dir, file))) ? file : undefined;
}

function staticHandler(config) {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed\n');
    const { pathname } = new URL(req.url, 'http://localhost');
    if (pathname === '/demo-config.json') return send(res, 200, JSON.stringify(config), TYPES['.json']);
    const file = resolveFile(pathname);
    if (!file) return send(res, 404, 'Not found\n');
    try {
      if (!(await stat(file)).isFile()) return send(res, 404, 'Not found\n');
      const body = await readFile(file);
      send(
        res,
        200,
        req.method === 'HEAD' ? undefined : body,
        TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      );
    } catch (e) {
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR' || e.code === 'EISDIR') return send(res, 404, 'Not found\n');
      send(res, 500, 'Internal error\n');
    }
  };
}

const servers = await startDemoServers({ mcpPort: portFromEnv('MCP_DEMO_PORT') ?? 0 });
const web = http.createServer(staticHandler(servers.config));
let webPort;
try {
  webPort = await listen(web, portFromEnv('PORT') ?? 8080, true);
} catch (e) {
  await servers.close();
  throw e;
}

const { mcpUrl, everythingUrl } = servers.config;
console.log(
  `\n  Demo page: http://127.0.0.1:${webPort}/  (MCP server: ${mcpUrl}${everythingUrl ? `, server-everything: ${everythingUrl}` : ''})\n`,
);
console.log('  Press Ctrl-C to stop.\n');

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\nStopping (${signal})…`);
  setTimeout(() => process.exit(0), 3000).unref(); // don't let a stuck connection hold the exit
  web.closeAllConnections();
  await Promise.allSettled([new Promise((r) => web.close(r)), servers.close()]);
  process.exit(0);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
