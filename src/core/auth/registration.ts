// Who the client is at an authorization server, in the spec's priority (A-08 … A-12):
// pre-registered id, Client ID Metadata Document, dynamic registration, else ask the host.
import { ClientSecretPost, dynamicClientRegistrationRequest, None, processDynamicClientRegistrationResponse, type AuthorizationServer, type ClientAuth } from 'oauth4webapi';
import { McpAuthError } from '../jsonrpc/errors.js';
import type { KeyValueStore } from '../store/store.js';
import { registrationKey } from './keys.js';
import type { AuthHttp } from './net.js';
import type { AuthOptions } from './types.js';

/** A client identity at one authorization server. */
export interface Registration {
  client_id: string;
  client_secret?: string;
  token_endpoint_auth_method?: string;
  redirect_uri: string;
}

/** Finds or creates this client's registration at `as`. */
export async function registrationFor(as: AuthorizationServer, auth: AuthOptions, store: KeyValueStore, http: AuthHttp, scope?: string): Promise<Registration> {
  const redirect_uri = auth.redirectUri;
  if (auth.clientId) return { client_id: auth.clientId, client_secret: auth.clientSecret, redirect_uri };
  if (auth.clientMetadataUrl && as.client_id_metadata_document_supported === true) {
    const url = new URL(auth.clientMetadataUrl);
    if (url.protocol !== 'https:' || url.pathname === '/') throw new McpAuthError('auth.clientMetadataUrl must be an https URL with a path (it is the client_id)', 0, '', false);
    return { client_id: url.href, token_endpoint_auth_method: 'none', redirect_uri };
  }
  const stored = await store.get<Registration>(registrationKey(as.issuer)).catch(() => undefined);
  if (stored?.redirect_uri === redirect_uri) return stored;
  if (!as.registration_endpoint) {
    throw new McpAuthError(`The authorization server ${as.issuer} supports neither Client ID Metadata Documents nor dynamic registration: configure auth.clientId for it`, 0, '', false);
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
    client = await processDynamicClientRegistrationResponse(await lenientRegistration(await dynamicClientRegistrationRequest(as, metadata, http)));
  } catch (error) {
    throw new McpAuthError(`Registering with ${as.issuer} failed (is ${redirect_uri} an acceptable redirect URI there?): ${(error as Error).message}`, 0, '', false);
  }
  const registration: Registration = {
    client_id: client.client_id,
    client_secret: client.client_secret as string | undefined,
    token_endpoint_auth_method: client.token_endpoint_auth_method as string | undefined,
    redirect_uri,
  };
  await store.set(registrationKey(as.issuer), registration).catch(() => {});
  return registration;
}

/**
 * RFC 7591 requires `client_secret_expires_at` with a secret, and oauth4webapi enforces it; servers
 * that leave it out are common, so a missing value is read as 0 ("does not expire").
 */
async function lenientRegistration(res: Response): Promise<Response> {
  const body = await res.clone().json().catch(() => undefined);
  if (!body?.client_secret || body.client_secret_expires_at !== undefined) return res;
  return new Response(JSON.stringify({ ...body, client_secret_expires_at: 0 }), { status: res.status, headers: res.headers });
}

/** How to authenticate at the token endpoint: what registration said, else the best the server supports. */
export function clientAuthFor(as: AuthorizationServer, reg: Registration): ClientAuth {
  const supported = as.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  const method = reg.token_endpoint_auth_method ?? (!reg.client_secret ? 'none' : supported.includes('client_secret_basic') ? 'client_secret_basic' : supported.includes('client_secret_post') ? 'client_secret_post' : 'none');
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
const secretBasic = (secret: string): ClientAuth => (_as, client, _body, headers) => {
  headers.set('authorization', `Basic ${btoa(`${formEncode(client.client_id)}:${formEncode(secret)}`)}`);
};
