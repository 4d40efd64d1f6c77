// Finding who authorizes for an MCP server: RFC 9728 protected-resource metadata,
// then RFC 8414 / OIDC discovery with the issuer check, and the 2025-03-26
// fallbacks for servers without resource metadata.
import { processDiscoveryResponse, processResourceDiscoveryResponse, type AuthorizationServer } from 'oauth4webapi';
import { McpAuthError } from '../jsonrpc/errors.js';
import type { BearerChallenge } from './challenge.js';
import { getJson, type AuthHttp } from './net.js';
import { canonicalResource } from './resource.js';
import { resourceCovers } from './urls.js';

/** What the flow needs to know about a server's authorization. */
export interface Discovery {
  /** The RFC 8707 `resource` value. */
  resource: string;
  as: AuthorizationServer;
  /** PRM `scopes_supported`, the second choice of the scope selection. */
  scopesSupported?: string[];
}

/** `https://h/.well-known/<name>/<path>` (inserted) or `https://h/<path>/.well-known/<name>` (appended). */
function wellKnown(url: URL, name: string, append = false): string {
  const path = url.pathname.replace(/\/$/, '');
  return append ? `${url.origin}${path}/.well-known/${name}` : `${url.origin}/.well-known/${name}${path}`;
}

/** Runs the whole discovery for the MCP server at `serverUrl`, given the challenge of its 401 if there was one. */
export async function discover(
  serverUrl: string,
  challenge: BearerChallenge | undefined,
  http: AuthHttp,
): Promise<Discovery> {
  const prm = await findResourceMetadata(serverUrl, challenge?.resourceMetadata, http);
  if (!prm) return { resource: canonicalResource(serverUrl), as: await legacyAuthorizationServer(serverUrl, http) };
  const issuer = prm.authorization_servers?.[0];
  if (!issuer)
    throw new McpAuthError(
      `The protected resource metadata of ${serverUrl} names no authorization server`,
      0,
      '',
      false,
    );
  return {
    resource: prm.resource,
    as: await findAuthorizationServer(new URL(issuer), http),
    scopesSupported: prm.scopes_supported,
  };
}

/** RFC 9728 metadata from the challenge's URL, else the path-inserted, else the root well-known URL. */
async function findResourceMetadata(serverUrl: string, fromHeader: string | undefined, http: AuthHttp) {
  const target = new URL(canonicalResource(serverUrl));
  const candidates = fromHeader
    ? [fromHeader]
    : [wellKnown(target, 'oauth-protected-resource'), `${target.origin}/.well-known/oauth-protected-resource`];
  for (const url of candidates) {
    let res: Response;
    try {
      res = await getJson(http, url);
    } catch (error) {
      if (fromHeader) throw error;
      continue; // a 404 without CORS looks like a network failure: treat it as "not here"
    }
    if (res.status !== 200) {
      if (fromHeader)
        throw new McpAuthError(`The resource metadata at ${url} answered HTTP ${res.status}`, 0, '', false);
      continue;
    }
    // RFC 9728 §3.3: the metadata must be about this server; a same-origin path prefix also counts.
    const claimed = await res
      .clone()
      .json()
      .then(
        (b) => b?.resource,
        () => undefined,
      );
    if (typeof claimed === 'string' && !resourceCovers(claimed, serverUrl)) {
      throw new McpAuthError(
        `The resource metadata at ${url} is for ${claimed.slice(0, 200)}, not ${target.href}; refusing to authorize`,
        0,
        '',
        false,
      );
    }
    return processResourceDiscoveryResponse(typeof claimed === 'string' ? new URL(claimed) : target, res);
  }
  return undefined;
}

/** RFC 8414 then OIDC metadata for `issuer`, in the order of checklist A-05; the issuer must match exactly. */
export async function findAuthorizationServer(issuer: URL, http: AuthHttp): Promise<AuthorizationServer> {
  const urls = [wellKnown(issuer, 'oauth-authorization-server'), wellKnown(issuer, 'openid-configuration')];
  if (issuer.pathname !== '/') urls.push(wellKnown(issuer, 'openid-configuration', true));
  for (const url of urls) {
    const res = await getJson(http, url).catch(() => undefined);
    if (res?.status === 200) return requirePkce(await processDiscoveryResponse(issuer, res));
  }
  throw new McpAuthError(`No authorization server metadata found for ${issuer.href}`, 0, '', false);
}

/** 2025-03-26 servers: metadata at the server's origin, else the default endpoints there. */
async function legacyAuthorizationServer(serverUrl: string, http: AuthHttp): Promise<AuthorizationServer> {
  const origin = new URL(serverUrl).origin;
  const res = await getJson(http, `${origin}/.well-known/oauth-authorization-server`).catch(() => undefined);
  if (res?.status === 200) {
    // There is no issuer to expect here (no resource metadata named one), so the metadata must at
    // least come from and name the MCP server's own origin rather than vouch for someone else.
    const issuer = await res
      .clone()
      .json()
      .then(
        (b) => String(b?.issuer ?? ''),
        () => '',
      );
    if (!URL.canParse(issuer) || new URL(issuer).origin !== origin)
      throw new McpAuthError(`The authorization server metadata of ${origin} names a foreign issuer`, 0, '', false);
    return requirePkce(await processDiscoveryResponse(new URL(issuer), res));
  }
  // The 2025-03-26 spec requires PKCE S256 of every server, so the default endpoints imply it.
  return {
    issuer: origin,
    authorization_endpoint: `${origin}/authorize`,
    token_endpoint: `${origin}/token`,
    registration_endpoint: `${origin}/register`,
    code_challenge_methods_supported: ['S256'],
  };
}

/** Refuses a server that does not advertise PKCE S256. */
function requirePkce(as: AuthorizationServer): AuthorizationServer {
  if (!as.code_challenge_methods_supported?.includes('S256'))
    throw new McpAuthError(
      `The authorization server ${as.issuer} does not advertise PKCE (code_challenge_methods_supported with S256); refusing to sign in`,
      0,
      '',
      false,
    );
  return as;
}
