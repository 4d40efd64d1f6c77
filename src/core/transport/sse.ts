// Reads a Server-Sent Events body from fetch with eventsource-parser (EventSource cannot send
// headers). The caller learns each event, the last event id and the server's retry hint.
import { createParser } from 'eventsource-parser';
import { McpFormatError } from '../jsonrpc/errors.js';

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface SseHandlers {
  /** Called for each event; returning true stops reading (the caller has what it waited for). */
  onEvent(event: SseEvent): boolean | void;
  onRetry?(ms: number): void;
}

/** Largest single event we accept; an endless line from a hostile server ends the stream instead of eating memory. */
const MAX_EVENT_CHARS = 16 * 1024 * 1024;

/** Reads the stream to its end. Rejects if the connection drops or the server misbehaves. */
export async function readSse(body: ReadableStream<Uint8Array>, handlers: SseHandlers, signal?: AbortSignal): Promise<void> {
  let failure: Error | undefined;
  let stop = false;
  const parser = createParser({
    onEvent: (e) => {
      if (!stop && handlers.onEvent(e)) stop = true;
    },
    onRetry: handlers.onRetry,
    onError: (e) => {
      if (e.type === 'max-buffer-size-exceeded') failure = new McpFormatError('An SSE event exceeded 16 MB');
    },
    maxBufferSize: MAX_EVENT_CHARS,
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const cancel = () => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', cancel, { once: true });
  // eventsource-parser holds a CR that ends a chunk until the next line break arrives (it might be
  // half of a CRLF), so an event ended by bare CRs at a chunk's end would wait for the next event or
  // be lost at the end of the stream. We complete it as CRLF ourselves and drop the LF that may follow.
  let skipLf = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal?.aborted) return;
      let text = decoder.decode(value, { stream: true });
      if (!text) continue;
      if (skipLf && text[0] === '\n') text = text.slice(1);
      skipLf = text.endsWith('\r');
      parser.feed(skipLf ? text + '\n' : text); // CR + our LF is one line end, as the CR alone was
      if (stop) return cancel();
      if (failure) {
        cancel();
        throw failure;
      }
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}
