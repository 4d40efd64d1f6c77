// The popup user agent. Browsers block window.open after an await, so the client opens the popup
// first, synchronously inside the click (src/core/client/authorization.ts), and this module, loaded
// with the rest of auth, navigates it once discovery has produced the authorization URL.
// The result comes back by postMessage and by BroadcastChannel, which still works when the
// authorization server's Cross-Origin-Opener-Policy has cut window.opener.
import { McpAuthError } from '../jsonrpc/errors.js';
import type { AuthSession } from './session.js';
import type { AuthOptions, UserAgentFunction } from './types.js';

/** Message type and channel name shared with the callback module (src/auth-callback.ts). */
export const CALLBACK_MESSAGE = 'mcp-auth-callback';
export const CALLBACK_CHANNEL = 'mcp-auth';

/**
 * Signs in with the popup the client opened in the click (null: the browser blocked it; undefined: the redirect user
 * agent). The caller closes it.
 */
export async function signIn(
  popup: Window | null | undefined,
  auth: AuthOptions,
  load: () => Promise<AuthSession>,
  signal?: AbortSignal,
): Promise<void> {
  if (popup === null)
    throw new McpAuthError(
      'The browser blocked the sign-in popup: call authorize() directly in a click handler, or use the "redirect" user agent',
      0,
    );
  // No reverse tabnabbing: the authorization server's pages get no handle on this tab. The
  // callback then comes back by BroadcastChannel, which needs the redirect URI on this origin.
  if (popup && new URL(auth.redirectUri, location.href).origin === location.origin) popup.opener = null;
  const session = await load();
  await session.signIn(popup && popupUserAgent(popup, auth.redirectUri, auth.popupClosedMs), signal);
}

/**
 * Sends an open sign-in popup to the authorization URL and waits there for the callback. A popup that
 * reads as closed for `closedMs` ends the sign-in (and so its stored flow): not at once, because an
 * authorization server's Cross-Origin-Opener-Policy makes a popup that is still open read as closed.
 */
export function popupUserAgent(win: Window, redirectUri: string, closedMs = 180_000): UserAgentFunction {
  return (url, { signal }) => {
    win.location.href = url.href;
    const closed = new AbortController();
    let since: number | undefined;
    const watch = setInterval(
      () => {
        if (!win.closed) since = undefined;
        else if (Date.now() - (since ??= Date.now()) >= closedMs) closed.abort();
      },
      Math.min(500, closedMs),
    );
    return waitForCallback(url, redirectUri, AbortSignal.any([signal, closed.signal]))
      .catch((error) =>
        Promise.reject(
          closed.signal.aborted && !signal.aborted
            ? new McpAuthError('The sign-in window was closed before signing in finished', 0)
            : error,
        ),
      )
      .finally(() => {
        clearInterval(watch);
        win.close();
      });
  };
}

/** Resolves with the first callback URL, from a page of the redirect URI's origin, that carries this flow's state. */
export function waitForCallback(authorizationUrl: URL, redirectUri: string, signal: AbortSignal): Promise<URL> {
  const state = authorizationUrl.searchParams.get('state');
  const expected = new URL(redirectUri);
  return new Promise((resolve, reject) => {
    const channel = new BroadcastChannel(CALLBACK_CHANNEL);
    const stop = () => {
      removeEventListener('message', onMessage);
      channel.close();
      signal.removeEventListener('abort', onAbort);
    };
    const accept = (data: { type?: unknown; url?: unknown } | null) => {
      if (data?.type !== CALLBACK_MESSAGE || typeof data.url !== 'string' || !URL.canParse(data.url)) return;
      const url = new URL(data.url);
      if (
        url.origin !== expected.origin ||
        url.pathname !== expected.pathname ||
        url.searchParams.get('state') !== state
      )
        return;
      stop();
      resolve(url);
    };
    const onMessage = (e: MessageEvent) => e.origin === expected.origin && accept(e.data);
    const onAbort = () => {
      stop();
      reject(new McpAuthError('Signing in was cancelled', 0));
    };
    channel.onmessage = (e) => accept(e.data);
    addEventListener('message', onMessage);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
