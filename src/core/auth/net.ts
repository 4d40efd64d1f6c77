// The only way the auth code reaches the network: every URL passes the SSRF checks first (SEC-16),
// no cookies go along (SEC-03), and a browser's opaque CORS failure becomes a readable error.
import { allowInsecureRequests, customFetch } from 'oauth4webapi';
import { McpAbortError, McpHttpError } from '../jsonrpc/errors.js';
import type { FetchLike } from '../transport/http.js';
import { assertSafeUrl } from './urls.js';

/** Options oauth4webapi takes on every request; also our own GETs go through `[customFetch]`. */
export interface AuthHttp {
  [customFetch]: (url: string, init: RequestInit) => Promise<Response>;
  /** Plain http is allowed by the library; our guard already limits it to loopback. */
  [allowInsecureRequests]: true;
  signal?: AbortSignal;
}

/** Builds the guarded request options for the MCP server at `serverUrl`. */
export function authHttp(serverUrl: string, fetchFn: FetchLike, signal?: AbortSignal): AuthHttp {
  return {
    [allowInsecureRequests]: true,
    signal,
    [customFetch]: async (url, init) => {
      const u = assertSafeUrl(url, serverUrl, 'endpoint');
      try {
        return await fetchFn(u.href, { ...init, credentials: 'omit', signal: init.signal ?? signal });
      } catch (error) {
        if (signal?.aborted || init.signal?.aborted) throw new McpAbortError();
        const origin = typeof location === 'object' ? location.origin : 'this page';
        throw new McpHttpError(
          `Cannot reach ${u.origin}${u.pathname} for authorization: the server is down, or its CORS policy does not allow ${origin} (OAuth metadata, registration and token endpoints need CORS)`,
          'network',
          0,
          '',
          u.href,
        );
      }
    },
  };
}

/** GETs a JSON metadata document without following redirects. */
export const getJson = (http: AuthHttp, url: string) =>
  http[customFetch](url, { method: 'GET', headers: { accept: 'application/json' }, redirect: 'manual' });
