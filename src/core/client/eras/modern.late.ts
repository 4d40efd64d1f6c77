// What a modern connection needs just after it opens, not before: the x-mcp-header code and the
// `subscriptions/listen` stream (U-13 … U-16). One chunk, loaded as the connection opens.
import { McpStreamLostError } from '../../jsonrpc/errors.js';
import type { Params } from '../../jsonrpc/messages.js';
import { sleep } from '../../util/sleep.js';
import type { EraContext } from './era.js';
import type { ModernConnection } from './modern.js';

export { headerAnnotationProblem, toolParamHeaders } from '../../protocol/tool-headers.js';

/** Opens (or reopens with a new filter) the listen stream of `conn`, unless it was closed meanwhile. */
export async function listen(conn: ModernConnection, ctx: EraContext): Promise<void> {
  conn.listening?.abort();
  if (conn.closed) return;
  const caps = conn.facts?.capabilities ?? {};
  const notifications: Params = {};
  if (caps.tools?.listChanged) notifications.toolsListChanged = true;
  if (caps.prompts?.listChanged) notifications.promptsListChanged = true;
  if (caps.resources?.listChanged) notifications.resourcesListChanged = true;
  const uris = ctx.subscriptions;
  if (caps.resources?.subscribe && uris.size) notifications.resourceSubscriptions = [...uris];
  if (!Object.keys(notifications).length) return;
  const controller = (conn.listening = new AbortController());
  for (let failures = 0; !controller.signal.aborted; failures++) {
    try {
      const id = ctx.engine.pending.allocateId();
      await conn.transport.send(
        { jsonrpc: '2.0', id, method: 'subscriptions/listen', params: { notifications, _meta: conn.meta() } },
        { signal: controller.signal },
      );
      failures = 0;
    } catch (error) {
      if (controller.signal.aborted) return;
      if (!(error instanceof McpStreamLostError)) ctx.emit('error', error);
    }
    await sleep(Math.min(1000 * 2 ** failures, 30_000) * (0.5 + Math.random() / 2), controller.signal).catch(() => {});
  }
}
