// The auth scenarios our client runs, by name without the `auth/` prefix: run.mjs (Node) plans its
// runs from these, scenarios.js (the browser page; browser-client.mjs serves this file beside it)
// defines a scenario for each. Plain data, no imports, so both can load it.

/**
 * Every browser-applicable auth scenario of conformance 0.1.16: all but client-credentials-* and
 * cross-app-access-*, which need secrets a browser must not hold.
 */
export const AUTH_2025 = [
  'metadata-default',
  'metadata-var1',
  'metadata-var2',
  'metadata-var3',
  'basic-cimd',
  'scope-from-www-authenticate',
  'scope-from-scopes-supported',
  'scope-omitted-when-undefined',
  'scope-step-up',
  'scope-retry-limit',
  'token-endpoint-auth-basic',
  'token-endpoint-auth-post',
  'token-endpoint-auth-none',
  'pre-registration',
  '2025-03-26-oauth-metadata-backcompat',
  '2025-03-26-oauth-endpoint-fallback',
  'resource-mismatch',
  'offline-access-scope',
  'offline-access-not-supported',
];

/**
 * Auth scenarios new in the 2026-07-28 set (conformance 0.2.0-alpha), in its order: a resource moving to another
 * authorization server (SEP-2352), then RFC 9207 iss handling; the rejection ones (iss-*, metadata-issuer-mismatch)
 * expect the client to refuse.
 */
export const AUTH_2026_NEW = [
  'authorization-server-migration',
  ...['supported', 'not-advertised', 'supported-missing', 'wrong-issuer', 'unexpected', 'normalized'].map(
    (s) => `iss-${s}`,
  ),
  'metadata-issuer-mismatch',
];

/**
 * Extension auth scenarios (0.2.0-alpha.12, outside the 2026-07-28 list): DPoP-bound tokens (SEP-1932), without and
 * with the servers asking for nonces.
 */
export const AUTH_DPOP = ['dpop', 'dpop-nonce'];
