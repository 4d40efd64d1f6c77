// The handshake era (2024-11-05 … 2025-11-25): `initialize`, then a session. LegacyProtocol is what
// both of its transports share; the Streamable HTTP era adds the session, the GET stream, resuming
// after a reload and sharing that stream with the other tabs (checklist HL-01 … HL-16).
import {
  McpAbortError,
  McpAuthError,
  McpError,
  McpProtocolError,
  McpSessionExpiredError,
} from '../../jsonrpc/errors.js';
import type { Params, RequestId } from '../../jsonrpc/messages.js';
import type { Implementation, LoggingLevel } from '../../protocol/types.js';
import { ERROR, LEGACY_VERSIONS } from '../../protocol/versions.js';
import type { ServerRecord } from '../../store/records.js';
import { StreamableHttpTransport } from '../../transport/streamable-http.js';
import type { SendOptions, Transport } from '../../transport/types.js';
import { sleep } from '../../util/sleep.js';
import { capabilitiesFor, clientInfoOf } from '../input.js';
import type { Connection, Era, EraContext, EraModule, ServerFacts, StreamNews } from './era.js';

/** The legacy protocol over any transport: handshake, cancellation by notification, and the methods it names. */
export abstract class LegacyProtocol<T extends Transport> implements Connection {
  abstract readonly era: Era;
  abstract readonly transport: T;
  facts?: ServerFacts;

  constructor(protected readonly ctx: EraContext) {}

  /**
   * Handshakes; `start` opens the transport first where it needs opening, `ready` runs once the server was told we are
   * initialized.
   */
  async open(signal?: AbortSignal, start?: Promise<void>, ready?: () => Promise<void>): Promise<void> {
    await start;
    const { options, engine, kept } = this.ctx;
    const result = await engine.request(
      'initialize',
      {
        protocolVersion: LEGACY_VERSIONS[0],
        capabilities: capabilitiesFor(options),
        clientInfo: clientInfoOf(options),
      },
      { signal, timeout: 15_000, via: this },
    );
    const version = result.protocolVersion as string;
    if (!LEGACY_VERSIONS.includes(version))
      throw new McpProtocolError(
        ERROR.unsupportedVersion,
        `The server chose protocol version ${JSON.stringify(version)}, which this client does not speak`,
      );
    this.facts = {
      protocolVersion: version,
      serverInfo: result.serverInfo as Implementation,
      capabilities: result.capabilities as ServerFacts['capabilities'],
      instructions: result.instructions as string | undefined,
    };
    (this.transport as { protocolVersion?: string }).protocolVersion = version;
    // The first requests (the tool list) leave once the server has taken the notification (its 202), not beside it:
    // two POSTs may be handled in either order, a server may make tools when told it is initialized
    // (server-everything does) and the Python SDK refuses a request that comes before it.
    await this.transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    this.ctx.handshaken();
    kept.remember(
      { era: this.era, ...this.facts, sessionId: (this.transport as { sessionId?: string }).sessionId },
      true,
    );
    await ready?.();
  }

  async resume(_record?: ServerRecord, _skipSession?: string): Promise<boolean> {
    return false;
  }

  cancel(id: RequestId, method: string, reason: Error): void {
    if (method !== 'initialize')
      this.transport
        .send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: id, reason: reason.message } })
        .catch(() => {});
  }

  /**
   * -32042 (URLElicitationRequired, E-06): the person may complete the URLs, then the call is tried again (loaded on
   * first use).
   */
  async recover(error: unknown, signal?: AbortSignal): Promise<boolean> {
    if (!(error instanceof McpProtocolError && error.code === ERROR.urlElicitationRequired)) return false;
    return (await import('./url-elicitation.js')).completeUrlElicitations(
      this.ctx,
      this.facts?.serverInfo,
      error,
      signal,
    );
  }

  /**
   * 2025-11-25 tasks: a tool that must (or, when the caller asks, may) run as a task is called as one, if the server
   * runs tool calls as tasks.
   */
  taskParams(support?: string, wanted?: boolean): Params | undefined {
    if (
      this.facts?.capabilities?.tasks?.requests?.tools?.call &&
      (support === 'required' || (wanted && support === 'optional'))
    )
      return { task: {} };
  }

  subscribe(uri: string, on: boolean, options: SendOptions): Promise<void> {
    return this.call(on ? 'resources/subscribe' : 'resources/unsubscribe', { uri }, options);
  }
  setLogLevel(level: LoggingLevel, options: SendOptions): Promise<void> {
    return this.call('logging/setLevel', { level }, options);
  }
  ping(options: SendOptions): Promise<void> {
    return this.call('ping', {}, options);
  }
  async close(_endSession?: boolean): Promise<void> {
    await this.transport.close();
  }

  private async call(method: string, params: Params, options: SendOptions): Promise<void> {
    await this.ctx.engine.request(method, params, options);
  }
}

