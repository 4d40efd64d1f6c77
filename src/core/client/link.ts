// The client's connection over time: resumed from the store or negotiated anew, renewed when the
// server ends the session, reconnected with backoff when the transport is lost, and closed.
import { McpError, McpSessionExpiredError } from '../jsonrpc/errors.js';
import { isRequest, type JsonRpcMessage } from '../jsonrpc/messages.js';
import { sleep, type SendOptions } from '../transport/types.js';
import type { Authorization } from './authorization.js';
import type { Connection, Era, EraContext } from './eras/era.js';
import { allows, connectionOf, eraCacheOf, negotiate, type Probe } from './eras/negotiate.js';
import { modern, type ModernConnection } from './eras/modern.js';
import type { ClientState } from './options.js';
import type { Tabs } from './tabs.js';

/** How long a first request waits for the store to say what to resume (a first visit's IndexedDB takes tens of ms to open). */
const PROBE_MS = 10;

/** What the link needs from its client, besides what its eras need. */
export interface LinkHost extends EraContext {
  readonly tabs: Tabs;
  readonly auth: Authorization;
  readonly state: ClientState;
  /** Changes the state; an error goes to `lastError`. */
  setState(state: ClientState, error?: Error): void;
  /** A connection opened: the client takes over what the server said about itself. */
  adopted(c: Connection): void;
}

/** Holds the current Connection and replaces it as sessions end and transports drop. */
export class Link {
  conn?: Connection;
  private renewing?: Promise<void>;
  private era?: Promise<Era | undefined>;
  private record?: Promise<unknown>;

  constructor(readonly host: LinkHost) {}

  /** The open connection, or a clear error. */
  get live(): Connection {
    if (!this.conn || this.host.state === 'closed') throw new McpError('The client is not connected');
    return this.conn;
  }

  /** Starts reading the kept record and era, so the store's answer overlaps the rest of start-up. */
  prefetch(): void {
    this.record = this.host.kept.prefetch();
    this.era = Promise.resolve(this.cache().get(this.host.url)).catch(() => undefined);
  }

  /** Resumes what the store kept or negotiates the era; one tab at a time, so a second tab resumes the first one's session. */
  open(signal?: AbortSignal): Promise<void> {
    const host = this.host;
    const cache = this.cache();
    if (!this.era) this.prefetch();
    const era = this.era;
    const probe = this.probe(Promise.all([this.record, era]), signal);
    this.era = this.record = undefined;
    // What prefetch() read is used unless this tab had to wait for another one, which may have changed it.
    const opened = this.oneTabAtATime(async (waited) => void ((await this.resume(undefined, !waited)) || this.adopt(await negotiate(host, host.options.transport, cache, (c) => (this.conn = c), signal, waited ? undefined : era, probe))));
    return opened.finally(probe.drop).then(() => void this.recovery().catch(() => {}));
  }

  /**
   * A first visit does not wait for IndexedDB to open: when the store has not said within PROBE_MS
   * what to resume or which era the URL speaks, `server/discover` goes out meanwhile. It is
   * stateless, so it costs nothing when the store then says otherwise (it is dropped); negotiation
   * takes it up as its modern attempt.
   */
  private probe(known: Promise<unknown>, signal?: AbortSignal): Probe & { drop(): void } {
    const host = this.host;
    const stop = new AbortController();
    let probe: { c: Connection; discovered: Promise<void> } | undefined;
    let done = false;
    if (host.kept.store && allows(host.options.transport, 'modern'))
      void Promise.race([known.then(() => true, () => true), sleep(PROBE_MS)]).then((answered) => {
        if (answered || done) return;
        const c = modern.create(host) as ModernConnection;
        const discovered = c.discover(signal ? AbortSignal.any([signal, stop.signal]) : stop.signal);
        discovered.catch(() => {});
        probe = { c, discovered };
      });
    return {
      take: () => ((done = true), probe),
      drop: () => void (!done && probe && (stop.abort(), probe.c.transport.close().catch(() => {})), (done = true)),
    };
  }

  private cache() {
    return this.host.options.eraCache ?? eraCacheOf(this.host.kept.store);
  }

  /** A connection for what the store kept, only so that close() can end its session too. */
  async adoptKept(): Promise<void> {
    const r = this.host.kept.record;
    if (!this.conn && r.era) this.conn = await connectionOf(this.host, r.era, r);
  }

  /** Ends the session on the server (endSession) or only here, so that a reload resumes it. */
  async close(endSession: boolean): Promise<void> {
    const c = this.conn;
    this.conn = undefined;
    await c?.close(endSession);
  }

  /** Sends a request or reply; a 401/403 goes to authorization, an expired session is renewed once. */
  async send(message: JsonRpcMessage, options: SendOptions & { via?: Connection }): Promise<void> {
    const send = () => (options.via ?? this.conn!).transport.send(message, options);
    // While connecting, connect() itself recovers from 401/403 and repeats the whole negotiation.
    if (!isRequest(message) || this.host.state === 'connecting') return send();
    try {
      await this.host.auth.retrying(send);
    } catch (error) {
      if (!(error instanceof McpSessionExpiredError) || message.method === 'initialize' || options.signal?.aborted) throw error;
      await this.renew();
      await send();
    }
  }

  /** The transport's connection is gone for good: renew an expired session, or fail what waits and reconnect with backoff (recover.ts). */
  async closed(error: Error): Promise<void> {
    const host = this.host;
    if (host.state === 'closed') return;
    const m = await this.recovery().catch(() => undefined);
    if (m) return m.closed(this, error);
    // Not even recover.ts could load: what waits fails, and the next connect() starts anew.
    host.engine.pending.rejectAll(error);
    host.setState('idle', error);
  }

  /** @internal The session ended on the server: start a new one (HL-14). Concurrent callers share one attempt. */
  renew(): Promise<void> {
    return (this.renewing ??= this.recovery()
      .then((m) => m.renew(this))
      .finally(() => (this.renewing = undefined)));
  }

  /** recover.ts, asked for once a connection is up, so that it is here when the network is not. */
  private recovery(): Promise<typeof import('./recover.js')> {
    return (this.loadingRecovery ??= import('./recover.js').catch((error) => {
      this.loadingRecovery = undefined;
      throw error;
    }));
  }
  private loadingRecovery?: Promise<typeof import('./recover.js')>;

  /** Takes up the session (legacy) or discovery (modern, within ttlMs) that the store holds, instead of starting anew. */
  /** @internal */
  async resume(skipSession?: string, early?: boolean): Promise<boolean> {
    const host = this.host;
    if (!host.kept.store) return false;
    const r = await host.kept.read(early);
    if (!allows(host.options.transport, r.era)) return false;
    const c = (this.conn = await connectionOf(host, r.era, r));
    if (await c.resume(r, skipSession)) return (this.adopt(c), true);
    this.conn = undefined;
    return false;
  }

  /** Opens a new connection in an era already found. */
  /** @internal */
  async reopen(era: Era): Promise<void> {
    const c = (this.conn = await connectionOf(this.host, era));
    await c.open();
    this.adopt(c);
  }

  private adopt(c: Connection): void {
    this.conn = c;
    this.host.adopted(c);
  }

  /** Sets up a session while no other tab does, and stores it before letting the next tab look. */
  /** @internal */
  oneTabAtATime(fn: (waited: boolean) => Promise<void>): Promise<void> {
    return this.host.tabs.oneAtATime(fn, () => this.host.kept.flush());
  }
}
