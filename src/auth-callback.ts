// The OAuth callback module: the page at `auth.redirectUri` loads it (dist/auth-callback.js) and
// nothing else. It hands the URL it was opened with back to the page that started signing in:
// by postMessage to its own origin and a same-origin BroadcastChannel (popup, frame), or through
// sessionStorage and a navigation back (full-page redirect). It never renders URL parameters.
const here = location.href;
const state = new URL(here).searchParams.get('state') ?? '';
const back = sessionStorage.getItem(`mcp-auth-return:${state}`);

if (back) {
  sessionStorage.removeItem(`mcp-auth-return:${state}`);
  sessionStorage.setItem(`mcp-auth-result:${state}`, here);
  const target = new URL(back, here);
  location.replace(target.origin === location.origin ? target.href : '/');
} else {
  const message = { type: 'mcp-auth-callback', url: here };
  for (const peer of [window.opener, window.parent]) {
    try {
      if (peer && peer !== window) peer.postMessage(message, location.origin);
    } catch {
      /* the opener may be gone or cut off by COOP; the channel below still reaches it */
    }
  }
  const channel = new BroadcastChannel('mcp-auth');
  channel.postMessage(message);
  channel.close();
  // Drop the code from this page's URL and history, then say what happened in plain text.
  history.replaceState(null, '', location.pathname);
  document.body?.append(document.createTextNode('Signed in. You can close this window.'));
  setTimeout(() => window.close(), 50);
}
