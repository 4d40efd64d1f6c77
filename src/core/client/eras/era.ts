// One protocol era behind one interface. The client composes a Connection and never asks which era
// it speaks; a new protocol version is a new module here plus a line in negotiate.ts. This contract
// imports no class: what an era needs of the client's engine, kept record and options is declared
// here, narrowly, and the client's parts fit it as they are.
import type { Params, RequestId } from '../../jsonrpc/messages.js';
import type { Implementation, LoggingLevel, Tool } from '../../protocol/types.js';
import type { ServerRecord } from '../../store/records.js';
import type { SendOptions, Transport, TransportOptions } from '../../transport/types.js';
import type { InputHandlers } from '../input.js';

export type Era = 'modern' | 'legacy' | 'sse';

/** What an era needs of the JSON-RPC engine (engine.ts). */
export interface EraEngine {
  /** Sends one request and resolves with its result; `via` sends it over a connection still being set up. */
  request(
    method: string,
    params: Params,
    options: SendOptions & { timeout?: number; via?: Connection },
  ): Promise<Params>;
  /** Ids for the requests an era sends itself, past the engine (modern's listen stream). */
  readonly pending: { allocateId(): RequestId };
}

/** What an era needs of the record kept for its server (persistence.ts). */
export interface EraRecord {
  /** What was kept: the session, its stream position, the server's facts. */
  readonly record: ServerRecord;
  /** Keeps more of the record, or (`fresh`) a new one. */
  remember(record: ServerRecord, fresh?: boolean): void;
}

/** The client options an era reads: the handlers it declares and answers through, and who the client says it is. */
export interface EraOptions extends InputHandlers {
  clientInfo?: Implementation;
}

/** What the stream owner tells the other tabs: one message of the GET stream and its event id. */
export interface StreamNews {
  session?: string;
  message: unknown;
  eventId?: string;
}

/** What an era needs from the client that runs it. */
export interface EraContext {
  readonly url: string;
  readonly options: EraOptions;
  /** Transport options wired to the client: fetch, headers (with the token), message and close handlers. */
  transportOptions(): TransportOptions;
  /** The client's JSON-RPC engine; its requests travel over the connection being set up. */
  readonly engine: EraEngine;
  /** The record kept for this server. */
  readonly kept: EraRecord;
  /** Whether this tab holds the shared notification stream, and how to tell the other tabs what it hears. */
  readonly tabs: {
    readonly owner: boolean;
    readonly joined?: Promise<void>;
    readonly channel?: { postMessage(news: StreamNews): void };
  };
  /** The client's state (ClientState): `ready` once connected, else connecting, reconnecting, idle or closed. */
  readonly state: string;
  /** The URIs `subscribe` asked for, and the log level `setLogLevel` set. */
  readonly subscriptions: Set<string>;
  logLevel?: LoggingLevel;
  /** The client's events (`notification` among them) and a way to fire more. */
  readonly events: EventTarget;
  emit(type: string, detail?: unknown): void;
  /** The handshake is done and requests may go, before the connection counts as ready (the client lists tools then). */
  handshaken(): void;
}

/** What the server said about itself when the connection was set up (as the store keeps it). */
export type ServerFacts = Pick<ServerRecord, 'protocolVersion' | 'serverInfo' | 'capabilities' | 'instructions'>;

/** A connection to one server in one era. Optional members are what only some eras have. */
export interface Connection {
  readonly era: Era;
  readonly transport: Transport;
  /** Set by open() or resume(). */
  facts?: ServerFacts;
  /** Whether results may be served from memory for their `ttlMs`. */
  readonly caches?: boolean;
  /**
   * Handshakes (or discovers) and learns the server's facts; modern may be given the discovery already under way (sent
   * before the store answered).
   */
  open(signal?: AbortSignal, discovered?: Promise<void>): Promise<void>;
  /** Takes up what the store kept instead of starting anew; false means "open() a new one". */
  resume(record: ServerRecord, skipSession?: string): Promise<boolean>;
  /** The session a reload would take up. */
  readonly sessionId?: string;
  /** Extra `_meta` for every request, and extra headers for one. */
  meta?(): Params;
  headers?(method: string, params: Params, tool?: Tool): Promise<Record<string, string>>;
  /** The tools of a listing that this era can call. */
  usable?(tools: Tool[]): Promise<Tool[]>;
  /** A request was given up locally: tell the server, where the era has a way to. */
  cancel?(id: RequestId, method: string, reason: Error): void;
  /**
   * What a tools/call adds to be run as a task (2025-11-25 `params.task`), given the tool's `execution.taskSupport`.
   */
  taskParams?(taskSupport?: string, wanted?: boolean): Params | undefined;
  /** Repairs what a failed tools/call needs to be tried again; false means "throw the error". */
  recover?(error: unknown, signal?: AbortSignal): Promise<boolean>;
  /** `subscribe`/`unsubscribe` for `uri` (ctx.subscriptions already says which), `setLogLevel`, `ping`. */
  subscribe(uri: string, on: boolean, options: SendOptions): Promise<void>;
  setLogLevel?(level: LoggingLevel, options: SendOptions): Promise<void>;
  ping(options: SendOptions): Promise<void>;
  /** This tab became the stream owner, or heard what the owner tab heard (eras with a shared stream). */
  takeStream?(): void;
  hear?(news: StreamNews): boolean;
  /** The server ended the session: drop it without ending it there. */
  expire?(): Promise<void>;
  /** Ends the session on the server (endSession) or only lets go of it here, so a reload can resume. */
  close(endSession: boolean): Promise<void>;
}

/** Makes a connection of one era; the negotiation tries them in order. */
export interface EraModule {
  /** A connection, not opened yet; a kept record sets up its session without I/O (to resume or to end it). */
  create(ctx: EraContext, record?: ServerRecord): Connection;
  /** Whether a failure of this era's open() means "try the next era". */
  fallsThrough(error: unknown): boolean;
}
