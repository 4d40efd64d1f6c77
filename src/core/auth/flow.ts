// The authorization-code grant with PKCE S256, state, RFC 8707 resource and RFC 9207 iss checks
// (A-13 … A-17), refresh with rotation, and revocation, on oauth4webapi.
import {
  authorizationCodeGrantRequest,
  calculatePKCECodeChallenge,
  generateRandomCodeVerifier,
  generateRandomState,
  processAuthorizationCodeResponse,
  processRefreshTokenResponse,
  processRevocationResponse,
  refreshTokenGrantRequest,
  revocationRequest,
  validateAuthResponse,
  type AuthorizationServer,
  type TokenEndpointResponse,
} from 'oauth4webapi';
import type { AuthHttp } from './net.js';
import { McpAuthError } from '../jsonrpc/errors.js';
import { assertIssuer, clientAuthFor, type Registration } from './registration.js';
import { assertSafeUrl } from './urls.js';

/** What must survive between sending the person away and their return (kept in the store by `state`). */
export interface PendingFlow {
  state: string;
  verifier: string;
  /** The validated metadata, whose issuer the response's `iss` is compared with. */
  as: AuthorizationServer;
  registration: Registration;
  resource: string;
  serverUrl: string;
  scope?: string;
  created: number;
}

/** Tokens for one (issuer, resource). */
export interface TokenSet {
  access_token: string;
  /** Lower case (oauth4webapi normalises it): `dpop` for a token bound to our key, `bearer` otherwise. */
  token_type?: string;
  refresh_token?: string;
  /** Epoch ms after which the access token is treated as expired. */
  expires_at?: number;
  scope?: string;
  /** The scopes we asked for, the base of a step-up union. */
  requested?: string;
}

/** Builds the authorization URL and the flow record to keep until the person comes back. */
export async function startFlow(
  as: AuthorizationServer,
  registration: Registration,
  resource: string,
  serverUrl: string,
  scope?: string,
): Promise<{ url: URL; flow: PendingFlow }> {
  assertIssuer(as, registration);
  const url = assertSafeUrl(as.authorization_endpoint ?? '', serverUrl, 'endpoint');
  const verifier = generateRandomCodeVerifier();
  const state = generateRandomState();
  const params = {
    response_type: 'code',
    client_id: registration.client_id,
    redirect_uri: registration.redirect_uri,
    code_challenge: await calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    resource,
    ...(scope ? { scope } : {}),
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return { url, flow: { state, verifier, as, registration, resource, serverUrl, scope, created: Date.now() } };
}

/** Checks the redirect back (state, iss, error) and trades the code for tokens. */
export async function finishFlow(flow: PendingFlow, callback: URL, http: AuthHttp): Promise<TokenSet> {
  const client = { client_id: flow.registration.client_id };
  // A code that another authorization server's flow sent here (the mix-up attack) arrives at that
  // server's redirect URI, not at this issuer's: it is refused before anything is sent anywhere.
  if (!atRedirectUri(callback, flow.registration.redirect_uri))
    throw new McpAuthError(
      `The sign-in came back at the redirect URI of another authorization server than ${flow.as.issuer}; refusing it (a mix-up attack?)`,
      0,
      '',
      false,
    );
  // Throws on a state or iss mismatch before looking at `error`, and on error responses.
  const params = validateAuthResponse(flow.as, client, callback, flow.state);
  const res = await authorizationCodeGrantRequest(
    flow.as,
    client,
    clientAuthFor(flow.as, flow.registration),
    params,
    flow.registration.redirect_uri,
    flow.verifier,
    { ...http, additionalParameters: { resource: flow.resource } },
  );
  return tokenSet(await processAuthorizationCodeResponse(flow.as, client, res), flow.scope);
}

/**
 * Whether `callback` is `redirectUri` plus response parameters: same origin and path, its own query parameters
 * unchanged.
 */
export function atRedirectUri(callback: URL, redirectUri: string): boolean {
  const expected = new URL(redirectUri);
  if (callback.origin !== expected.origin || callback.pathname !== expected.pathname) return false;
  for (const key of new Set(expected.searchParams.keys()))
    if (String(callback.searchParams.getAll(key)) !== String(expected.searchParams.getAll(key))) return false;
  return expected.searchParams.has('mcp_as') || !callback.searchParams.has('mcp_as');
}

/** Trades a refresh token for new tokens; keeps the old refresh token unless the server rotated it. */
export async function refreshTokens(
  as: AuthorizationServer,
  registration: Registration,
  resource: string,
  tokens: TokenSet,
  http: AuthHttp,
): Promise<TokenSet> {
  const client = { client_id: registration.client_id };
  const res = await refreshTokenGrantRequest(as, client, clientAuthFor(as, registration), tokens.refresh_token!, {
    ...http,
    additionalParameters: { resource },
  });
  const next = tokenSet(await processRefreshTokenResponse(as, client, res), tokens.requested);
  return { ...next, refresh_token: next.refresh_token ?? tokens.refresh_token, scope: next.scope ?? tokens.scope };
}

/**
 * Asks the server to revoke a token where it offers revocation; failures are ignored (the token is forgotten anyway).
 */
export async function revokeToken(
  as: AuthorizationServer,
  registration: Registration,
  token: string,
  http: AuthHttp,
): Promise<void> {
  if (!as.revocation_endpoint) return;
  try {
    await processRevocationResponse(
      await revocationRequest(as, { client_id: registration.client_id }, clientAuthFor(as, registration), token, http),
    );
  } catch {
    /* best effort */
  }
}

function tokenSet(r: TokenEndpointResponse, requested?: string): TokenSet {
  return {
    access_token: r.access_token,
    token_type: r.token_type,
    refresh_token: r.refresh_token,
    expires_at: typeof r.expires_in === 'number' ? Date.now() + r.expires_in * 1000 : undefined,
    scope: r.scope,
    requested,
  };
}
