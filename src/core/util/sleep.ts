// A timer as a promise, shared by the transports and the client (retries, polling, backoff).

/** Waits ms milliseconds, or rejects early when the signal aborts. */
export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * A task of the page's own, next (a message-channel task): unlike `setTimeout(0)` it is neither clamped when nested
 * nor held back to once a second in a hidden tab, and unlike `scheduler.yield()` it does not go ahead of the tasks
 * already waiting (input, rendering), which are what yielding is for.
 */
export const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => (c.port1.close(), resolve());
    c.port2.postMessage(0);
  });
