// Joining the other tabs of a server URL (tabs.ts): claims the GET stream's lock, queueing behind the
// tab that holds it, and hears on the channel what that tab's stream brings. Loaded as a client
// starts to connect; the first request does not wait for it, only the GET stream does.
import { isRequest, type JsonRpcMessage } from '../jsonrpc/messages.js';
import { locks, type StreamNews, type Tabs } from './tabs.js';

export async function claim(tabs: Tabs): Promise<void> {
  if (tabs.quit) return;
  const name = 'mcp-stream:' + tabs.url;
  const channel = (tabs.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined);
  if (channel)
    channel.onmessage = ({ data: news }: MessageEvent<StreamNews>) =>
      // Server requests are answered by the owner tab; this one only hears notifications.
      void (tabs.connection()?.hear?.(news) && !isRequest(news.message as JsonRpcMessage) && tabs.deliver(news.message as JsonRpcMessage));
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
          l.request(name, { signal: queue.signal }, () => ((tabs.owner = true), tabs.connection()?.takeStream?.(), held)).catch(() => {});
        });
      })
    : true);
}
