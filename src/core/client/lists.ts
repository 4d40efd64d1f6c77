// The list requests: every cursor followed, results served from memory for their `ttlMs` where the
// era allows it (U-19 … U-22), and the notifications that make them stale.
import { isObject as isPlain, type Params } from '../jsonrpc/messages.js';
import type { ListOptions } from './options.js';

/** Notifications that change a list: the event they fire and the cached requests they make stale. */
export const CHANGES: Record<string, [string, string]> = {
  'notifications/tools/list_changed': ['toolschanged', 'tools/list'],
  'notifications/prompts/list_changed': ['promptschanged', 'prompts/list'],
  'notifications/resources/list_changed': ['resourceschanged', 'resources/'],
};

/** The longest a server's `ttlMs` is honoured (an hour): a huge or endless one cannot pin a stale answer. */
export const MAX_TTL_MS = 3_600_000;

/**
 * A server's `ttlMs` as a safe number of ms: 0 for anything that is not a positive finite number, at most MAX_TTL_MS.
 */
export const ttlOf = (value: unknown) => (typeof value === 'number' && value > 0 ? Math.min(value, MAX_TTL_MS) : 0);

const isString = (v: unknown) => typeof v === 'string';
/** The fields the elements read, and the type each must have to be kept. */
const FIELDS = new Map<string, (v: unknown) => boolean>([
  ...['name', 'title', 'description', 'mimeType', 'uri', 'uriTemplate'].map((k) => [k, isString] as const),
  ...['annotations', 'inputSchema', 'outputSchema', 'execution', '_meta'].map((k) => [k, isPlain] as const),
  ...['icons', 'arguments'].map((k) => [k, Array.isArray] as const),
]);

/**
 * Deletes Lit-internal-looking keys (`_$litType$`…) a few levels down, so server data is never taken
 * for a template. In place: the value is ours (parsed, or cloned from the store), and most lists have none.
 */
function scrub(value: unknown, depth: number): void {
  if (depth < 4 && typeof value === 'object' && value)
    for (const k in value)
      k.startsWith('_$lit')
        ? delete (value as Record<string, unknown>)[k]
        : scrub((value as Record<string, unknown>)[k], depth + 1);
}

/**
 * List items as the elements expect them, before they are stored or rendered: objects with a string
 * name or uri; fields the elements read that have the wrong type left out. One pass over each item's
 * keys (10,000 tools cost a few ms, not tens).
 */
export function coerceItems(items: unknown): Record<string, unknown>[] {
  if (!Array.isArray(items)) return [];
  const out: Record<string, unknown>[] = [];
  for (const item of items) {
    if (!isPlain(item)) continue;
    for (const k in item) {
      const ok = FIELDS.get(k);
      if (k.startsWith('_$lit') || (ok && !ok(item[k]))) delete item[k];
      else scrub(item[k], 1);
    }
    if (isString(item.name) || isString(item.uri)) out.push(item);
  }
  return out;
}

/** Runs list requests through the engine, caching fresh pages while `caches()` says the era allows it. */
export class Lists {
  /** Results kept for their `ttlMs`, by method and params; the skills chunk keeps its own results here too. */
  readonly cache = new Map<string, { expires: number; value: Params }>();

  constructor(
    private readonly engine: {
      request(method: string, params: Params, options: { signal?: AbortSignal }): Promise<Params>;
    },
    readonly caches: () => boolean | undefined,
  ) {}

  /** Every item of `key` across all pages (or one page from `cursor`). */
  async all(method: string, key: string, { signal, cursor }: ListOptions): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | undefined = cursor;
    for (let page = 0; page < 1000; page++) {
      const params = next === undefined ? {} : { cursor: next };
      const cacheKey = method + JSON.stringify(params);
      const hit = this.cache.get(cacheKey);
      const result =
        hit && Date.now() < hit.expires ? hit.value : await this.engine.request(method, params, { signal });
      const ttl = ttlOf(result.ttlMs);
      if (result !== hit?.value && this.caches() && ttl > 0)
        this.cache.set(cacheKey, { expires: Date.now() + ttl, value: result });
      items.push(...coerceItems(result[key]));
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
