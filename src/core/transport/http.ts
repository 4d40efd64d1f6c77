// HTTP plumbing shared by every transport: sending with a CORS-aware diagnosis of failures,
// and turning a response (JSON, SSE or an error page) into JSON-RPC messages or a readable error.
import { McpAbortError, McpFormatError, McpHttpError, excerpt } from '../jsonrpc/errors.js';
import {
  decodeMessages,
  isResponse,
  type JsonRpcErrorObject,
  type JsonRpcMessage,
  type JsonRpcRequest,
} from '../jsonrpc/messages.js';

export type FetchLike = typeof fetch;

/**
 * Sends a request; a network failure becomes an McpHttpError that says whether CORS is the cause and what to allow
 * (diagnose.ts).
 */
export async function sendHttp(fetchFn: FetchLike, url: string, init: RequestInit): Promise<Response> {
  try {
    // No redirects: the session id, Mcp-* headers and the body never follow one to another address.
    return await fetchFn(url, { ...init, redirect: 'error' });
  } catch (error) {
    if (init.signal?.aborted) throw new McpAbortError();
    // The diagnosis is loaded on the first failure; if even that cannot load, the page is offline.
    throw await import('./diagnose.js').then(
      (m) => m.diagnoseNetworkFailure(fetchFn, url, init, error),
      () => new McpHttpError(`Cannot reach the MCP server at ${url} (is the page offline?)`, 'network', 0, '', url),
    );
  }
}

/** The body of an error response: its text and, when it holds one, the JSON-RPC error object. */
export interface ErrorBody {
  text: string;
  rpcError?: JsonRpcErrorObject;
}

/**
 * The largest JSON answer read (an SSE event has its own cap in sse.ts); a bigger one is an error, not a frozen tab.
 */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** What is read of an error response: enough for any message, no more. */
const MAX_ERROR_BYTES = 64 * 1024;

/** A body as text, reading at most `max` bytes: beyond that it throws, or with `cut` returns the start. */
async function readText(res: Response, max: number, cut = false): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: BlobPart[] = [];
  let size = 0;
  // Chunks already arrived are read in one task: megabytes of them would hold the page, so it yields every 30 ms.
  for (let t = performance.now(); ;) {
    if (performance.now() - t > 30)
      (await (globalThis as { scheduler?: { yield?(): Promise<void> } }).scheduler?.yield?.(), (t = performance.now()));
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      void reader.cancel().catch(() => {});
      if (!cut) throw new McpFormatError(`The server's answer is over ${max / 1048576} MB; it was not read`);
      chunks.push(value.subarray(0, value.byteLength - (size - max)));
      break;
    }
    chunks.push(value);
  }
  return new Blob(chunks).text();
}

/** Reads a failed response's body (bounded) and finds a JSON-RPC error in it if there is one. */
export async function readErrorBody(res: Response): Promise<ErrorBody> {
  const text = await readText(res, MAX_ERROR_BYTES, true).catch(() => '');
  try {
    const parsed = JSON.parse(text);
    const err = parsed?.error;
    if (err && typeof err.code === 'number' && typeof err.message === 'string') return { text, rpcError: err };
  } catch {
    /* not JSON */
  }
  return { text };
}

/**
 * Builds the error a person sees for a non-2xx answer that is not a usable JSON-RPC error (its wording, in
 * http.late.ts, loads with the first one).
 */
export async function httpStatusError(res: Response, body: ErrorBody): Promise<Error> {
  try {
    return (await import('./http.late.js')).httpStatusError(res, body);
  } catch {
    // Offline after all (the wording could not load): the plain facts.
    return new McpHttpError(
      `The MCP server answered HTTP ${res.status}`,
      'status',
      res.status,
      excerpt(body.text),
      res.url,
    );
  }
}

/** Whether an answer is an HTML page (a website, a proxy or a gateway error) rather than MCP. */
export const isHtml = (res: Response, text: string) =>
  /html/i.test(res.headers.get('content-type') ?? '') || /^\s*<(!doctype|html)/i.test(text);

/** True when the response carries an SSE stream. */
export const isEventStream = (res: Response) => /text\/event-stream/i.test(res.headers.get('content-type') ?? '');

/**
 * Reads a JSON response body into messages; an HTML page, truncated JSON or a body cut off in transit is a clear error.
 */
export async function readJsonMessages(res: Response): Promise<JsonRpcMessage[]> {
  let text: string;
  try {
    text = await readText(res, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof McpFormatError) throw error;
    // A body cut off in transit rejects with a bare TypeError ("Failed to fetch"/"network error").
    if (error instanceof DOMException && error.name === 'AbortError') throw new McpAbortError();
    throw new McpHttpError(
      `The connection to the MCP server at ${res.url} dropped while its answer was being read (HTTP ${res.status}, body incomplete)`,
      'network',
      res.status,
      '',
      res.url,
    );
  }
  if (isHtml(res, text)) throw await httpStatusError(res, { text });
  if (!text.trim())
    throw new McpFormatError(
      `The server answered HTTP ${res.status} with an empty body where a JSON-RPC response was expected`,
    );
  return decodeMessages(text);
}

/**
 * Reads the JSON answer to a request and hands its messages on. A JSON answer is the request's
 * response, so one without it (a wrong id, only notifications) fails the request now instead of
 * leaving it to wait for its timeout.
 */
export async function deliverJsonAnswer(
  res: Response,
  request: JsonRpcRequest,
  onMessage: (m: JsonRpcMessage) => void,
): Promise<void> {
  const messages = await readJsonMessages(res);
  for (const m of messages) onMessage(m);
  if (!messages.some((m) => isResponse(m) && m.id === request.id)) {
    throw new McpFormatError(
      `The server's JSON answer to ${request.method} did not contain its response (no message with id ${JSON.stringify(request.id)})`,
    );
  }
}
