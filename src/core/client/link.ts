// The client's connection over time: resumed from the store or negotiated anew, renewed when the
// server ends the session, reconnected with backoff when the transport is lost, and closed.
import { McpError, McpSessionExpiredError } from '../jsonrpc/errors.js';
import { isRequest, type JsonRpcMessage } from '../jsonrpc/messages.js';
import type { SendOptions } from '../transport/types.js';
import type { Authorization } from './authorization.js';
import type { Connection, Era, EraContext } from './eras/era.js';
import { eraKey } from '../store/keys.js';
import {
  allows,
  connectionOf,
  declaredEra,
  dropProbe,
  eraCacheOf,
  negotiate,
  type Probe,
  type Probed,
} from './eras/negotiate.js';
import { modern, type ModernConnection } from './eras/modern.js';
import type { RpcEngine } from './engine.js';
import type { ClientState, McpClientOptions } from './options.js';
import type { Persistence } from './persistence.js';
import type { Tabs } from './tabs.js';
import type * as Late from './link.late.js';

/** What the link needs from its client, besides what its eras need: the whole engine, kept record, options and tabs. */
export interface LinkHost extends EraContext {
  readonly options: McpClientOptions;
  readonly engine: RpcEngine;
  readonly kept: Persistence;
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

  constructor(readonly host: LinkHost) {}

  /** The open connection, or a clear error. */
  get live(): Connection {
    if (!this.conn || this.host.state === 'closed') throw new McpError('The client is not connected');
    return this.conn;
  }

  /** Starts reading the kept record and era, so the store's answer overlaps the rest of start-up. */
  prefetch(): void {
    void this.host.kept.prefetch();
    this.era = Promise.resolve(this.cache().get(this.host.url)).catch(() => undefined);
  }

  /**
   * Resumes what the store kept or negotiates the era; one tab at a time, so a second tab resumes the first one's
   * session.
   */
  open(signal?: AbortSignal): Promise<void> {
    const host = this.host;
    const { transport, eraCache } = host.options;
    const cache = this.cache();
    if (!this.era) this.prefetch();
    const era = this.era;
    // A declared era is tried first, with no probe and no era read from the store.
    const declared = declaredEra(host.options.protocolVersion, transport);
    const probe = this.probe(signal, declared);
    this.era = undefined;
    // What prefetch() read is used unless this tab had to wait for another one, which may have changed it.
    // A first visit (the store's hint knows no era here, so it keeps no session either) does not wait for it.
    const opened = this.oneTabAtATime(async (waited) => {
      const first = !waited && probe.first;
      if (!first && (await this.resume(undefined, !waited))) return;
      // The store's era is not read either (an `eraCache` of the host's own still is).
      const known = declared || (first && !eraCache) ? Promise.resolve(declared) : waited ? undefined : era;
      this.adopt(await negotiate(host, transport, cache, (c) => (this.conn = c), signal, known, probe));
    });
    // A wrong declaration cost one failed attempt, not the connection: link.late.ts tells the host.
    return opened.finally(probe.drop).then(
      () =>
        void this.recovery().then(
          (m) => m.opened(this, declared),
          () => {},
        ),
    );
  }

  /**
   * What goes out before the store has answered (a first visit's IndexedDB takes tens of ms to open):
   * `server/discover`, which is stateless and so costs nothing when the store then says otherwise. It
   * goes at once where the store's synchronous hint (`peek`) knows no era for this URL (a first visit)
   * or knows it is modern; not where it knows a legacy era, nor with a store that cannot say.
   * Negotiation takes it up as its modern attempt; if it does not, it is dropped.
   */
  private probe(signal?: AbortSignal, declared?: Era): Probe & { drop(): void; first: boolean } {
    const { kept, url, options } = this.host;
    // Undefined: no era known here; null: the store cannot say.
    const hint = kept.store?.peek ? kept.store.peek(eraKey(url)) : null;
    let probed: Probed | undefined;
    if (!declared && (hint === undefined || hint === 'modern') && allows(options.transport, 'modern')) {
      const c = modern.create(this.host) as ModernConnection;
      probed = { c, discovered: c.discover(signal) };
      probed.discovered.catch(() => {});
    }
    let taken = false;
    return {
      first: hint === undefined,
      take: () => ((taken = true), probed),
      drop: () => void (taken || dropProbe(probed)),
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
      if (!(error instanceof McpSessionExpiredError) || message.method === 'initialize' || options.signal?.aborted)
        throw error;
      await this.renew();
      await send();
    }
  }

  /**
   * The transport's connection is gone for good: renew an expired session, or fail what waits and reconnect with
   * backoff (link.late.ts).
   */
  async closed(error: Error): Promise<void> {
    const host = this.host;
    if (host.state === 'closed') return;
    const m = await this.recovery().catch(() => undefined);
    if (m) return m.closed(this, error);
    // Not even link.late.ts could load: what waits fails, and the next connect() starts anew.
    host.engine.pending.rejectAll(error);
    host.setState('idle', error);
  }

  /** @internal The session ended on the server: start a new one (HL-14). Concurrent callers share one attempt. */
  renew(): Promise<void> {
    return (this.renewing ??= this.recovery()
      .then((m) => m.renew(this))
      .finally(() => (this.renewing = undefined)));
  }

  /** link.late.ts, asked for once a connection is up, so that it is here when the network is not. */
  private recovery(): Promise<typeof Late> {
    return (this.loadingRecovery ??= import('./link.late.js').catch((error) => {
      this.loadingRecovery = undefined;
      throw error;
    }));
  }
  private loadingRecovery?: Promise<typeof Late>;

  /**
   * Takes up the session (legacy) or discovery (modern, within ttlMs) that the store holds, instead of starting anew.
   */
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

  /** Sets up (or ends) a session while no other tab does, and stores it before letting the next tab look. */
  /** @internal */
  oneTabAtATime(fn: (waited: boolean) => Promise<void>): Promise<void> {
    return this.host.tabs.oneAtATime(fn, () => this.host.kept.flush());
  }
}
