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
  /**
   * How the relay reaches an upstream (default: the runtime's `fetch`). relay-node passes one that resolves the host
   * name, checks every address and connects to the checked one. An error it throws with a 4xx `status` is answered as
   * the relay's refusal, with its message.
   */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
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
  'dpop',
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
  'dpop-nonce',
];
const EXPOSE = 'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, Retry-After, DPoP-Nonce';
const METHODS = 'GET, POST, DELETE, HEAD';
/**
 * On every answer, its own and an upstream's: a browser that is led to the relay (a form posted by another site, a
 * frame) neither sniffs nor runs what it gets, and the relay's origin never hosts an upstream's page.
 */
const PAGE_PROOF = { 'x-content-type-options': 'nosniff', 'content-security-policy': "sandbox; default-src 'none'" };
/** The only body types passed on as such; every other body goes out as `application/octet-stream`. */
const PASSED_TYPES = /^\s*(application\/json|text\/event-stream)\s*(;|$)/i;
/** What a browser sends when it loads a page, a frame or a plugin rather than running a page's fetch(). */
const NAVIGATION_DESTS = new Set(['document', 'iframe', 'frame', 'embed', 'object', 'fencedframe']);
/**
 * Encoded separators and dot segments (and what the URL parser turns into them: a backslash, a tab or newline inside
 * `..`): an upstream that decodes `%2F` would otherwise route `/api/..%2fadmin` outside the listed path.
 */
const SLIPPERY_PATH = /%2f|%5c|%2e|\\|[\t\n\r]|\/\.\.?(\/|$)/i;
const METADATA_DOCS = ['oauth-protected-resource', 'oauth-authorization-server', 'openid-configuration'];

/**
 * Whether a host (as WHATWG URL spells it, or an address as DNS answers it) is loopback, private, link-local, shared or
 * otherwise not public. Names other than `localhost` are not resolved here (relay-node resolves them).
 */
export function isPrivateHost(host: string): boolean {
  const h = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const v4 = ipv4(h);
  if (v4) return privateV4(v4[0], v4[1]);
  if (!h.includes(':')) return false;
  const w = ipv6(h);
  if (!w) return true; // not an address this check can read: refused rather than guessed
  const zeros = (n: number, from = 0) => w.slice(from, n).every((x) => x === 0);
  const carried = (hi: number) => privateV4(hi >> 8, hi & 255);
  // ::/96 (unspecified, loopback, the deprecated IPv4-compatible ::a.b.c.d), local-use NAT64 64:ff9b:1::/48 and
  // Teredo 2001::/32 (its IPv4 address is hidden): never public.
  if (zeros(6) || (w[0] === 0x64 && w[1] === 0xff9b && w[2] === 1) || (w[0] === 0x2001 && w[1] === 0)) return true;
  // Forms that carry an IPv4 address reach what it reaches: mapped ::ffff:0:0/96, translated ::ffff:0:0:0/96, NAT64
  // 64:ff9b::/96, 6to4 2002::/16.
  if ((zeros(5) && w[5] === 0xffff) || (zeros(4) && w[4] === 0xffff && w[5] === 0)) return carried(w[6]);
  if (w[0] === 0x64 && w[1] === 0xff9b && zeros(6, 2)) return carried(w[6]);
  if (w[0] === 0x2002) return carried(w[1]);
  // Unique local fc00::/7, link-local fe80::/10, the old site-local fec0::/10, multicast ff00::/8.
  return (w[0] & 0xfe00) === 0xfc00 || w[0] >= 0xfe80;
}

