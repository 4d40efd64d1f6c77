// The deprecated 2024-11-05 HTTP+SSE transport: the legacy protocol over one long GET stream
// (checklist HS-01 … HS-05). No session to resume: a reload handshakes again.
import { HttpSseTransport } from '../../transport/http-sse.js';
import type { EraContext, EraModule } from './era.js';
import { LegacyProtocol, legacyFallsThrough } from './legacy.js';

class HttpSseConnection extends LegacyProtocol<HttpSseTransport> {
  readonly era = 'sse';
  readonly transport: HttpSseTransport;

  constructor(ctx: EraContext) {
    super(ctx);
    this.transport = new HttpSseTransport(ctx.url, ctx.transportOptions());
  }

  /** The stream must be open, and the endpoint known, before the handshake. */
  override open(signal?: AbortSignal): Promise<void> {
    return super.open(signal, this.transport.start(signal));
  }
}

export const sse: EraModule = { create: (ctx) => new HttpSseConnection(ctx), fallsThrough: legacyFallsThrough };
