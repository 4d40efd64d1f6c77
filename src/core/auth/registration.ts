// Who the client is at an authorization server, in the spec's priority (A-08 … A-12):
// pre-registered id, Client ID Metadata Document, dynamic registration, else ask the host.
// Against the mix-up attack (RFC 9700 §4.4.2.2) every identity is bound to one issuer: a
// pre-registered client is used only with the issuer it is configured under, and a registered or
// CIMD client gets a redirect URI of its own issuer (`redirectUri?mcp_as=<tag>`), so a code that
// another authorization server bounced back cannot finish this issuer's flow (flow.ts).
import {
  ClientSecretPost,
  dynamicClientRegistrationRequest,
  None,
  processDynamicClientRegistrationResponse,
  type AuthorizationServer,
  type ClientAuth,
} from 'oauth4webapi';
import { McpAuthError } from '../jsonrpc/errors.js';
import type { KeyValueStore } from '../kv/store.js';
import { registrationKey } from './keys.js';
import type { AuthHttp } from './net.js';
import type { AuthOptions } from './types.js';

/** A client identity at one authorization server. */
export interface Registration {
  /** The one authorization server this identity may be shown to. */
  issuer: string;
  client_id: string;
  client_secret?: string;
  token_endpoint_auth_method?: string;
  redirect_uri: string;
}

/** Finds or creates this client's registration at `as`. */
export async function registrationFor(
  as: AuthorizationServer,
  auth: AuthOptions,
  store: KeyValueStore,
  http: AuthHttp,
  scope?: string,
): Promise<Registration> {
  const { issuer } = as;
  if ('clientId' in auth || 'clientSecret' in auth)
    throw new McpAuthError(
      'auth.clientId/clientSecret are bound to no authorization server and are refused: configure auth.clients = { [issuer]: { clientId, clientSecret } }',
      0,
      '',
      false,
    );
  const pre = preRegistered(auth, issuer);
  if (pre)
    return {
      issuer,
      client_id: pre.clientId,
      client_secret: pre.clientSecret,
      redirect_uri: pre.redirectUri ?? auth.redirectUri,
    };
  const redirect_uri = await issuerRedirectUri(auth.redirectUri, issuer);
  if (auth.clientMetadataUrl && as.client_id_metadata_document_supported === true) {
    const url = new URL(auth.clientMetadataUrl);
    if (url.protocol !== 'https:' || url.pathname === '/')
      throw new McpAuthError(
        'auth.clientMetadataUrl must be an https URL with a path (it is the client_id)',
        0,
        '',
        false,
      );
    return { issuer, client_id: url.href, token_endpoint_auth_method: 'none', redirect_uri };
  }
  const stored = await store.get<Registration>(registrationKey(issuer)).catch(() => undefined);
  if (stored?.redirect_uri === redirect_uri && stored.issuer === issuer) return stored;
  if (!as.registration_endpoint) {
    throw new McpAuthError(
      `The authorization server ${as.issuer} supports neither Client ID Metadata Documents nor dynamic registration: configure auth.clients = { [issuer]: { clientId } } for it`,
      0,
      '',
      false,
    );
  }
  const metadata = {
    client_name: auth.clientName ?? 'mcp-web-components',
    redirect_uris: [redirect_uri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    application_type: 'web',
    ...(scope ? { scope } : {}),
  };
  let client;
  try {
    client = await processDynamicClientRegistrationResponse(
      await lenientRegistration(await dynamicClientRegistrationRequest(as, metadata, http)),
    );
  } catch (error) {
    throw new McpAuthError(
      `Registering with ${as.issuer} failed (is ${redirect_uri} an acceptable redirect URI there?): ${(error as Error).message}`,
      0,
      '',
      false,
    );
  }
  const registration: Registration = {
    issuer,
    client_id: client.client_id,
    client_secret: client.client_secret as string | undefined,
    token_endpoint_auth_method: client.token_endpoint_auth_method as string | undefined,
    redirect_uri,
  };
  await store.set(registrationKey(as.issuer), registration).catch(() => {});
  return registration;
}

/** The host's pre-registered client for `issuer`, matched exactly (a trailing slash aside). */
function preRegistered(auth: AuthOptions, issuer: string) {
  const bare = (s: string) => s.replace(/\/$/, '');
  for (const [key, client] of Object.entries(auth.clients ?? {})) if (bare(key) === bare(issuer)) return client;
  return undefined;
}

/** `redirectUri` with `mcp_as`, the first 12 base64url characters of SHA-256(issuer): one redirect URI per issuer. */
export async function issuerRedirectUri(redirectUri: string, issuer: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(issuer)));
  const tag = btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .slice(0, 12);
  const url = new URL(redirectUri);
  url.searchParams.set('mcp_as', tag);
  return url.href;
}

/** Throws unless `reg` was made for `as`: no identity, secret or token goes to another issuer. */
export function assertIssuer(as: AuthorizationServer, reg: Registration): void {
  if (reg.issuer !== as.issuer)
    throw new McpAuthError(
      `Refusing to use a client registered with ${String(reg.issuer).slice(0, 200)} at ${as.issuer}`,
      0,
      '',
      false,
    );
}

/**
 * RFC 7591 requires `client_secret_expires_at` with a secret, and oauth4webapi enforces it; servers
 * that leave it out are common, so a missing value is read as 0 ("does not expire").
 */
async function lenientRegistration(res: Response): Promise<Response> {
  const body = await res
    .clone()
    .json()
    .catch(() => undefined);
  if (!body?.client_secret || body.client_secret_expires_at !== undefined) return res;
  return new Response(JSON.stringify({ ...body, client_secret_expires_at: 0 }), {
    status: res.status,
    headers: res.headers,
  });
}

/** How to authenticate at the token endpoint: what registration said, else the best the server supports. */
export function clientAuthFor(as: AuthorizationServer, reg: Registration): ClientAuth {
  assertIssuer(as, reg);
  const supported = as.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  const method =
    reg.token_endpoint_auth_method ??
    (!reg.client_secret
      ? 'none'
      : supported.includes('client_secret_basic')
        ? 'client_secret_basic'
        : supported.includes('client_secret_post')
          ? 'client_secret_post'
          : 'none');
  if (method === 'client_secret_basic' && reg.client_secret) return secretBasic(reg.client_secret);
  if (method === 'client_secret_post' && reg.client_secret) return ClientSecretPost(reg.client_secret);
  return None();
}

/** The form encoding RFC 6749 Appendix B names (the HTML one: `-`, `.`, `_`, `*` stay as they are). */
const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);

/**
 * client_secret_basic. oauth4webapi's version also percent-encodes `-`, `.`, `_` and `*`; servers
 * that do not form-decode the Basic credentials (the conformance suite's, and several real ones)
 * then see another client id, so those characters are left as the HTML form encoding leaves them.
 */
const secretBasic =
  (secret: string): ClientAuth =>
  (_as, client, _body, headers) => {
    headers.set('authorization', `Basic ${btoa(`${formEncode(client.client_id)}:${formEncode(secret)}`)}`);
  };
