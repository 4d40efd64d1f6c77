// The GET side of legacy Streamable HTTP: the standalone notification stream, and resuming a request's
// response stream that the server cut before answering, by GET with Last-Event-ID after the server's
// retry hint (checklist HL-09, HL-10, HL-12). Loaded as a connection opens its GET stream, after its
// first requests went out.
import {
  McpAbortError,
  McpFormatError,
  McpHttpError,
  McpSessionExpiredError,
  McpStreamLostError,
} from '../jsonrpc/errors.js';
import type { RequestId } from '../jsonrpc/messages.js';
import { httpStatusError, isEventStream, readErrorBody } from './http.js';
import { readSse } from './sse.js';
import {
  DEFAULT_RETRY_MS,
  headerSafe,
  retryWithin,
  type StreamableHttpTransport,
  type StreamState,
} from './streamable-http.js';
import { sleep } from '../util/sleep.js';

/** Reconnects in a row without a single event before a request's stream is given up. */
const MAX_IDLE_RESUMES = 5;

/**
 * Goes on reading the answer to `id` (the stream so far is in `st`) on resumed streams; `session` is the one the
 * request was sent in.
 */
export async function resumeRequestStream(
  t: StreamableHttpTransport,
  id: RequestId,
  st: StreamState,
  session: string | undefined,
  signal?: AbortSignal,
): Promise<void> {
  const lost = () =>
    new McpStreamLostError(
      'The session ended while the request was running (the server restarted or expired it); the request may or may not have taken effect, so it was not sent again',
      'status',
      404,
      '',
      t.url,
    );
  for (let idle = 0; !st.answered;) {
    if (signal?.aborted) throw new McpAbortError();
    if (st.formatError) throw st.formatError;
    if (!st.lastEventId)
      throw new McpHttpError(
        'The server closed the response stream before answering, with no event id to resume from',
        'network',
        0,
        '',
        t.url,
      );
    idle = st.events ? 0 : idle + 1;
    if (idle > MAX_IDLE_RESUMES)
      throw new McpHttpError(
        `The response stream was lost and ${MAX_IDLE_RESUMES} attempts to resume it failed`,
        'network',
        0,
        '',
        t.url,
      );
    await sleep(st.retryMs, signal).catch(() => {
      throw new McpAbortError();
    });
    // The server lost the session while this request ran (it restarted or expired the session), seen
    // as a 404 here or as a session already renewed or closed by the time we resume. Sending the request
    // again on a new session could run it twice, so fail it; the client re-issues only what is safe to
    // repeat (McpStreamLostError) and starts a new session for the next request.
    if (t.sessionId !== session) throw lost();
    const res = await t.get(st.lastEventId, signal);
    if (!res.ok) {
      if (res.status === 404 && session) {
        await res.body?.cancel();
        throw lost();
      }
      throw await httpStatusError(res, await readErrorBody(res));
    }
    if (!isEventStream(res)) throw new McpFormatError('The server answered a resume request without an event stream');
    await t.readStream(res.body!, id, st, signal);
  }
}

/**
 * The standalone GET stream of `t`, kept open (reconnecting) until `signal` aborts; `answered` runs once the first
 * attempt has its answer. A 405 means the server offers none (HL-09).
 */
export async function runStandaloneStream(
  t: StreamableHttpTransport,
  signal: AbortSignal,
  answered: () => void,
): Promise<void> {
  let retryMs = DEFAULT_RETRY_MS;
  for (let failures = 0; !signal.aborted;) {
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
        const error = new McpHttpError(
          `The server refused the notification stream (HTTP ${res.status})`,
          'status',
          res.status,
          '',
          t.url,
        );
        // A client error will not change by retrying; a 5xx or a non-stream answer may, and so may a 409
        // (the stream another tab or the page before a reload held is not torn down yet).
        if (res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 409)
          return t.options.onError?.(error);
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
