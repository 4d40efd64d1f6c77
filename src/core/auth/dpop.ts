// DPoP (RFC 9449, SEP-1932): a token bound to a key that cannot leave the page. One non-extractable
// ES256 key per authorization server, a fresh proof on every token request and every request that
// carries a DPoP-bound token, and the nonces servers ask for. Loaded only when the authorization
// server's metadata offers ES256 (session.ts), so Bearer-only pages never fetch it.
import type { KeyValueStore } from '../kv/store.js';
import type { FetchLike } from '../transport/http.js';
import { dpopKey } from './keys.js';

/** The claims a proof says about its request; `ath` binds it to the access token presented with it. */
export interface ProofClaims {
  htm: string;
  htu: string;
  nonce?: string;
  ath?: string;
}

const ES256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** base64url without padding (RFC 7515 §2). */
export const b64u = (bytes: ArrayBuffer | Uint8Array): string =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const b64uJson = (value: unknown) => b64u(new TextEncoder().encode(JSON.stringify(value)));

/** RFC 9449 §4.2: the request URI without query and fragment, scheme and host normalised by the URL parser. */
export function htu(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/** RFC 9449 §4.2: the base64url SHA-256 of the access token's ASCII bytes. */
export const ath = async (accessToken: string): Promise<string> =>
  b64u(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(accessToken)));

/** A new key pair; the private key is non-extractable, so no script (ours included) can ever read it. */
export const generateKeys = (): Promise<CryptoKeyPair> =>
  crypto.subtle.generateKey(ES256, false, ['sign', 'verify']) as Promise<CryptoKeyPair>;

/**
 * A DPoP proof JWT (RFC 9449 §4.2) signed with `keys`: `typ` dpop+jwt, ES256, the public JWK in the
 * header; a fresh `jti` and the current `iat` in the claims.
 */
export async function proof(keys: CryptoKeyPair, claims: ProofClaims, now = Date.now()): Promise<string> {
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', keys.publicKey);
  const header = b64uJson({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty, crv, x, y } });
  const payload = b64uJson({ jti: crypto.randomUUID(), iat: Math.floor(now / 1000), ...claims });
  const input = `${header}.${payload}`;
  // WebCrypto's ECDSA signature is r || s, which is exactly the JWS ES256 form (RFC 7518 §3.4).
  const signature = await crypto.subtle.sign(ES256, keys.privateKey, new TextEncoder().encode(input));
  return `${input}.${b64u(signature)}`;
}

/** This authorization server's key pair from the store, made and kept on first use (a CryptoKey, never exported). */
export async function keysFor(store: KeyValueStore, issuer: string): Promise<CryptoKeyPair> {
  const kept = await store.get<CryptoKeyPair>(dpopKey(issuer)).catch(() => undefined);
  if (kept?.privateKey) return kept;
  const keys = await generateKeys();
  await store.set(dpopKey(issuer), keys).catch(() => {});
  return keys;
}

/** Whether a response asks for a (new) nonce: the AS's 400 `use_dpop_nonce` (§8) or the RS's 401 challenge (§9). */
async function wantsNonce(res: Response): Promise<boolean> {
  if (res.status === 401) return /use_dpop_nonce/.test(res.headers.get('www-authenticate') ?? '');
  if (res.status !== 400) return false;
  const body = await res
    .clone()
    .json()
    .catch(() => undefined);
  return body?.error === 'use_dpop_nonce';
}

/** The proofs of one authorization server's key: it signs the requests `fetch` sends, keeping each server's nonce. */
export class Dpop {
  /** The last nonce each server (by origin) gave. */
  private readonly nonces = new Map<string, string>();

  constructor(
    /** The authorization server whose key this is. */
    readonly issuer: string,
    private readonly keys: CryptoKeyPair,
    /** The token endpoint, whose POSTs carry a proof without `ath`. */
    private readonly tokenEndpoint: string | undefined,
  ) {}

  /**
   * Wraps `base`: with `token` (the DPoP-bound access token it presents), every request gets a proof
   * bound to it; without, the POSTs to the token endpoint. A nonce challenge is answered once.
   */
  fetch(base: FetchLike, token?: string): FetchLike {
    return async (input, init = {}) => {
      const url = String(input instanceof Request ? input.url : input);
      const method = (init.method ?? 'GET').toUpperCase();
      const headers = new Headers(init.headers);
      const target = htu(url);
      const toTokenEndpoint = method === 'POST' && !!this.tokenEndpoint && target === htu(this.tokenEndpoint);
      if (!token && !toTokenEndpoint) return base(input, init);
      const origin = new URL(url).origin;
      const claims: ProofClaims = { htm: method, htu: target, ...(token ? { ath: await ath(token) } : {}) };
      for (let attempt = 0; ; attempt++) {
        const nonce = this.nonces.get(origin);
        headers.set('dpop', await proof(this.keys, nonce ? { ...claims, nonce } : claims));
        const res = await base(input, { ...init, headers });
        const next = res.headers.get('dpop-nonce');
        if (next) this.nonces.set(origin, next);
        if (attempt || !next || next === nonce || !(await wantsNonce(res))) return res;
        await res.body?.cancel().catch(() => {});
      }
    };
  }
}

/** Loads the key of the authorization server `as` and makes its proof signer. */
export async function dpopFor(store: KeyValueStore, as: { issuer: string; token_endpoint?: string }): Promise<Dpop> {
  return new Dpop(as.issuer, await keysFor(store, as.issuer), as.token_endpoint);
}
