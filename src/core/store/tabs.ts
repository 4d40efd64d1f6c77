// Tabs of one origin share a server's legacy session: a Web Lock names the one tab that holds the
// GET stream, and a BroadcastChannel carries what arrives on it to the others. Where neither API
// exists (Node, old browsers) every client simply holds its own stream.

/** What the stream owner tells the other tabs: one message of the GET stream and its event id. */
export interface StreamNews {
  session?: string;
  message: unknown;
  eventId?: string;
}

/** A client's membership in the tabs sharing one server URL. */
export interface StreamTabs {
  /** Whether this tab held the stream lock at once (otherwise `onOwner` runs when the owner goes away). */
  owned: Promise<boolean>;
  /** Tells the other tabs about a message of the GET stream. */
  post(news: StreamNews): void;
  /** Lets go of the lock (handing the stream to the next tab) and of the channel. */
  leave(): void;
}

const locks = () => (globalThis.navigator as Navigator | undefined)?.locks;

/** Runs `fn` while holding the tab-wide lock `name` (just runs it where Web Locks do not exist). */
export function withTabLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return (locks()?.request(name, fn) as Promise<T> | undefined) ?? fn();
}

/** Joins the tabs for `url`: claims `mcp-stream:<url>` (queueing if another tab has it) and listens on its channel. */
export function joinStreamTabs(url: string, onOwner: () => void, onNews: (news: StreamNews) => void): StreamTabs {
  const name = 'mcp-stream:' + url;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined;
  if (channel) channel.onmessage = (e) => onNews(e.data as StreamNews);
  const queue = new AbortController();
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const l = locks();
  const owned = l
    ? new Promise<boolean>((resolve) => {
        void l.request(name, { ifAvailable: true }, async (lock) => {
          resolve(!!lock);
          if (lock) return held;
          // Another tab has it: wait in line, and take the stream over when that tab goes away.
          l.request(name, { signal: queue.signal }, () => (onOwner(), held)).catch(() => {});
        });
      })
    : Promise.resolve(true);
  return {
    owned,
    post: (news) => channel?.postMessage(news),
    leave() {
      queue.abort();
      release();
      channel?.close();
    },
  };
}
