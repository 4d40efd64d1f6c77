// Shared helpers for the loopback test servers: permissive CORS, listening on 127.0.0.1, child
// servers on 127.0.0.1 with a minimal environment, and adapters between node:http and web Request/Response.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { Readable } from 'node:stream';

export const EXPOSED_HEADERS = ['mcp-session-id', 'mcp-protocol-version', 'www-authenticate'];
const METHODS = 'GET,POST,DELETE,OPTIONS';

/** Options for the `cors` middleware: any origin, requested headers reflected. */
export const corsOptions = { origin: '*', methods: METHODS, exposedHeaders: EXPOSED_HEADERS };

/** Same CORS policy for plain node:http handlers; returns true when it answered a preflight. */
export function applyCors(req, res) {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(','));
  if (req.method !== 'OPTIONS') return false;
  res.setHeader('Access-Control-Allow-Methods', METHODS);
  const requested = req.headers['access-control-request-headers'];
  if (requested) res.setHeader('Access-Control-Allow-Headers', requested);
  res.setHeader('Access-Control-Max-Age', '600');
  res.writeHead(204).end();
  return true;
}

/** Starts an http server for `handler` on 127.0.0.1; resolves to {server, port, base}. */
export async function listen(handler, port = 0) {
  const server = http.createServer(handler);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actual = server.address().port;
  return { server, port: actual, base: `http://127.0.0.1:${actual}` };
}

const PRELOAD = new URL('./loopback-preload.mjs', import.meta.url).href;

/**
 * Runs a Node server script as a child process that listens on 127.0.0.1 only (loopback-preload.mjs
 * rewrites its listen() host) and sees no environment but PATH and `env`: a server with a tool that
 * prints its environment (server-everything's get-env) then shows nothing of the machine's.
 * Every server we start as a process (tests, demo, bench, debug launchers) goes through here.
 */
export function spawnLoopback(script, args = [], { env = {}, stdio = ['ignore', 'ignore', 'pipe'] } = {}) {
  return spawn(process.execPath, ['--import', PRELOAD, script, ...args], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio,
  });
}

/** Completion helper: the values starting with the typed prefix. */
export const byPrefix =
  (values) =>
  (value = '') =>
    values.filter((v) => v.startsWith(value));

/** node:http IncomingMessage -> web Request (body streamed, aborts when the client goes away). */
export function toWebRequest(req, res) {
  const ac = new AbortController();
  res.on('close', () => ac.abort());
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(`http://${req.headers.host}${req.url}`, {
    method: req.method,
    headers: Object.entries(req.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])),
    body: hasBody ? Readable.toWeb(req) : undefined,
    duplex: hasBody ? 'half' : undefined,
    signal: ac.signal,
  });
}

/** Writes a web Response to a node:http ServerResponse, streaming the body without buffering. */
export async function sendWebResponse(res, response) {
  for (const [k, v] of response.headers) res.appendHeader(k, v);
  res.writeHead(response.status);
  res.flushHeaders();
  if (!response.body) return res.end();
  const reader = response.body.getReader();
  res.on('close', () => reader.cancel().catch(() => {}));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
  } catch {
    /* client went away */
  }
  res.end();
}
