// The sandbox a view runs in: its Content-Security-Policy from `_meta.ui.csp` within the host's cap,
// its `allow` from the permissions the host policy and the person granted, and the iframe sandbox
// tokens a server may ask for.

/** The domains a view declares (`_meta.ui.csp`). */
export interface ViewCsp {
  connectDomains?: string[];
  resourceDomains?: string[];
  frameDomains?: string[];
  baseUriDomains?: string[];
}

/** What a host lets its views have: nothing is delegated unless it says so (`appPolicy`). */
export interface AppPolicy {
  /** Permissions a view may ask the person for (camera, microphone, geolocation, clipboardWrite); default none. */
  permissions?: string[];
  /** When set, the only CSP domains a view may declare (the others are dropped). */
  domains?: string[];
  /** Whether a view may declare wildcards (`*`, `https://*.example`) and bare schemes (`https:`, `data:`, `blob:`). */
  wildcards?: boolean;
  /** Whether a view may go fullscreen (still only right after a click in it); default true. */
  fullscreen?: boolean;
}

const CSP_KEYS = ['connectDomains', 'resourceDomains', 'frameDomains', 'baseUriDomains'] as const;

/** An entry that could end or extend a directive (`;`, quotes, spaces, commas, newlines) is refused. */
const clean = (list: unknown): string[] =>
  Array.isArray(list) ? list.filter((d): d is string => typeof d === 'string' && /^[^\s;,'"]+$/.test(d)) : [];

const norm = (d: string) => d.toLowerCase().replace(/\/+$/, '');

/**
 * The domains of `csp` the host allows: no wildcard or bare scheme unless `policy.wildcards`, and only the listed ones
 * when `policy.domains` caps them.
 */
export const capCsp = (csp: ViewCsp = {}, policy: AppPolicy = {}): ViewCsp =>
  Object.fromEntries(
    CSP_KEYS.map((k) => [
      k,
      clean(csp[k]).filter(
        (d) =>
          (policy.wildcards || !/\*|^[a-z][\w+.-]*:\/*$/i.test(d)) &&
          (!policy.domains || policy.domains.some((c) => norm(c) === norm(d))),
      ),
    ]),
  );

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

/** The permissions a view asks for (`_meta.ui.permissions`) that the host's policy lets the person grant. */
export const wanted = (permissions: unknown, policy: AppPolicy = {}): string[] =>
  Object.keys(permissions && typeof permissions === 'object' ? permissions : {}).filter(
    (k) => k in FEATURES && !!policy.permissions?.includes(k),
  );

/** The iframe `allow` attribute for granted permissions (an object keyed by permission, as `_meta.ui.permissions`). */
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

/**
 * The view's HTML after our own doctype and policy (opaque mode, and the proxy's inner frame): no server byte comes
 * before the `<meta>`, so no comment or attribute can swallow it; the parser puts it in <head>.
 */
export const withPolicy = (html: string, policy: string): string =>
  `<!doctype html><meta http-equiv="Content-Security-Policy" content="${policy.replace(/"/g, '&quot;')}">${html}`;
