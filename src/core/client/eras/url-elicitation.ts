// Legacy -32042 (URLElicitationRequired, checklist E-06), loaded the first time a server sends it:
// each URL goes to the elicitation handler; once the person consented, the server's
// notifications/elicitation/complete (bounded) says the call can be tried again.
import { McpAbortError, type McpProtocolError } from '../../jsonrpc/errors.js';
import type { JsonRpcMessage, Params } from '../../jsonrpc/messages.js';
import type { Implementation } from '../../protocol/types.js';
import { answerInput } from '../input.late.js';
import type { EraContext } from './era.js';

/**
 * Shows each URL the error names; true when the person accepted them all and the server completed them (or 5 minutes
 * passed).
 */
export async function completeUrlElicitations(
  ctx: EraContext,
  server: Implementation | undefined,
  error: McpProtocolError,
  signal = new AbortController().signal,
): Promise<boolean> {
  const asks = ((error.data as { elicitations?: Params[] })?.elicitations ?? []).filter(
    (e) => typeof e.url === 'string',
  );
  for (const ask of asks) {
    const done = ask.elicitationId ? completed(ctx.events, ask.elicitationId as string, signal) : Promise.resolve();
    done.catch(() => {});
    const answer = await answerInput(ctx.options, 'elicitation/create', { ...ask, mode: 'url' }, { server, signal });
    if (answer.action !== 'accept') return false;
    await done;
  }
  return asks.length > 0;
}

/** Resolves when the server says the URL elicitation with this id completed, or after 5 minutes. */
function completed(events: EventTarget, id: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      events.removeEventListener('notification', onNote);
      signal.removeEventListener('abort', onAbort);
    };
    const onNote = (e: Event) => {
      const m = (e as CustomEvent<JsonRpcMessage>).detail as { method?: string; params?: Params };
      if (m.method === 'notifications/elicitation/complete' && m.params?.elicitationId === id) (finish(), resolve());
    };
    const onAbort = () => (finish(), reject(new McpAbortError()));
    const timer = setTimeout(() => (finish(), resolve()), 300_000);
    events.addEventListener('notification', onNote);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
