// Reads a Server-Sent Events body from fetch (EventSource cannot send headers), with a parser of
// our own: the format is a few lines of the HTML standard. The caller learns each event that has
// data (its id and type are the ones set within it) and the server's retry hint.
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
export async function readSse(
  body: ReadableStream<Uint8Array>,
  handlers: SseHandlers,
  signal?: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  // TextDecoder drops a leading BOM and keeps UTF-8 sequences split between chunks whole.
  const decoder = new TextDecoder();
  const cancel = () => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', cancel, { once: true });
  // The unfinished line, in pieces: a 10 MB line arriving in small chunks is joined once, not per chunk.
  let rest: string[] = [];
  let pending = 0;
  // The characters of the event's data so far.
  let size = 0;
  let data: string[] = [];
  let id: string | undefined;
  let type: string | undefined;
  // A CR that ended the last chunk ended its line; an LF starting the next chunk is its other half.
  let skipLf = false;
  /** One line; true when the caller has what it waited for. */
  const line = (text: string): boolean | void => {
    if (!text) {
      const event = data.length ? { id, event: type, data: data.join('\n') } : undefined;
      data = [];
      size = 0;
      id = type = undefined;
      return event && handlers.onEvent(event);
    }
    const colon = text.indexOf(':');
    if (colon === 0) return; // a comment
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? '' : text.slice(text[colon + 1] === ' ' ? colon + 2 : colon + 1);
    if (field === 'data') (data.push(value), (size += value.length));
    else if (field === 'event') type = value || undefined;
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) handlers.onRetry?.(+value);
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal?.aborted) return;
      let text = decoder.decode(value, { stream: true });
      if (!text) continue;
      if (skipLf && text[0] === '\n') text = text.slice(1);
      skipLf = text.endsWith('\r');
      const ends = /\r\n?|\n/g;
      let from = 0;
      for (let m; (m = ends.exec(text)); from = ends.lastIndex) {
        const stop = line(rest.join('') + text.slice(from, m.index));
        rest = [];
        pending = 0;
        if (stop) return cancel();
      }
      if (from < text.length) (rest.push(text.slice(from)), (pending += text.length - from));
      if (pending + size > MAX_EVENT_CHARS) {
        cancel();
        throw new McpFormatError('An SSE event exceeded 16 MB');
      }
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}
