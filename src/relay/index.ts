// The CORS relay: one Web-standard fetch handler that lets a page reach MCP servers which send no
// CORS. It runs unchanged on Node (relay-node.js), Deno, Bun and Cloudflare Workers; it forwards only
// to the upstreams it was given, only for the origins it was given, and never as an open proxy.

/** How a relay is set up; only `upstreams` and `allowOrigins` are required. */
export interface RelayOptions {
  /**
   * The URLs requests may go to: an entry is matched exactly (origin and path, any query), or as a
   * prefix when it ends in `/`. On each listed origin the OAuth metadata documents under
   * `/.well-known/` are readable too; authorization-server registration, token and revocation
   * endpoints on other origins must be listed themselves.
   */
  upstreams: string[];
  /** Page origins allowed to use the relay (`https://app.example`), or `*` for any. */
  allowOrigins: string[];
  /**
   * Allow upstreams on loopback, private, link-local and other non-public addresses (default false:
   * a relay on a public host must not become a way into the network behind it).
   */
  allowPrivateNetwork?: boolean;
  /** The largest request body relayed (default 4 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /** How long the upstream may take to start answering (default 30 s); then 504. */
  timeoutMs?: number;
  /**
   * The longest one response (an SSE stream) is relayed (default 15 min); then it ends and the client resumes with
   * Last-Event-ID.
   */
  maxStreamMs?: number;
  /** Receives one line per request: method, target origin and path, status. Never headers, queries or bodies. */
  log?: (line: string) => void;
}

export type RelayHandler = (request: Request) => Promise<Response>;

/**
 * Request headers passed to the upstream; everything else (Cookie, Origin, Proxy-Authorization, hop-by-hop headers)
 * stays behind.
 */
const FORWARD = new Set([
  'accept',
  'accept-language',
  'content-type',
  'authorization',
  'mcp-session-id',
  'mcp-protocol-version',
  'mcp-method',
  'mcp-name',
  'last-event-id',
]);
const forwardable = (name: string) => FORWARD.has(name) || name.startsWith('mcp-param-');
/** Response headers passed back; Set-Cookie, hop-by-hop and encoding headers (the body arrives decoded) are dropped. */
const RETURN = [
  'content-type',
  'cache-control',
  'mcp-session-id',
  'mcp-protocol-version',
  'www-authenticate',
  'retry-after',
  'content-language',
];
const EXPOSE = 'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, Retry-After';
const METHODS = 'GET, POST, DELETE, HEAD';
const WELL_KNOWN = /^\/\.well-known\/(oauth-protected-resource|oauth-authorization-server|openid-configuration)(\/|$)/;

/**
 * Whether a URL host (as WHATWG URL spells it) is loopback, private, link-local, shared or otherwise not public. Names
 * are not resolved.
 */
export function isPrivateHost(host: string): boolean {
  const h = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h) ?? /^::ffff:(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  const [a, b] = v4
    ? [Number(v4[1]), Number(v4[2])]
    : mapped
      ? [parseInt(mapped[1], 16) >> 8, parseInt(mapped[1], 16) & 255]
      : [-1, -1];
  if (a >= 0) {
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      a >= 224 ||
      (a === 100 && b >= 64 && b < 128) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b < 32) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0) ||
      (a === 198 && (b === 18 || b === 19))
    );
  }
  if (!h.includes(':')) return false;
  // IPv6: unspecified, loopback, unique local (fc00::/7), link-local (fe80::/10), multicast, and v4-compatible/mapped
  // forms.
  return (
    h === '::' ||
    h === '::1' ||
    /^f[cd]/.test(h) ||
    /^fe[89ab]/.test(h) ||
    /^ff/.test(h) ||
    /^::ffff:/.test(h) ||
    /^::[0-9a-f]*$/.test(h) ||
    /^64:ff9b:/.test(h)
  );
}

