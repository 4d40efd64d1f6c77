// `npm start`: runs the embedded demo MCP server and a small static server for the demo page
// (demo/ at /, dist/ at /dist/, the MCP URL at /demo-config.json), all on 127.0.0.1.
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from './server.mjs';
import { startEverything } from '../servers/everything.mjs';
import { startDebugServer } from '../servers/debug.mjs';

const DEMO_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(DEMO_DIR, '..');
/** URL prefix -> directory served under it. */
const ROOTS = [
  ['/dist/', path.join(ROOT, 'dist')],
  ['/', DEMO_DIR],
];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
/** Files in demo/ that are not for the browser. */
const HIDDEN = new Set(['server.mjs', 'start.mjs']);

const portFromEnv = (name) => {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name}=${v} is not a port number`);
  return n;
};

/** Maps a URL path to a file inside one of the served roots, or undefined (traversal, hidden, unknown). */
function resolveFile(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  for (const [prefix, dir] of ROOTS) {
    if (!decoded.startsWith(prefix)) continue;
    let rel = decoded.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(dir, rel);
    if (file !== dir && !file.startsWith(dir + path.sep)) return undefined; // escaped the root
    if (dir === DEMO_DIR && HIDDEN.has(path.relative(dir, file))) return undefined;
    return file;
  }
  return undefined;
}

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
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

/** Listens on 127.0.0.1:port; if that port is taken (and fallback is allowed), on a free one instead. */
function listen(server, port, fallback) {
  return new Promise((resolve, reject) => {
    const onError = (e) => {
      if (fallback && e.code === 'EADDRINUSE' && port !== 0) {
        console.warn(`Port ${port} is busy; using a free port instead.`);
        resolve(listen(server, 0, false));
      } else reject(e);
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve(server.address().port);
    });
  });
}

const mcp = await startDemoServer({ port: portFromEnv('MCP_DEMO_PORT') ?? 0 });
// The unmodified reference server too, so the widget can be tried on every MCP feature.
const everything = await startEverything({ mode: 'streamableHttp' }).catch(
  (e) => (console.warn(`server-everything did not start: ${e.message}`), undefined),
);
// An MCP App (server-debug's view), shown in spec mode: the sandbox proxy page comes from a second origin.
const debug = await startDebugServer().catch(
  (e) => (console.warn(`server-debug did not start: ${e.message}`), undefined),
);
const sandbox = http.createServer(async (req, res) => {
  const name = new URL(req.url, 'http://localhost').pathname.slice(1);
  if (name !== 'sandbox.html' && name !== 'sandbox.js') return send(res, 404, 'Not found\n');
  res.setHeader('Content-Security-Policy', 'frame-ancestors http://127.0.0.1:* http://localhost:*');
  send(res, 200, await readFile(path.join(ROOT, 'dist', name)), TYPES[path.extname(name)]);
});
const sandboxPort = await listen(sandbox, 0, false);
const web = http.createServer(
  staticHandler({
    mcpUrl: mcp.url,
    everythingUrl: everything?.url,
    debugUrl: debug?.url,
    sandboxUrl: `http://127.0.0.1:${sandboxPort}/sandbox.html`,
  }),
);
let webPort;
try {
  webPort = await listen(web, portFromEnv('PORT') ?? 8080, true);
} catch (e) {
  await mcp.close();
  throw e;
}

console.log(
  `\n  Demo page: http://127.0.0.1:${webPort}/  (MCP server: ${mcp.url}${everything ? `, server-everything: ${everything.url}` : ''})\n`,
);
console.log('  Press Ctrl-C to stop.\n');

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\nStopping (${signal})…`);
  setTimeout(() => process.exit(0), 3000).unref(); // don't let a stuck connection hold the exit
  web.closeAllConnections();
  sandbox.closeAllConnections();
  await Promise.allSettled([
    new Promise((r) => web.close(r)),
    new Promise((r) => sandbox.close(r)),
    mcp.close(),
    everything?.close(),
    debug?.close(),
  ]);
  process.exit(0);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
