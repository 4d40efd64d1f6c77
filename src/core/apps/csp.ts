// The sandbox a view runs in: its Content-Security-Policy from `_meta.ui.csp`, its `allow` from
// `_meta.ui.permissions`, and the iframe sandbox tokens a server may ask for.

/** The domains a view declares (`_meta.ui.csp`). */
export interface ViewCsp {
  connectDomains?: string[];
  resourceDomains?: string[];
  frameDomains?: string[];
  baseUriDomains?: string[];
}

/** An entry that could end or extend a directive (`;`, quotes, spaces, commas, newlines) is refused. */
const clean = (list: unknown): string[] =>
  Array.isArray(list) ? list.filter((d): d is string => typeof d === 'string' && /^[^\s;,'"]+$/.test(d)) : [];

/**
 * The policy of a view: nothing beyond its own inline code and data: media unless it declares domains
 * (the spec's restrictive default), `object-src 'none'` always.
 */
export function viewCsp(csp: ViewCsp = {}): string {
  const res = clean(csp.resourceDomains).join(' ');
  const connect = clean(csp.connectDomains).join(' ');
  const frames = clean(csp.frameDomains).join(' ');
  const base = clean(csp.baseUriDomains).join(' ');
  return [
    "default-src 'none'",
    `script-src 'self' 'unsafe-inline' ${res}`,
    `style-src 'self' 'unsafe-inline' ${res}`,
    `img-src 'self' data: ${res}`,
    `font-src 'self' data: ${res}`,
    `media-src 'self' data: ${res}`,
    `connect-src ${connect || "'none'"}`,
    `frame-src ${frames || "'none'"}`,
    `base-uri ${base || "'self'"}`,
    "object-src 'none'",
  ]
    .map((d) => d.trim())
    .join('; ');
}

const FEATURES: Record<string, string> = {
  camera: 'camera',
  microphone: 'microphone',
  geolocation: 'geolocation',
  clipboardWrite: 'clipboard-write',
};

/** The iframe `allow` attribute for the permissions a view asks for (`_meta.ui.permissions`). */
export const allowOf = (permissions: unknown): string =>
  Object.keys(permissions && typeof permissions === 'object' ? permissions : {})
    .filter((k) => k in FEATURES)
    .map((k) => FEATURES[k])
    .join('; ');

/** The sandbox tokens of a view that asks for none: scripts run, and nothing more. */
export const VIEW_SANDBOX = 'allow-scripts';

/**
 * The sandbox tokens for a view: always `allow-scripts`, plus what the server asked for, minus what
 * would give it the embedder's origin or its top window.
 */
export const sandboxOf = (asked?: unknown): string =>
  [
    ...new Set([
      VIEW_SANDBOX,
      ...(typeof asked === 'string' ? asked.split(/\s+/) : []).filter((t) =>
        /^allow-(forms|popups|popups-to-escape-sandbox|modals|downloads)$/.test(t),
      ),
    ]),
  ].join(' ');

/** The view's HTML with its policy as the first thing in <head> (opaque mode, and the proxy's inner frame). */
export function withPolicy(html: string, policy: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/"/g, '&quot;')}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length);
  const open = /<html(\s[^>]*)?>/i.exec(html);
  if (open)
    return (
      html.slice(0, open.index + open[0].length) + `<head>${meta}</head>` + html.slice(open.index + open[0].length)
    );
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html)?.[0] ?? '';
  return doctype + meta + html.slice(doctype.length);
}
