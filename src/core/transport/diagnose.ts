// Why a fetch failed, loaded the first time one does: a browser reports a CORS refusal and an
// unreachable server alike (a bare TypeError), so a no-cors probe tells them apart.
import { McpHttpError } from '../jsonrpc/errors.js';
import type { FetchLike } from './http.js';

/** Headers a browser treats as CORS-safelisted; every other header we send needs Access-Control-Allow-Headers. */
const SAFELISTED = new Set(['accept', 'accept-language', 'content-language']);

/** The error a person sees for a failed fetch: CORS (with what the server must allow and expose) or unreachable. */
export async function diagnoseNetworkFailure(
  fetchFn: FetchLike,
  url: string,
  init: RequestInit,
  error: unknown,
): Promise<McpHttpError> {
  const needed = Object.keys((init.headers ?? {}) as Record<string, string>)
    .map((h) => h.toLowerCase())
    .filter((h) => !SAFELISTED.has(h));
  let reachable = false;
  let redirected = false;
  try {
    // A redirect shows as an opaque redirect to a simple request that does not follow it.
    redirected =
      (await fetchFn(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(5000) })).type ===
      'opaqueredirect';
  } catch {
    /* CORS or unreachable: the probe below tells */
  }
  try {
    // An opaque no-cors answer proves the server is up, so the browser blocked the real request: CORS.
    const probe = redirected
      ? undefined
      : await fetchFn(url, { method: 'HEAD', mode: 'no-cors', signal: AbortSignal.timeout(5000) });
    reachable = probe?.type === 'opaque' || (probe?.status ?? 0) > 0;
  } catch {
    /* unreachable */
  }
  const relay = (fetchFn as { relay?: string }).relay;
  const origin = typeof location === 'object' ? location.origin : 'this page';
  // Through a relay, the probe reached the relay: it is the relay that refused or is missing.
  if (relay) {
    return reachable
      ? new McpHttpError(
          `The CORS relay at ${relay} refuses ${origin}: start it with --allow-origin ${origin} (allowOrigins).`,
          'cors',
          0,
          '',
          url,
        )
      : new McpHttpError(
          `Cannot reach the CORS relay at ${relay} (for ${url}). Check its URL and that it is running.`,
          'network',
          0,
          '',
          url,
        );
  }
  if (redirected)
    return new McpHttpError(
      `The MCP server at ${url} answered with a redirect. Requests (with their session and headers) are not sent on to another address: use the URL it redirects to.`,
      'network',
      0,
      '',
      url,
    );
  if (reachable) {
    return new McpHttpError(
      `The MCP server at ${url} is reachable but its CORS policy blocks ${origin}. The server must answer OPTIONS preflights with ` +
        `Access-Control-Allow-Origin (${origin} or *), Access-Control-Allow-Methods (${init.method ?? 'GET'}) and ` +
        `Access-Control-Allow-Headers (${needed.join(', ')}), and expose Mcp-Session-Id, Mcp-Protocol-Version and WWW-Authenticate ` +
        `with Access-Control-Expose-Headers. If you cannot change the server, put the CORS relay in front of it ` +
        `(npx mcp-web-components relay --upstream ${url} --allow-origin ${origin}) and give its URL as the relay option or attribute.`,
      'cors',
      0,
      '',
      url,
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new McpHttpError(
    `Cannot reach the MCP server at ${url} (${reason}). Check the URL and that the server is running.`,
    'network',
    0,
    '',
    url,
  );
}