/** Legacy Streamable HTTP: the session, its GET stream (one tab holds it), and resuming both after a reload. */
class StreamableHttpConnection extends LegacyProtocol<StreamableHttpTransport> {
  readonly era = 'legacy';
  readonly transport: StreamableHttpTransport;
  /** Set while a kept session is being tried: its expiry means "start anew", not "renew". */
  private resuming?: { expired: boolean };

  constructor(ctx: EraContext, r: ServerRecord = {}) {
    super(ctx);
    const options = ctx.transportOptions();
    const t = (this.transport = new StreamableHttpTransport(ctx.url, {
      ...options,
      onClose: (e) =>
        this.resuming && e instanceof McpSessionExpiredError ? (this.resuming.expired = true) : options.onClose?.(e),
    }));
    t.sessionId = r.sessionId;
    t.protocolVersion = r.protocolVersion;
    t.getStreamEventId = r.eventIds?.get;
    t.onStandaloneMessage = (message, eventId) => {
      // The owner tab: note the stream position and pass the message on to the other tabs.
      if (eventId && t.sessionId === ctx.kept.record.sessionId) ctx.kept.remember({ eventIds: { get: eventId } });
      ctx.tabs.channel?.postMessage({ session: t.sessionId, message, eventId } satisfies StreamNews);
    };
  }

  get sessionId(): string | undefined {
    return this.transport.sessionId;
  }

  /**
   * Opens the notification stream (the owner tab) once the handshake is done, and counts as ready once the server
   * has answered it (405 included; at most 3 s): a notification the server sends right after a first call, unrelated
   * to it, goes on that stream or nowhere, so a call must not go out before it. The first requests (the tool list)
   * do not wait: they left when notifications/initialized was taken, before the stream's code is fetched.
   */
  override open(signal?: AbortSignal): Promise<void> {
    return super.open(
      signal,
      undefined,
      async () => void ((await this.ctx.tabs.joined, this.ctx.tabs.owner) && (await this.stream())),
    );
  }

  override async resume(r: ServerRecord, skipSession?: string): Promise<boolean> {
    if (!r.sessionId || r.sessionId === skipSession) return false;
    this.facts = r;
    await this.ctx.tabs.joined;
    if (!this.ctx.tabs.owner) return true;
    // The GET stream with Last-Event-ID replays what the server sent while no page listened; a 404
    // means the session is gone, and the caller starts a new one (HL-14).
    const probe = (this.resuming = { expired: false });
    await this.stream();
    this.resuming = undefined;
    if (probe.expired) await this.expire();
    return !probe.expired;
  }

  /** The owner tab went away: this one takes the GET stream over, from the last event it heard of. */
  takeStream(): void {
    if (this.ctx.state === 'ready') void this.transport.openStandaloneStream();
  }

  /** What the owner tab heard on this session's stream; server requests are the owner's to answer. */
  hear(news: StreamNews): boolean {
    const t = this.transport;
    if (this.ctx.tabs.owner || news.session !== t.sessionId) return false;
    if (news.eventId) t.getStreamEventId = news.eventId;
    return true;
  }

  expire(): Promise<void> {
    this.transport.sessionId = undefined; // gone on the server: no DELETE
    return this.close();
  }

  override async close(endSession?: boolean): Promise<void> {
    const { transport: t, ctx } = this;
    if (!endSession)
      t.sessionId = undefined; // no DELETE: a reload resumes it
    else if (t.sessionId === ctx.kept.record.sessionId)
      ctx.kept.remember({ sessionId: undefined, eventIds: undefined });
    await super.close();
  }

  /** The GET stream, waited for at most 3 s. */
  private stream(): Promise<unknown> {
    return Promise.race([this.transport.openStandaloneStream(), sleep(3000)]);
  }
}

export const legacy: EraModule = {
  create: (ctx, record) => new StreamableHttpConnection(ctx, record),
  fallsThrough: legacyFallsThrough,
};

/** A legacy era that failed for a reason other than authorization or an abort lets the next one try. */
export function legacyFallsThrough(error: unknown): boolean {
  return !(error instanceof McpAuthError || error instanceof McpAbortError) && error instanceof McpError;
}
