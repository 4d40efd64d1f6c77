// The sandbox proxy page's script (spec mode, double iframe): it announces itself to the host,
// loads the view it is sent into an inner opaque-origin iframe under the view's own CSP, and relays
// JSON-RPC both ways, checking the sender's window and origin on every hop.
import { allowOf, sandboxOf, viewCsp, withPolicy, type ViewCsp } from '../core/apps/csp.js';

const inner = document.createElement('iframe');
let host: string | undefined;
/** The view's messages relayed per second; a flood stops here, in the proxy's process, not in the host page. */
const PER_SECOND = 200;
let windowStart = 0;
let count = 0;

const isSandboxMethod = (data: unknown) =>
  typeof (data as { method?: unknown })?.method === 'string' &&
  (data as { method: string }).method.startsWith('ui/notifications/sandbox-');

addEventListener('message', (e) => {
  if (e.source === parent) {
    // The first message fixes the host's origin; later ones must come from it.
    if (host === undefined) host = e.origin;
    if (e.origin !== host) return;
    const m = e.data as {
      method?: string;
      params?: { html?: unknown; csp?: ViewCsp; permissions?: unknown; sandbox?: unknown };
    };
    if (m?.method === 'ui/notifications/sandbox-resource-ready') {
      if (inner.isConnected || typeof m.params?.html !== 'string') return;
      inner.setAttribute('sandbox', sandboxOf(m.params.sandbox));
      inner.setAttribute('allow', allowOf(m.params.permissions));
      inner.title = document.title;
      inner.srcdoc = withPolicy(m.params.html, viewCsp(m.params.csp));
      document.body.append(inner);
    } else if (!isSandboxMethod(m) && inner.contentWindow) inner.contentWindow.postMessage(m, '*');
  } else if (e.source === inner.contentWindow && e.origin === 'null' && host && !isSandboxMethod(e.data)) {
    const now = Date.now();
    if (now - windowStart >= 1000) ((windowStart = now), (count = 0));
    if (++count <= PER_SECOND) parent.postMessage(e.data, host);
  }
});

parent.postMessage({ jsonrpc: '2.0', method: 'ui/notifications/sandbox-proxy-ready', params: {} }, '*');
