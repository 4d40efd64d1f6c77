// Resuming a request's response stream that the server cut before answering: GET with
// Last-Event-ID after the server's retry hint, until the answer arrives (checklist HL-10, HL-12).
// Loaded the first time a stream is cut.
import { McpAbortError, McpFormatError, McpHttpError, McpStreamLostError } from '../jsonrpc/errors.js';
import type { RequestId } from '../jsonrpc/messages.js';
import { httpStatusError, isEventStream, readErrorBody } from './http.js';
import type { StreamableHttpTransport, StreamState } from './streamable-http.js';
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
