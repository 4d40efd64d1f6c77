// The errors a person sees for a non-2xx answer: authorization needed, an HTML page instead of MCP,
// or the status with the server's own words. Loaded with the first such answer.
import { McpAuthError, McpHttpError, excerpt } from '../jsonrpc/errors.js';
import { isHtml, type ErrorBody } from './http.js';

/** Builds the error a person sees for a non-2xx answer that is not a usable JSON-RPC error. */
export function httpStatusError(res: Response, body: ErrorBody): Error {
  const url = res.url;
  const challenge = res.headers.get('www-authenticate') ?? '';
  if (res.status === 403 && !challenge) {
    // MCP servers must answer 403 to an Origin they do not accept: a refusal of this page, not a sign-in problem.
    const origin = globalThis.location?.origin;
    return new McpAuthError(
      `The MCP server at ${url} refused this page (HTTP 403). A server answers so to a page origin it does not accept: its operator must allow ${origin ?? "this page's origin"} (docs/guide/server-operators.md), or reach it through a relay.`,
      403,
      '',
      false,
    );
  }
  if (res.status === 401 || res.status === 403) {
    const hint = challenge
      ? ''
      : ' (if the server sent WWW-Authenticate, it must also expose it with Access-Control-Expose-Headers)';
    return new McpAuthError(
      `The MCP server at ${url} requires authorization (HTTP ${res.status})${hint}.`,
      res.status,
      challenge,
    );
  }
  if (isHtml(res, body.text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body.text)?.[1]?.trim();
    return new McpHttpError(
      `The server answered HTTP ${res.status} with an HTML page${title ? ` ("${excerpt(title, 80)}")` : ''} instead of MCP: the URL may point to a website, a proxy or a gateway error page.`,
      'html',
      res.status,
      excerpt(body.text),
      url,
    );
  }
  const detail = body.rpcError?.message ?? body.text;
  return new McpHttpError(
    `The MCP server answered HTTP ${res.status} ${res.statusText}${detail ? `: ${excerpt(detail, 160)}` : ''}`.trim(),
    'status',
    res.status,
    excerpt(body.text),
    url,
  );
}
