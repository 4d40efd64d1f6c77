// How a person is asked about a server's request: in the dialog elements, one request at a time
// on the whole page, so two servers (or two widgets) never stack dialogs.
/** What the page's LLM does for a sampling request the person approved (the same type as the headless client's). */
export type { SamplingHandler } from '../core/client/input.js';

let line: Promise<unknown> = Promise.resolve();
let waiting = 0;

/** Requests that may wait for the person at once on the whole page; more are answered at once by `overflow`. */
export const QUEUE_LIMIT = 8;

/**
 * Runs `ask` after every earlier request on this page has been answered, so one dialog shows at a
 * time. The line is bounded: a flood beyond QUEUE_LIMIT gets `overflow()` (cancel, reject) at once.
 * A request whose `signal` aborts while it waits (the server cancelled it, its widget was removed)
 * leaves the line at once: `ask` is called then, and must answer an aborted request without a dialog.
 */
export function enqueue<T>(ask: () => Promise<T>, overflow: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) return ask();
  if (waiting >= QUEUE_LIMIT) return overflow();
  waiting++;
  let started = false;
  const run = () => ((started = true), ask());
  const turn = line.then(run, run).finally(() => waiting--);
  line = turn.catch(() => {});
  if (!signal) return turn;
  return new Promise<T>((resolve, reject) => {
    signal.addEventListener('abort', () => started || ask().then(resolve, reject), { once: true });
    turn.then(resolve, reject);
  });
}

/**
 * At most `limit()` requests in any minute: one window per server (element) and kind, kept here so
 * every caller that asks the person or the page's LLM (dialogs, app views) counts against the same one.
 */
export class RateWindow {
  private times: number[] = [];
  constructor(
    private readonly limit: () => number,
    private readonly ms = 60_000,
  ) {}

  /** Counts one request; false when the window is full (the request is refused, not counted). */
  take(now = Date.now()): boolean {
    this.times = this.times.filter((t) => now - t < this.ms);
    if (this.times.length >= this.limit()) return false;
    this.times.push(now);
    return true;
  }
}

/** The dialog element of this tag inside the host, created on first use. */
export function dialogIn<T extends HTMLElement>(host: HTMLElement & { renderRoot: ParentNode }, tag: string): T {
  return (
    (host.renderRoot.querySelector(tag) as T | null) ?? (host.renderRoot.appendChild(document.createElement(tag)) as T)
  );
}
