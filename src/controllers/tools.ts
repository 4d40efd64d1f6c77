// One tools/list per client for every element on the page (issue 30): ten forms, a list and a view on
// one server share the answer (and the client's early list) instead of asking once each. The headless
// McpClient asks anew on every listTools(); sharing is the elements' policy, so it lives here.
import type { McpClient } from '../core/client/client.js';
import type { Tool } from '../core/protocol/types.js';

const lists = new WeakMap<McpClient, Promise<Tool[]>>();
const watched = new WeakSet<McpClient>();

/**
 * The client's tools, asked for once; asked again after the server says they changed, after the connection dropped
 * (the next one may see others), or after the last ask failed. `signal` stops this caller's wait only.
 */
export function toolsOf(client: McpClient, signal?: AbortSignal): Promise<Tool[]> {
  if (!watched.has(client)) {
    watched.add(client);
    const drop = () => lists.delete(client);
    client.addEventListener('toolschanged', drop);
    client.addEventListener('statechange', () => client.state !== 'ready' && client.state !== 'connecting' && drop());
  }
  let list = lists.get(client);
  if (!list) {
    lists.set(client, (list = client.listTools()));
    list.catch(() => lists.get(client) === list && lists.delete(client));
  }
  return signal
    ? Promise.race([
        list,
        new Promise<never>((_, reject) =>
          signal.aborted ? reject(signal.reason) : signal.addEventListener('abort', () => reject(signal.reason)),
        ),
      ])
    : list;
}
