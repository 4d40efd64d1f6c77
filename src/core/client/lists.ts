// The list requests: every cursor followed, results served from memory for their `ttlMs` where the
// era allows it (U-19 … U-22), and the notifications that make them stale.
import type { Params } from '../jsonrpc/messages.js';
import type { ListOptions } from './options.js';

/** Notifications that change a list: the event they fire and the cached requests they make stale. */
export const CHANGES: Record<string, [string, string]> = {
  'notifications/tools/list_changed': ['toolschanged', 'tools/list'],
  'notifications/prompts/list_changed': ['promptschanged', 'prompts/list'],
  'notifications/resources/list_changed': ['resourceschanged', 'resources/'],
};

/** The longest a server's `ttlMs` is honoured (an hour): a huge or endless one cannot pin a stale answer. */
export const MAX_TTL_MS = 3_600_000;

/** A server's `ttlMs` as a safe number of ms: 0 for anything that is not a positive finite number, at most MAX_TTL_MS. */
export const ttlOf = (value: unknown) => (typeof value === 'number' && value > 0 ? Math.min(value, MAX_TTL_MS) : 0);

/** Runs list requests through the engine, caching fresh pages while `caches()` says the era allows it. */
export class Lists {
  private cache = new Map<string, { expires: number; value: Params }>();

  constructor(
    private readonly engine: { request(method: string, params: Params, options: { signal?: AbortSignal }): Promise<Params> },
    private readonly caches: () => boolean | undefined,
  ) {}

  /** Every item of `key` across all pages (or one page from `cursor`). */
  async all(method: string, key: string, { signal, cursor }: ListOptions): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | undefined = cursor;
    for (let page = 0; page < 1000; page++) {
      const params = next === undefined ? {} : { cursor: next };
      const cacheKey = method + JSON.stringify(params);
      const hit = this.cache.get(cacheKey);
      const result = hit && Date.now() < hit.expires ? hit.value : await this.engine.request(method, params, { signal });
      const ttl = ttlOf(result.ttlMs);
      if (result !== hit?.value && this.caches() && ttl > 0) this.cache.set(cacheKey, { expires: Date.now() + ttl, value: result });
      items.push(...((result[key] as unknown[]) ?? []));
      next = result.nextCursor as string | undefined;
      // A missing nextCursor is the only end signal; "" is a valid cursor (U-09).
      if (next === undefined || cursor !== undefined) break;
    }
    return items;
  }

  /** Drops cached results whose request starts with `prefix` (all of them without one). */
  invalidate(prefix = ''): void {
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
  }
}
