// Where the dialogs plug in, and the page-wide queue that shows one server request at a time.
import type { CreateMessageParams, CreateMessageResult, ElicitParams, ElicitResult, Implementation } from '../core/protocol/types.js';

/** What the page's LLM does for a sampling request the person approved. */
export type SamplingHandler = (params: CreateMessageParams, context: { signal: AbortSignal }) => Promise<CreateMessageResult>;

export interface AskContext {
  /** The element that hosts the dialog (the <mcp-client>). */
  host: HTMLElement & { renderRoot: ParentNode };
  server?: Implementation;
  signal: AbortSignal;
}

/**
 * How a person is asked. The dialog modules fill these in when they load; with no dialog on the
 * page the answer is no: a server never gets a silent yes.
 */
export const humanInTheLoop: {
  sampling?(params: CreateMessageParams, context: AskContext & { handler?: SamplingHandler }): Promise<CreateMessageResult>;
  elicitation?(params: ElicitParams, context: AskContext): Promise<ElicitResult>;
} = {};

let line: Promise<unknown> = Promise.resolve();

/** Runs `ask` after every earlier request on this page has been answered, so one dialog shows at a time. */
export function enqueue<T>(ask: () => Promise<T>): Promise<T> {
  const turn = line.then(ask, ask);
  line = turn.catch(() => {});
  return turn;
}

/** The dialog element of this tag inside the host, created on first use. */
export function dialogIn<T extends HTMLElement>(host: AskContext['host'], tag: string): T {
  return (host.renderRoot.querySelector(tag) as T | null) ?? (host.renderRoot.appendChild(document.createElement(tag)) as T);
}
