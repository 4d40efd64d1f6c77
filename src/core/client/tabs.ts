// Tabs of one origin share a server's legacy session: a Web Lock lets one tab at a time set up
// (or end) a session, another names the one tab that holds the GET stream, and a BroadcastChannel
// carries what arrives on it to the others. Where neither API exists (Node, old browsers) every
// client simply holds its own stream.
import { isRequest, type JsonRpcMessage } from '../jsonrpc/messages.js';
import type { Connection } from './eras/era.js';

/** What the stream owner tells the other tabs: one message of the GET stream and its event id. */
export interface StreamNews {
  session?: string;
  message: unknown;
  eventId?: string;
}

const locks = () => (globalThis.navigator as Navigator | undefined)?.locks;

/** A client's place among the tabs that share its server URL (only with a store to share through). */
export class Tabs {
  /** Whether this tab holds the shared stream (always, when it does not share). */
  owner = true;
  /** Settles once `owner` is known; the client's first request does not wait for it, the GET stream does. */
  joined?: Promise<void>;
  private channel?: BroadcastChannel;
  private quit?: () => void;

  constructor(
    private readonly url: string,
    private readonly shared: boolean,
    private readonly connection: () => Connection | undefined,
    private readonly deliver: (m: JsonRpcMessage) => void,
  ) {}

  /** Joins the other tabs (once): claims `mcp-stream:<url>`, queueing if another tab has it, and listens on its channel. */
  join(): Promise<void> {
    return (this.joined ??= this.claim());
  }

  private async claim(): Promise<void> {
    if (!this.shared || this.quit) return;
    const name = 'mcp-stream:' + this.url;
    const channel = (this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined);
    if (channel)
      channel.onmessage = ({ data: news }: MessageEvent<StreamNews>) =>
        // Server requests are answered by the owner tab; this one only hears notifications.
        void (this.connection()?.hear?.(news) && !isRequest(news.message as JsonRpcMessage) && this.deliver(news.message as JsonRpcMessage));
    const queue = new AbortController();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    this.quit = () => (queue.abort(), release(), channel?.close());
    const l = locks();
    this.owner = await (l
      ? new Promise<boolean>((resolve) => {
          void l.request(name, { ifAvailable: true }, async (lock) => {
            resolve(!!lock);
            if (lock) return held;
            // Another tab has it: wait in line, and take the stream over when that tab goes away.
            l.request(name, { signal: queue.signal }, () => ((this.owner = true), this.connection()?.takeStream?.(), held)).catch(() => {});
          });
        })
      : true);
  }

  /**
   * Runs `fn` (setting up or ending a session) while no other tab does; `after` runs inside the lock
   * too. `fn` learns whether it had to wait for another tab (which may have changed the store meanwhile).
   */
  oneAtATime(fn: (waited: boolean) => Promise<void>, after: () => Promise<void> | undefined): Promise<void> {
    const run = async (waited: boolean) => void (await fn(waited).then(after));
    const l = this.shared && locks();
    const name = 'mcp-connect:' + this.url;
    if (!l) return run(false);
    return l.request(name, { ifAvailable: true }, async (lock): Promise<void> => {
      await (lock ? run(false) : l.request(name, () => run(true)));
    }) as unknown as Promise<void>; // the lock resolves with the callback's result, flattened
  }

  /** Tells the other tabs what the stream brought. */
  post(news: StreamNews): void {
    this.channel?.postMessage(news);
  }

  /** Hands the stream to the next tab and leaves. */
  leave(): void {
    this.quit?.();
    this.quit = this.channel = this.joined = undefined;
  }
}
