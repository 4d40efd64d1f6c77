// Which era a URL speaks (checklist §2.6): modern first, then legacy Streamable HTTP, then HTTP+SSE,
// the last answer remembered per URL. The registry below is the one place that lists the eras.
import { McpError, McpHttpError } from '../../jsonrpc/errors.js';
import type { KeyValueStore } from '../../kv/store.js';
import { eraKey } from '../../store/keys.js';
import { LEGACY_VERSIONS, MODERN_VERSION } from '../../protocol/versions.js';
import type { Connection, Era, EraContext, EraModule } from './era.js';
import { legacy } from './legacy.js';
import { modern } from './modern.js';

/**
 * The eras. The deprecated HTTP+SSE one is loaded only when it is needed (the last fallback, or a
 * server known to speak only it), so pages that talk to current servers do not carry it.
 */
const ERAS: Record<Era, () => EraModule | Promise<EraModule>> = {
  modern: () => modern,
  legacy: () => legacy,
  sse: () =>
    import('./sse.js').then(
      (m) => m.sse,
      (error) =>
        Promise.reject(
          new McpError(
            `Could not load the HTTP+SSE support (dist/chunks/sse-*.js): ${error instanceof Error ? error.message : error}`,
          ),
        ),
    ),
};

/** A `server/discover` sent before the store said what to do (link.ts): negotiation takes it up, or it is dropped. */
export interface Probe {
  take(): Probed | undefined;
}
export type Probed = { c: Connection; discovered: Promise<void> };

/** Lets go of a discovery not taken up, once the server has answered it. */
export const dropProbe = (p?: Probed) => void p?.discovered.finally(() => p.c.close(true)).catch(() => {});

/** Which eras each `transport` option allows. */
const ORDERS: Record<string, Era[]> = {
  auto: ['modern', 'legacy', 'sse'],
  'streamable-http': ['modern', 'legacy'],
  sse: ['sse'],
};

export type TransportMode = 'auto' | 'streamable-http' | 'sse';

/** Where the era found for a URL is remembered (in memory by default; the store adapter persists it). */
export interface EraCache {
  get(url: string): Era | undefined | Promise<Era | undefined>;
  set(url: string, era: Era): void | Promise<void>;
}
const memoryEras = new Map<string, Era>();
const memoryEraCache: EraCache = { get: (u) => memoryEras.get(u), set: (u, e) => void memoryEras.set(u, e) };

/**
 * The era cache over the store (checklist MV-09): a cold connect after a reload skips the probes that failed before.
 */
export const eraCacheOf = (store?: KeyValueStore): EraCache =>
  store
    ? { get: (url) => store.get<Era>(eraKey(url)), set: (url, era) => store.set(eraKey(url), era) }
    : memoryEraCache;

/** A new connection of `era`, optionally set up from what the store kept. */
export const connectionOf = async (
  ctx: EraContext,
  era: Era,
  record?: Parameters<EraModule['create']>[1],
): Promise<Connection> => (await ERAS[era]()).create(ctx, record);

/**
 * The era of a declared protocol version (the `protocolVersion` option) that `mode` allows: 2024-11-05, or any
 * handshake version with `mode` `sse`, is HTTP+SSE.
 */
export const declaredEra = (version?: string, mode?: TransportMode): Era | undefined => {
  const era =
    version === MODERN_VERSION
      ? 'modern'
      : LEGACY_VERSIONS.includes(version!)
        ? mode === 'sse' || version === '2024-11-05'
          ? 'sse'
          : 'legacy'
        : undefined;
  return allows(mode, era) ? era : undefined;
};

/** Whether `mode` allows `era`. */
export const allows = (mode: TransportMode = 'auto', era?: Era): era is Era => !!era && ORDERS[mode].includes(era);

/**
 * Opens a connection in the first era that answers, the cached one first (`cached`: an era read
 * already). `use` makes an attempt the client's current connection while it handshakes; `probe` is a
 * discovery sent before the store answered, taken up as the modern attempt.
 *
 * The legacy `initialize` is not sent beside `server/discover` to save the round trip: a modern server
 * must see the 2026-07-28 headers and `_meta` on every POST (conformance `request-metadata`), and a
 * legacy one must not see a request before `initialize` is answered.
 */
export async function negotiate(
  ctx: EraContext,
  mode: TransportMode = 'auto',
  cache: EraCache,
  use: (c?: Connection) => void,
  signal?: AbortSignal,
  cached?: Promise<Era | undefined>,
  probe?: Probe,
): Promise<Connection> {
  let order = ORDERS[mode];
  const era = await (cached ?? cache.get(ctx.url));
  const known = allows(mode, era);
  if (known) order = [era, ...order.filter((e) => e !== era)];
  let probed = probe?.take();
  const errors: Error[] = [];
  try {
    for (const era of order) {
      const m = await ERAS[era]();
      const sent = era === 'modern' ? probed : undefined;
      if (sent) probed = undefined;
      const c = sent?.c ?? m.create(ctx);
      use(c);
      try {
        await c.open(signal, sent?.discovered);
      } catch (error) {
        await c.transport.close().catch(() => {});
        use(undefined);
        if (!m.fallsThrough(error)) throw error;
        errors.push(error as Error);
        continue;
      }
      await cache.set(ctx.url, era);
      return c;
    }
  } finally {
    dropProbe(probed); // a known era answered before modern's turn came
  }
  // Report the most telling failure: a CORS or network diagnosis beats "404 Not Found".
  const http = (e: Error) => e instanceof McpHttpError;
  throw (
    errors.find((e) => http(e) && ['cors', 'html'].includes((e as McpHttpError).kind)) ??
    errors.find((e) => !(http(e) && [404, 405].includes((e as McpHttpError).status))) ??
    errors[errors.length - 1]
  );
}
