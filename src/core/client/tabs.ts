// Tabs of one origin share a server's legacy session: a Web Lock lets one tab at a time set up
// (or end) a session, another names the one tab that holds the GET stream, and a BroadcastChannel
// carries what arrives on it to the others (tabs.late.ts, loaded when a tab joins, since only the
// GET stream waits for it). Where neither API exists (Node, old browsers) every client simply
// holds its own stream.
import type { JsonRpcMessage } from '../jsonrpc/messages.js';
import type { Connection } from './eras/era.js';

export const locks = () => (globalThis.navigator as Navigator | undefined)?.locks;

/** A client's place among the tabs that share its server URL (only with a store to share through). */
export class Tabs {
  /** Whether this tab holds the shared stream (always, when it does not share). */
  owner = true;
  /**
   * Settles once `owner` is known (unset when not sharing); the first request does not wait for it, the GET stream
   * does.
   */
  joined?: Promise<void>;
  /** Where the stream owner tells the other tabs what the stream brought (StreamNews). */
  channel?: BroadcastChannel;
  quit?: () => void;

  constructor(
    readonly url: string,
    private readonly shared: boolean,
    readonly connection: () => Connection | undefined,
    readonly deliver: (m: JsonRpcMessage) => void,
  ) {}

  /**
   * Joins the other tabs (once): claims `mcp-stream:<url>`, queueing if another tab has it, and listens on its channel.
   */
  join(): void {
    // A tab that leaves while the module loads does not claim after all.
    const joined: Promise<void> | undefined = this.shared
      ? (this.joined ??= import('./tabs.late.js').then((m) => (this.joined === joined ? m.claim(this) : undefined)))
      : undefined;
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

  /** Hands the stream to the next tab and leaves. */
  leave(): void {
    this.quit?.();
    this.quit = this.channel = this.joined = undefined;
  }
}
