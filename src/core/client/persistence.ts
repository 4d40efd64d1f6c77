// What the store keeps of one server for its client (ARCHITECTURE.md#persistence): the connection record a reload
// resumes from, and the catalogue of lists shown before the network answers.
import type { BatchedStore } from '../kv/batched.js';
import { catalogueKey, serverKey } from '../store/keys.js';
import type { Catalogue, ServerRecord } from '../store/records.js';
import { coerceItems } from './lists.js';

/** A kept catalogue as the elements expect it: one written by an older version or a bad server cannot break them. */
const coerceCatalogue = (c: Catalogue | undefined): Catalogue =>
  Object.fromEntries(
    Object.entries(c && typeof c === 'object' ? c : {}).map(([k, v]) => [k, coerceItems(v)]),
  ) as Catalogue;

/** One server URL's kept record and catalogue; without a store both live in memory only. */
export class Persistence {
  record: ServerRecord = {};
  catalogue: Catalogue = {};
  private restored?: Promise<void>;
  private early?: Promise<ServerRecord>;
  /** Bumped by remember(): a read that started before is not taken over what was remembered since. */
  private changes = 0;

  constructor(
    private readonly url: string,
    readonly store?: BatchedStore,
  ) {}

  /** Reads the kept catalogue, once. */
  restore(): Promise<void> {
    this.restored ??= Promise.resolve(this.store?.get<Catalogue>(catalogueKey(this.url))).then(
      (c) => void (this.catalogue = { ...coerceCatalogue(c), ...this.catalogue }),
      () => {},
    );
    return this.restored;
  }

  /** Starts reading the record now, for `read(true)` to use: the store is read alongside the other start-up work. */
  prefetch(): Promise<ServerRecord> {
    return (this.early = this.read());
  }

  /** Reads the kept connection record (`early`: the read prefetch() started, if any). */
  async read(early?: boolean): Promise<ServerRecord> {
    const started = early && this.early;
    this.early = undefined;
    if (started) return started;
    if (!this.store) return this.record;
    const before = this.changes;
    const r = (await this.store.get<ServerRecord>(serverKey(this.url))) ?? {};
    if (before === this.changes) this.record = r;
    return this.record;
  }

  /** Keeps more of the record, or (`fresh`) a new one. */
  remember(record: ServerRecord, fresh?: boolean): void {
    this.changes++;
    void this.store?.set(serverKey(this.url), (this.record = fresh ? record : { ...this.record, ...record }));
  }

  /** Keeps a complete list in the catalogue. */
  keep<K extends keyof Catalogue>(key: K, items: NonNullable<Catalogue[K]>): void {
    this.catalogue = { ...this.catalogue, [key]: items };
    void this.store?.set(catalogueKey(this.url), this.catalogue);
  }

  /** Deletes everything kept for this server, its sign-in included. */
  async forget(): Promise<void> {
    const store = this.store;
    this.catalogue = {};
    if (!store) return;
    // Loaded on first use: it knows the auth module's keys too, and most pages never forget a server.
    const { forgetServer } = await import('../store/forget.js');
    await forgetServer(store, this.url);
    await store.flush();
  }

  /** Writes what is pending now. */
  flush(): Promise<void> | undefined {
    return this.store?.flush();
  }
}
