// The relay on Node: node:http in front of the same fetch handler that runs on Deno, Bun and
// Cloudflare Workers. Bodies stream both ways; a client that goes away aborts the upstream request.
// Only here can the relay resolve names: it checks every address of an upstream and connects to those.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';
import { createRelay, isPrivateHost } from './index.js';

/** Decoders of the content codings an upstream may use although it was asked for none. */
const DECODE = {
  gzip: zlib.createGunzip,
  'x-gzip': zlib.createGunzip,
  deflate: zlib.createInflate,
  br: zlib.createBrotliDecompress,
};

/**
 * The relay's way to an upstream on Node: resolves the host name, refuses it (status 400) when any of its addresses is
 * private unless `allowPrivateNetwork`, and connects to the addresses it checked, so the name is not looked up again
 * between the check and the connection (DNS rebinding). The Host header and TLS (SNI and the certificate check) keep
 * the name. `lookup` is `dns.lookup`'s shape (default `dns.lookup`).
 * @param {{allowPrivateNetwork?: boolean, lookup?: typeof dns.lookup}} [options]
 * @returns {(url: string, init: RequestInit) => Promise<Response>}
 */
export function pinnedFetch({ allowPrivateNetwork = false, lookup = dns.lookup } = {}) {
  /** A `lookup` for node:net that answers only with addresses it has checked. */
  const checked = (hostname, options, callback) =>
    lookup(
      hostname,
      { ...(typeof options === 'object' ? options : { family: options }), all: true },
      (error, found) => {
        if (error) return callback(error);
        if (!allowPrivateNetwork && (!found.length || found.some((a) => isPrivateHost(a.address))))
          return callback(
            Object.assign(
              new Error(
                `${hostname} resolves to a private-network address; this relay does not reach those (allowPrivateNetwork is off).`,
              ),
              { status: 400 },
            ),
          );
        if (options?.all) callback(null, found);
        else callback(null, found[0].address, found[0].family);
      },
    );
  const agents = {
    'http:': new http.Agent({ keepAlive: true }),
    'https:': new https.Agent({ keepAlive: true }),
  };
  return (url, init) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const body = init.body;
      const headers = Object.fromEntries(new Headers(init.headers));
      // An empty POST says so, as fetch would, rather than going chunked.
      const length = body || init.method === 'POST' ? { 'content-length': body?.byteLength ?? 0 } : {};
      // node:http follows no redirects: the handler sees a 3xx as it came.
      const req = (target.protocol === 'https:' ? https : http).request(
        target,
        {
          method: init.method,
          headers: { 'user-agent': 'mcp-web-components-relay', ...headers, 'accept-encoding': 'identity', ...length },
          agent: agents[target.protocol],
          lookup: checked,
          signal: init.signal ?? undefined,
        },
        (res) => {
          try {
            const out = new Headers();
            for (let i = 0; i < res.rawHeaders.length; i += 2) out.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
            const coding = String(res.headers['content-encoding'] ?? '')
              .trim()
              .toLowerCase();
            const decoder = DECODE[coding]?.();
            const source = decoder ? pipeline(res, decoder, () => {}) : res;
            const empty = init.method === 'HEAD' || [204, 205, 304].includes(res.statusCode);
            if (empty) res.resume();
            resolve(
              new Response(empty ? null : Readable.toWeb(source), {
                status: res.statusCode,
                statusText: res.statusMessage,
                headers: out,
              }),
            );
          } catch (e) {
            res.destroy();
            reject(e);
          }
        },
      );
      req.on('error', reject);
      req.end(body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : undefined);
    });
}

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
 * Starts a relay on `host` (default 127.0.0.1) and `port` (default 8787; 0 picks a free one). It reaches upstreams
 * through `pinnedFetch` (names resolved and every address checked); `lookup` replaces `dns.lookup` there.
 * @param {import('./index.js').RelayOptions & {port?: number, host?: string, lookup?: typeof dns.lookup}} options
 * @returns {Promise<{url: string, server: http.Server, close(): Promise<void>}>}
 */
export async function serveRelay({ port = 8787, host = '127.0.0.1', lookup, ...options }) {
  const fetch = options.fetch ?? pinnedFetch({ allowPrivateNetwork: options.allowPrivateNetwork, lookup });
  const server = http.createServer(toNodeListener(createRelay({ ...options, fetch })));
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
