// The stateless era (2026-07-28): `server/discover` instead of a handshake, everything the server
// must know in each request's `_meta`, routing headers, `subscriptions/listen` for change
// notifications, and results cached for their `ttlMs` (checklist MV-*, HM-*, U-13 … U-22).
// Cancelling is aborting the fetch (HM-17), so there is no `cancel` here.
import { McpFormatError, McpProtocolError } from '../../jsonrpc/errors.js';
import type { Params } from '../../jsonrpc/messages.js';
import type { Implementation, Tool } from '../../protocol/types.js';
import { ERROR, LEGACY_VERSIONS, META, MODERN_VERSION, TASKS_EXTENSION } from '../../protocol/versions.js';
import type { ServerRecord } from '../../store/records.js';
import { ModernHttpTransport } from '../../transport/modern-http.js';
import type { SendOptions } from '../../transport/types.js';
import { capabilitiesFor, clientInfoOf } from '../input.js';
import type { Connection, EraContext, EraModule, ServerFacts } from './era.js';
import { ttlOf } from '../lists.js';
import { legacyFallsThrough } from './legacy.js';
import type * as Late from './modern.late.js';

/** Every modern request says the client takes a task for an answer (tasks.ts follows it). */
const withTasks = (caps: Params): Params => ({
  ...caps,
  extensions: { ...(caps.extensions as Params), [TASKS_EXTENSION]: {} },
});

export class ModernConnection implements Connection {
  readonly era = 'modern';
  readonly transport: ModernHttpTransport;
  readonly caches = true;
  facts?: ServerFacts;
  /** The listen stream's controller (modern.late.ts sets it). */
  listening?: AbortController;
  closed = false;
  /**
   * The x-mcp-header code and the listen stream (their own chunk, which only this era needs), loading while the
   * connection opens.
   */
  private later = () => (this.loadingLater ??= import('./modern.late.js'));
  private loadingLater?: Promise<typeof Late>;

  constructor(private readonly ctx: EraContext) {
    this.transport = new ModernHttpTransport(ctx.url, ctx.transportOptions());
  }

  /** `discovered`: the discovery sent early (link.ts, before the store answered), which nothing was kept of yet. */
  async open(signal?: AbortSignal, discovered?: Promise<void>): Promise<void> {
    await (discovered ?? this.discover(signal));
    this.ctx.kept.remember({ era: 'modern', ...this.facts, discoveredAt: Date.now(), ttlMs: this.ttlMs }, true);
    this.ctx.handshaken();
    void this.listen();
  }

  /** `server/discover` (stateless, so it may go out before anything else is known); sets `facts`. */
  async discover(signal?: AbortSignal): Promise<void> {
    const discover = () => this.ctx.engine.request('server/discover', {}, { signal, timeout: 15_000, via: this });
    const first = discover();
    void this.later().catch(() => {}); // after the request is on its way
    // Rejected, yet the server names our version as one it supports: retry once with it (SEP-2575).
    const result = await first.catch((e) =>
      (e as McpProtocolError).code === ERROR.unsupportedVersion &&
      (e.data?.supported as unknown[])?.includes?.(MODERN_VERSION)
        ? discover()
        : Promise.reject(e),
    );
    const versions = result.supportedVersions;
    // A 2xx without a DiscoverResult comes from a legacy server that answers unknown methods loosely.
    if (!Array.isArray(versions))
      throw new McpFormatError('server/discover returned no supportedVersions: not a modern server');
    if (!versions.includes(MODERN_VERSION))
      throw new McpProtocolError(
        ERROR.unsupportedVersion,
        `The server supports ${JSON.stringify(versions)}, not ${MODERN_VERSION}`,
        { supported: versions },
      );
    this.facts = {
      protocolVersion: MODERN_VERSION,
      capabilities: result.capabilities as ServerFacts['capabilities'],
      serverInfo: (result._meta as Params | undefined)?.[META.serverInfo] as Implementation | undefined,
      instructions: result.instructions as string | undefined,
    };
    this.ttlMs = ttlOf(result.ttlMs);
  }
  private ttlMs = 0;

  /** A discovery the store kept is used while its ttlMs lasts. */
  async resume(r: ServerRecord): Promise<boolean> {
    if (Date.now() >= (r.discoveredAt ?? 0) + ttlOf(r.ttlMs)) return false;
    this.facts = r;
    void this.later().catch(() => {});
    void this.listen();
    return true;
  }

  meta(): Params {
    const { options, logLevel } = this.ctx;
    return {
      [META.protocolVersion]: MODERN_VERSION,
      [META.clientCapabilities]: withTasks(capabilitiesFor(options)),
      [META.clientInfo]: clientInfoOf(options),
      ...(logLevel ? { [META.logLevel]: logLevel } : {}),
    };
  }

  async headers(method: string, params: Params, tool?: Tool): Promise<Record<string, string>> {
    return method === 'tools/call'
      ? (await this.later()).toolParamHeaders(tool, params.arguments as Record<string, unknown>)
      : {};
  }

  /** Tools with invalid x-mcp-header annotations cannot be routed, so they are left out (with an error event). */
  async usable(tools: Tool[]): Promise<Tool[]> {
    const { headerAnnotationProblem } = await this.later();
    return tools.filter((tool) => {
      const problem = headerAnnotationProblem(tool);
      if (problem) this.ctx.emit('error', new McpFormatError(`Tool ${tool.name} was left out: ${problem}`));
      return !problem;
    });
  }

  /** Subscriptions are a filter of the listen stream, reopened with the new set. */
  async subscribe(): Promise<void> {
    void this.listen();
  }

  /** Modern servers have no ping; discovery shows they are alive. (The log level goes out in every `_meta`, MV-10.) */
  async ping(options: SendOptions): Promise<void> {
    await this.ctx.engine.request('server/discover', {}, options);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening?.abort();
  }

  /** Opens (or reopens with a new filter) the `subscriptions/listen` stream (modern.late.ts, loading since open). */
  private listen(): void {
    this.later().then(
      (m) => m.listen(this, this.ctx),
      () => {},
    );
  }
}

export const modern: EraModule = {
  create: (ctx) => new ModernConnection(ctx),
  /** A recognised modern error ends the negotiation, unless the server names a legacy version it speaks. */
  fallsThrough(error) {
    if (!(error instanceof McpProtocolError)) return legacyFallsThrough(error);
    const supported = (error.data as { supported?: unknown })?.supported;
    if (error.code === ERROR.unsupportedVersion)
      return Array.isArray(supported) && supported.some((v) => LEGACY_VERSIONS.includes(v));
    return error.code !== ERROR.missingCapability && error.code !== ERROR.headerMismatch;
  },
};