/** Creates the relay's fetch handler. */
export function createRelay(options: RelayOptions): RelayHandler {
  const upstreams = options.upstreams.map((u) => new URL(u));
  const origins = new Set(options.allowOrigins);
  const maxBody = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxStreamMs = options.maxStreamMs ?? 15 * 60_000;
  const log = options.log ?? (() => {});
  const listedOrigins = new Set(upstreams.map((u) => u.origin));

  const allowed = (t: URL, method: string) =>
    upstreams.some(
      (u) =>
        u.origin === t.origin &&
        (u.pathname.endsWith('/') ? t.pathname.startsWith(u.pathname) : t.pathname === u.pathname) &&
        (!u.search || u.search === t.search),
    ) ||
    ((method === 'GET' || method === 'HEAD') && listedOrigins.has(t.origin) && WELL_KNOWN.test(t.pathname));

  /** The target named by `?url=`, or why it is refused. */
  const targetOf = (request: Request, method: string): URL | [number, string] => {
    const raw = new URL(request.url).searchParams.get('url');
    if (!raw) return [400, 'This is an MCP CORS relay: name the upstream as ?url=<encoded URL>.'];
    let t: URL;
    try {
      t = new URL(raw);
    } catch {
      return [400, 'The ?url= parameter is not a URL.'];
    }
    if ((t.protocol !== 'https:' && t.protocol !== 'http:') || t.username || t.password)
      return [400, 'Only http(s) URLs without credentials are relayed.'];
    if (!allowed(t, method)) return [400, `${t.origin}${t.pathname} is not an upstream of this relay.`];
    if (!options.allowPrivateNetwork && isPrivateHost(t.hostname))
      return [
        400,
        `${t.hostname} is a private-network address; this relay does not reach those (allowPrivateNetwork is off).`,
      ];
    return t;
  };

  return async function relay(request: Request): Promise<Response> {
    const method = request.method.toUpperCase();
    const origin = request.headers.get('origin');
    const cors =
      origin && (origins.has(origin) || origins.has('*'))
        ? { 'access-control-allow-origin': origin, vary: 'Origin' }
        : undefined;
    const where = (t?: URL) => (t ? `${t.origin}${t.pathname}` : '-');
    const refuse = (status: number, text: string, t?: URL) => {
      log(`${method} ${where(t)} ${status} refused`);
      return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...cors } });
    };
    if (!cors) return refuse(403, `Origin ${origin ?? '(none)'} may not use this relay.`);
    const preflight = method === 'OPTIONS';
    const asked = preflight ? (request.headers.get('access-control-request-method') ?? '').toUpperCase() : method;
    if (!METHODS.split(', ').includes(asked)) return refuse(405, `${asked || 'That method'} is not relayed.`);
    // The preflight does not judge the target: the request itself is refused in words the page can read.
    if (preflight) {
      const requested = (request.headers.get('access-control-request-headers') ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean);
      const headers: Record<string, string> = {
        ...cors,
        'access-control-allow-methods': METHODS,
        'access-control-allow-headers': requested.filter(forwardable).join(', ') || 'content-type',
        'access-control-max-age': '600',
      };
      // Chromium's Private Network Access: a public page asking a relay on this machine or network.
      if (request.headers.get('access-control-request-private-network') === 'true')
        headers['access-control-allow-private-network'] = 'true';
      return new Response(null, { status: 204, headers });
    }
    // The body is read (within its caps) before the target is judged, so a refused client has finished sending and
    // reads why.
    let body: Uint8Array<ArrayBuffer> | undefined;
    if (method === 'POST' || method === 'DELETE') {
      if (Number(request.headers.get('content-length') ?? 0) > maxBody)
        return refuse(413, `The request body is over this relay's ${maxBody} byte limit.`);
      // A body that trickles in is bounded in time as well as in size.
      let late: ReturnType<typeof setTimeout> | undefined;
      const read = await Promise.race([
        readCapped(request, maxBody),
        new Promise<'late'>((r) => (late = setTimeout(r, timeoutMs, 'late'))),
      ]).finally(() => clearTimeout(late));
      if (read === 'late') return refuse(408, `The request body did not arrive within ${timeoutMs} ms.`);
      if (!read) return refuse(413, `The request body is over this relay's ${maxBody} byte limit.`);
      body = read;
    }
    const target = targetOf(request, asked);
    if (Array.isArray(target)) return refuse(target[0], target[1]);
    const headers = new Headers();
    request.headers.forEach((v, k) => forwardable(k) && headers.set(k, v));

    const abort = new AbortController();
    const onGone = () => abort.abort();
    request.signal?.addEventListener('abort', onGone);
    let timedOut = false;
    const timer = setTimeout(() => ((timedOut = true), abort.abort()), timeoutMs);
    let upstream: Response;
    try {
      upstream = await fetch(target.href, {
        method,
        headers,
        body: body?.byteLength ? body : undefined,
        redirect: 'manual',
        signal: abort.signal,
      });
    } catch {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onGone);
      return timedOut
        ? refuse(504, `${where(target)} did not answer within ${timeoutMs} ms.`, target)
        : refuse(502, `The relay could not reach ${where(target)}.`, target);
    }
    clearTimeout(timer);
    if ((upstream.status >= 300 && upstream.status < 400) || upstream.type === 'opaqueredirect') {
      void upstream.body?.cancel().catch(() => {});
      return refuse(
        502,
        `${where(target)} answered with a redirect; the relay neither follows nor passes on redirects.`,
        target,
      );
    }
    const out = new Headers({ ...cors, 'access-control-expose-headers': EXPOSE });
    for (const name of RETURN) {
      const v = upstream.headers.get(name);
      if (v !== null) out.set(name, v);
    }
    log(`${method} ${where(target)} ${upstream.status}${headers.has('last-event-id') ? ' resumed' : ''}`);
    const settled = () => request.signal?.removeEventListener('abort', onGone);
    if (!upstream.body || method === 'HEAD') settled();
    const streamed = upstream.body && method !== 'HEAD' ? passThrough(upstream.body, maxStreamMs, settled) : null;
    return new Response(streamed, { status: upstream.status, statusText: upstream.statusText, headers: out });
  };
}

/**
 * Reads a request body of at most `max` bytes; undefined when it is longer (reading stops there). Like readText in
 * core/transport/http.ts, kept apart: the relay imports nothing of the client.
 */
async function readCapped(request: Request, max: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      void reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) (all.set(c, at), (at += c.byteLength));
  return all;
}

/**
 * The upstream body chunk by chunk as it arrives (an SSE event is not held back), ended cleanly
 * after `maxMs`: the client then resumes the stream with Last-Event-ID.
 */
function passThrough(source: ReadableStream<Uint8Array>, maxMs: number, done: () => void): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const finish = (c?: ReadableStreamDefaultController<Uint8Array>) => {
    clearTimeout(timer);
    done();
    try {
      c?.close();
    } catch {
      /* already closed */
    }
  };
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        timer = setTimeout(() => (reader.cancel().catch(() => {}), finish(c)), maxMs);
      },
      async pull(c) {
        try {
          const { done: end, value } = await reader.read();
          if (end) finish(c);
          else c.enqueue(value);
        } catch {
          finish(c);
        }
      },
      cancel(reason) {
        finish();
        return reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
}
