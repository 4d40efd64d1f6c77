// URL safety for OAuth (checklist A-23, SEC-16): every URL a server hands us (resource metadata,
// authorization servers, their endpoints) is attacker-controlled. A browser cannot resolve DNS,
// so the rules work on the URL itself, after the URL parser has normalised octal/hex IPv4 forms.
import { McpAuthError } from '../jsonrpc/errors.js';
import { canonicalResource } from './resource.js';

/** How far inside a network a host is: a discovered URL may never point further in than the MCP server itself. */
type Reach = 0 | 1 | 2; // 0 public, 1 private network, 2 this machine

function reach(host: string): Reach {
  let h = host.replace(/^\[|\]$/g, '').toLowerCase();
  // IPv6 forms that carry an IPv4 address in their last 32 bits (mapped ::ffff:, translated
  // ::ffff:0:, compatible ::, NAT64 64:ff9b::) reach what that address reaches.
  const embedded = /^(?:::ffff:(?:0:)?|::|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  if (embedded) {
    const [hi, lo] = [parseInt(embedded[1], 16), parseInt(embedded[2], 16)];
    h = `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '::' || h === '0.0.0.0' || /^127\./.test(h))
    return 2;
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (
      a === 10 ||
      a === 0 ||
      (a === 172 && b >= 16 && b < 32) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b < 128)
    )
      return 1;
    return 0;
  }
  // IPv6 unique-local fc00::/7 and link-local fe80::/10.
  if (/^f[cd][0-9a-f]{2}:/.test(h) || /^fe[89ab][0-9a-f]:/.test(h)) return 1;
  return 0;
}

/** True for hosts on this machine, where plain http is tolerated for development. */
export const isLoopback = (url: URL) => reach(url.hostname) === 2;

/**
 * Throws unless `url` is safe to fetch or navigate to on behalf of the MCP server at `serverUrl`:
 * https (http only on loopback), and no further inside the network than the server itself.
 */
export function assertSafeUrl(url: string | URL, serverUrl: string, what = 'URL'): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new McpAuthError(`The authorization ${what} ${String(url).slice(0, 100)} is not a valid URL`, 0, '', false);
  }
  const ok =
    (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u))) &&
    !u.username &&
    !u.password &&
    reach(u.hostname) <= reach(new URL(serverUrl).hostname);
  if (!ok)
    throw new McpAuthError(
      `Refusing the authorization ${what} ${u.origin}${u.pathname}: it must be https and may not point into a private network the MCP server is not on`,
      0,
      '',
      false,
    );
  return u;
}

/**
 * Whether metadata claiming `resource` may speak for the MCP server at `serverUrl` (same origin, a path prefix of it).
 */
export function resourceCovers(resource: string, serverUrl: string): boolean {
  try {
    const r = new URL(resource);
    const s = new URL(canonicalResource(serverUrl));
    const path = r.pathname.endsWith('/') ? r.pathname : r.pathname + '/';
    return r.origin === s.origin && !r.search && (s.pathname === r.pathname || s.pathname.startsWith(path));
  } catch {
    return false;
  }
}
