// How a person is asked about a server's request: in the dialog elements, one request at a time
// on the whole page, so two servers (or two widgets) never stack dialogs.
import type { CreateMessageParams, CreateMessageResult } from '../core/protocol/types.js';

/** What the page's LLM does for a sampling request the person approved. */
export type SamplingHandler = (params: CreateMessageParams, context: { signal: AbortSignal }) => Promise<CreateMessageResult>;

let line: Promise<unknown> = Promise.resolve();

/** Runs `ask` after every earlier request on this page has been answered, so one dialog shows at a time. */
export function enqueue<T>(ask: () => Promise<T>): Promise<T> {
  const turn = line.then(ask, ask);
  line = turn.catch(() => {});
  return turn;
}

/** The dialog element of this tag inside the host, created on first use. */
export function dialogIn<T extends HTMLElement>(host: HTMLElement & { renderRoot: ParentNode }, tag: string): T {
  return (host.renderRoot.querySelector(tag) as T | null) ?? (host.renderRoot.appendChild(document.createElement(tag)) as T);
}
