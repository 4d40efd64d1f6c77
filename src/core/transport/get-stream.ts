// The standalone GET stream of a legacy session (HL-08, HL-09): opened after initialize, kept open
// and reconnected from its last event id with the server's retry hint until the transport closes;
// and the DELETE that ends the session.
// Its own chunk, asked for as the transport is made, so the first request never waits for it.
import { McpHttpError, McpSessionExpiredError } from '../jsonrpc/errors.js';
import { isEventStream } from './http.js';
import { readSse } from './sse.js';
import { DEFAULT_RETRY_MS, headerSafe, retryWithin, type StreamableHttpTransport } from './streamable-http.js';
import { sleep } from './types.js';

/** Runs the stream until `signal` aborts; `answered` is called once the first attempt has its answer. */
export async function runStandaloneStream(t: StreamableHttpTransport, signal: AbortSignal, answered: () => void): Promise<void> {
  let retryMs = DEFAULT_RETRY_MS;
  for (let failures = 0; !signal.aborted; ) {
    try {
      const res = await t.get(t.getStreamEventId, signal).catch((e) => {
        answered();
        throw e;
      });
      // An expired session is reported before the opener hears back, so a resumed connect knows at once.
      if (res.status === 404 && t.sessionId) return (t.options.onClose?.(new McpSessionExpiredError()), answered());
      answered();
      if (res.status === 405) return; // no GET stream on this server (HL-09)
      if (!res.ok || !isEventStream(res)) {
        await res.body?.cancel();
        const error = new McpHttpError(`The server refused the notification stream (HTTP ${res.status})`, 'status', res.status, '', t.url);
        // A client error will not change by retrying; a 5xx or a non-stream answer may, and so may a 409
        // (the stream another tab or the page before a reload held is not torn down yet).
        if (res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 409) return t.options.onError?.(error);
        throw error;
      }
      failures = 0;
      let events = 0;
      await readSse(
        res.body!,
        {
          onEvent: (e) => {
            events++;
            if (e.id && headerSafe(e.id)) t.getStreamEventId = e.id;
            try {
              t.handleEvent(e, undefined, true);
            } catch (err) {
              t.options.onError?.(err as Error);
            }
          },
          onRetry: (ms) => (retryMs = retryWithin(ms)),
        },
        signal,
      );
      if (!events) failures++; // a stream that ends with nothing in it is backed off like a failure
    } catch (err) {
      if (signal.aborted) return;
      failures++;
      if (!(err instanceof TypeError)) t.options.onError?.(err as Error);
    }
    // Reconnect after the server's retry hint, backing off while it keeps failing.
    await sleep(Math.min(retryMs * 2 ** Math.min(failures, 5), 30_000), signal).catch(() => {});
  }
}

/** Ends the session on the server (DELETE); a server already gone is no failure. */
export async function endSession(t: StreamableHttpTransport, headers: Record<string, string>): Promise<void> {
  try {
    const res = await t.options.fetch(t.url, { method: 'DELETE', headers, keepalive: true, redirect: 'error' });
    await res.body?.cancel();
  } catch {
    /* the server may already be gone; closing must not fail */
  }
}
