// The errors a person sees for a non-2xx answer: authorization needed, an HTML page instead of MCP,
// or the status with the server's own words. Loaded with the first such answer.
import { McpAuthError, McpHttpError, excerpt } from '../jsonrpc/errors.js';
import { isHtml, type ErrorBody } from './http.js';

/** Builds the error a person sees for a non-2xx answer that is not a usable JSON-RPC error. */
export function httpStatusError(res: Response, body: ErrorBody): Error {
  const url = res.url;
  if (res.status === 401 || res.status === 403) {
    const challenge = res.headers.get('www-authenticate') ?? '';
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