/** 0/8, 10/8, 127/8, 100.64/10, 169.254/16, 172.16/12, 192.0.0/24, 192.168/16, 198.18/15, and 224/4 upwards. */
function privateV4(a: number, b: number): boolean {
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

/** The four numbers of a dotted IPv4 address, or undefined. */
function ipv4(h: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  const n = m?.slice(1).map(Number);
  return n?.every((x) => x < 256) ? n : undefined;
}

/** The eight 16-bit groups of an IPv6 address (with `::` and a dotted IPv4 tail expanded), or undefined. */
function ipv6(h: string): number[] | undefined {
  let s = h.replace(/%.*$/, '');
  const tail = /(?:^|:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail) {
    const v = ipv4(tail[1]);
    if (!v) return undefined;
    s = `${s.slice(0, -tail[1].length)}${((v[0] << 8) | v[1]).toString(16)}:${((v[2] << 8) | v[3]).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (x: string) => (x ? x.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)) : []);
  const [a, b] = [groups(halves[0]), groups(halves[1] ?? '')];
  const fill = 8 - a.length - b.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return undefined;
  const w = [...a, ...new Array<number>(fill).fill(0), ...b];
  return w.some(Number.isNaN) ? undefined : w;
}

/** Creates the relay's fetch handler. */
export function createRelay(options: RelayOptions): RelayHandler {
  const upstreams = options.upstreams.map((u) => new URL(u));
  const origins = new Set(options.allowOrigins);
  const maxBody = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxStreamMs = options.maxStreamMs ?? 15 * 60_000;
  const log = options.log ?? (() => {});
  const reach = options.fetch ?? ((url, init) => fetch(url, init));

  /**
   * Whether `t` is an OAuth metadata document of a listed upstream: `/.well-known/<doc>` at the root of its origin or
   * with the upstream's path (or, for a prefix entry, a path under it) after it (RFC 8414, RFC 9728), or OIDC's
   * `<that path>/.well-known/openid-configuration`.
   */
  const isMetadataOf = (u: URL, t: URL) => {
    const base = u.pathname.replace(/\/$/, '');
    const covers = (path: string) => path === base || (u.pathname.endsWith('/') && path.startsWith(`${base}/`));
    const inserted = /^\/\.well-known\/([a-z-]+)(\/.*)?$/.exec(t.pathname);
    if (inserted) return METADATA_DOCS.includes(inserted[1]) && (!inserted[2] || covers(inserted[2]));
    const appended = /^(\/.+)\/\.well-known\/openid-configuration$/.exec(t.pathname);
    return !!appended && covers(appended[1]);
  };
  const allowed = (t: URL, method: string) =>
    upstreams.some(
      (u) =>
        u.origin === t.origin &&
        (((u.pathname.endsWith('/') ? t.pathname.startsWith(u.pathname) : t.pathname === u.pathname) &&
          (!u.search || u.search === t.search)) ||
          ((method === 'GET' || method === 'HEAD') && !t.search && isMetadataOf(u, t))),
    );

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
    // Judged on the text as sent: the URL parser has already resolved the dot segments it recognises.
    if (SLIPPERY_PATH.test(raw.split(/[?#]/)[0]))
      return [400, 'Encoded slashes, backslashes and dot segments in a target path are not relayed.'];
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
      return new Response(text, {
        status,
        headers: { 'content-type': 'text/plain; charset=utf-8', ...PAGE_PROOF, ...cors },
      });
    };
    // A page of another site can post a form to the relay or frame it; what comes back must never be a page.
    const mode = request.headers.get('sec-fetch-mode');
    if (
      mode === 'navigate' ||
      mode === 'nested-navigate' ||
      NAVIGATION_DESTS.has(request.headers.get('sec-fetch-dest') ?? '')
    )
      return refuse(
        403,
        'This is an MCP CORS relay, not a page: it answers fetch() from the pages it serves, not navigations, frames or embeds.',
      );
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
        ...PAGE_PROOF,
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
      upstream = await reach(target.href, {
        method,
        headers,
        body: body?.byteLength ? body : undefined,
        redirect: 'manual',
        signal: abort.signal,
      });
    } catch (e) {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onGone);
      const status = (e as { status?: unknown })?.status;
      if (typeof status === 'number' && status >= 400 && status < 500)
        return refuse(status, String((e as Error).message), target);
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
    const out = new Headers({ ...cors, ...PAGE_PROOF, 'access-control-expose-headers': EXPOSE });
    for (const name of RETURN) {
      const v = upstream.headers.get(name);
      if (v !== null) out.set(name, v);
    }
    // JSON and SSE are what MCP and OAuth speak; anything else (an upstream's HTML page) goes out as bytes to save.
    if (!PASSED_TYPES.test(out.get('content-type') ?? '')) {
      out.set('content-type', 'application/octet-stream');
      out.set('content-disposition', 'attachment');
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
