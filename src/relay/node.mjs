// The relay on Node: node:http in front of the same fetch handler that runs on Deno, Bun and
// Cloudflare Workers. Bodies stream both ways; a client that goes away aborts the upstream request.
import http from 'node:http';
import { Readable } from 'node:stream';
import { createRelay } from './index.js';

/**
 * A node:http request listener for a fetch handler.
 * @param {(request: Request) => Promise<Response>} handler
 * @returns {(req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>}
 */
export function toNodeListener(handler) {
  return async (req, res) => {
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    // A refused request's body is left unread: read and drop the rest once the answer is out (as
    // node:http does for a body nobody listens to), so the client can finish sending and read it.
    res.on('finish', () => {
      if (req.complete) return;
      req.removeAllListeners('data');
      req.resume();
    });
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
    let response;
    try {
      // The URL is this server's own address: only its path and query matter to the handler.
      const { port } = req.socket.address();
      response = await handler(
        new Request(`http://127.0.0.1:${port}${req.url}`, {
          method: req.method,
          headers: Object.entries(req.headers).flatMap(([k, v]) =>
            Array.isArray(v) ? v.map((x) => [k, x]) : v === undefined ? [] : [[k, v]],
          ),
          body: hasBody ? Readable.toWeb(req) : undefined,
          duplex: hasBody ? 'half' : undefined,
          signal: gone.signal,
        }),
      );
    } catch {
      response = new Response('The relay failed on this request.', {
        status: 500,
        headers: { 'x-content-type-options': 'nosniff', 'content-security-policy': "sandbox; default-src 'none'" },
      });
    }
    res.writeHead(response.status, response.statusText || undefined, [...response.headers].flat());
    res.flushHeaders();
    if (!response.body) return void res.end();
    const reader = response.body.getReader();
    res.on('close', () => reader.cancel().catch(() => {}));
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
    } catch {
      /* the client went away */
    }
    res.end();
  };
}

/**
 * Starts a relay on `host` (default 127.0.0.1) and `port` (default 8787; 0 picks a free one).
 * @param {import('./index.js').RelayOptions & {port?: number, host?: string}} options
 * @returns {Promise<{url: string, server: http.Server, close(): Promise<void>}>}
 */
export async function serveRelay({ port = 8787, host = '127.0.0.1', ...options }) {
  const server = http.createServer(toNodeListener(createRelay(options)));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}/`,
    server,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

export { createRelay };
