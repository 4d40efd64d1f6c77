// Joining the other tabs of a server URL (tabs.ts): the Web Lock that names the one tab holding the
// GET stream, and the BroadcastChannel that carries what it brings to the others.
import { isRequest, type JsonRpcMessage } from '../jsonrpc/messages.js';
import type { StreamNews } from './eras/era.js';
import { locks, type Tabs } from './tabs.js';

/**
 * Claims `mcp-stream:<url>` for `tabs`, queueing if another tab has it, and listens on its channel; settles once
 * `owner` is known.
 */
export async function claim(tabs: Tabs): Promise<void> {
  const name = 'mcp-stream:' + tabs.url;
  const channel = (tabs.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined);
  if (channel)
    channel.onmessage = ({ data: news }: MessageEvent<StreamNews>) =>
      // Server requests are answered by the owner tab; this one only hears notifications.
      void (
        tabs.connection()?.hear?.(news) &&
        !isRequest(news.message as JsonRpcMessage) &&
        tabs.deliver(news.message as JsonRpcMessage)
      );
  const queue = new AbortController();
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  tabs.quit = () => (queue.abort(), release(), channel?.close());
  const l = locks();
  tabs.owner = await (l
    ? new Promise<boolean>((resolve) => {
        void l.request(name, { ifAvailable: true }, async (lock) => {
          resolve(!!lock);
          if (lock) return held;
          // Another tab has it: wait in line, and take the stream over when that tab goes away.
          l.request(
            name,
            { signal: queue.signal },
            () => ((tabs.owner = true), tabs.connection()?.takeStream?.(), held),
          ).catch(() => {});
        });
      })
    : true);
}
