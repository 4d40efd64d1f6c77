// One connection per server per page (issue 30): everything on a page that names the same server with
// the same options (elements, and hosts through `sharedClient`) holds one McpClient, so ten forms send
// one discovery, one handshake and one tools/list. The last holder to let go closes it, after a grace
// that lets a re-render or a move in the DOM keep the connection.
import { McpClient } from './client.js';
import type { McpClientOptions } from './options.js';
import type { InputHandlers } from './input.js';

/** A hold on a shared client: `release()` once when done with it (twice is harmless). */
export interface ClientLease {
  readonly client: McpClient;
  /** Lets go; the client closes when no one else holds it, after `grace` ms (`now`: at once). */
  release(now?: boolean): void;
}

type Handlers = Pick<InputHandlers, 'onSampling' | 'onElicitation' | 'onRoots'>;
interface Entry {
  client: McpClient;
  /** Who holds it, in order: the first holder with a handler answers the server's requests. */
  holders: Handlers[];
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * How long a client outlives its last holder, in ms: 0, the end of the task. A move in the DOM or a framework's
 * re-render lets go and takes again in one task; a longer grace kept a closed page's stream (and its tab lock) from
 * the next element on that server.
 */
export const GRACE_MS = 0;
const pool = new Map<string, Entry>();
const ids = new WeakMap<object, number>();
let lastId = 0;
/** An object's identity as a number: two stores, fetches or header functions are never the same. */
const idOf = (v: unknown): unknown =>
  v && (typeof v === 'object' || typeof v === 'function') ? (ids.get(v) ?? (ids.set(v, ++lastId), lastId)) : v;

/**
 * What makes two connections different: the server, the way there (relay, transport, fetch), who signs in and how
 * (auth, compared by value), where the session is kept (store), extra headers and how the client introduces itself.
 * Input handlers are not part of it: they are routed to the holders.
 */
export const poolKey = (o: McpClientOptions): string =>
  JSON.stringify(
    [
      o.url,
      o.relay,
      o.transport ?? 'auto',
      o.protocolVersion,
      o.auth,
      idOf(o.store),
      idOf(o.fetch),
      idOf(o.headers),
      idOf(o.eraCache),
      o.clientInfo,
      o.apps,
      o.skills,
      o.samplingTools,
      o.listToolsEarly,
      o.timeout,
      o.maxTotalTimeout,
    ],
    (_, v) => (typeof v === 'function' ? idOf(v) : v),
  );

/**
 * A client for `options`, shared with everyone on the page who asked with the same options. The server's sampling,
 * elicitation and roots requests go to the first holder that has a handler for them; capabilities are declared for
 * the holders present at the handshake.
 */
export function sharedClient(options: McpClientOptions, grace = GRACE_MS): ClientLease {
  const key = poolKey(options);
  let entry = pool.get(key);
  if (!entry) {
    const holders: Handlers[] = [];
    const first = <K extends keyof Handlers>(k: K) => holders.find((h) => h[k])?.[k];
    const routed = { ...options };
    for (const k of ['onSampling', 'onElicitation', 'onRoots'] as const)
      Object.defineProperty(routed, k, { get: () => first(k), enumerable: true });
    pool.set(key, (entry = { client: new McpClient(routed), holders }));
  }
  const e = entry;
  clearTimeout(e.timer);
  const mine: Handlers = {
    onSampling: options.onSampling,
    onElicitation: options.onElicitation,
    onRoots: options.onRoots,
  };
  e.holders.push(mine);
  let held = true;
  return {
    client: e.client,
    release(now) {
      if (!held) return;
      held = false;
      e.holders.splice(e.holders.indexOf(mine), 1);
      if (e.holders.length) return;
      const close = () => {
        if (e.holders.length || pool.get(key) !== e) return;
        pool.delete(key);
        void e.client.close();
      };
      clearTimeout(e.timer);
      if (now) close();
      else e.timer = setTimeout(close, grace);
    },
  };
}
