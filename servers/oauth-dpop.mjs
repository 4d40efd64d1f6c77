// An authorization server and an MCP server that bind tokens to the client's key (DPoP, RFC 9449),
// both on loopback with CORS, for the browser DPoP tests. The AS (written here: the SDK's router has
// no DPoP) registers clients, redirects at once, and issues DPoP tokens only against a valid proof
// carrying its nonce (§8); the MCP server (SDK 1.x, stateless) accepts a token only as `DPoP` with a
// fresh proof of the same key, bound to the token (ath) and carrying its own nonce (§9). Proofs are
// checked with jose. Counters under /__control/stats tell the tests what each side saw.
import { createHash, randomUUID } from 'node:crypto';
import express from 'express';
import cors from 'cors';
import { calculateJwkThumbprint, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { EXPOSED_HEADERS, listen } from './util.mjs';

const ACCESS_TOKEN_SECONDS = 60;
const corsOptions = { origin: '*', exposedHeaders: [...EXPOSED_HEADERS, 'dpop-nonce'] };
const sha256 = (s) => createHash('sha256').update(s).digest('base64url');
const htuOf = (url) => {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
};

/**
 * Checks a DPoP proof as RFC 9449 §4.3 says: one header, typ dpop+jwt, ES256 over its own public
 * JWK, htm, htu, a recent iat, a jti not seen before, and `ath` when a token comes with it.
 * Resolves to { jkt, nonce } or { error }.
 */
async function checkProof(header, { method, url, token, jtis }) {
  if (typeof header !== 'string' || header.includes(',')) return { error: 'exactly one DPoP proof is required' };
  try {
    const { typ, alg, jwk } = decodeProtectedHeader(header);
    if (typ !== 'dpop+jwt' || alg !== 'ES256' || !jwk || jwk.d) return { error: 'bad proof header' };
    const { payload } = await jwtVerify(header, await importJWK(jwk, alg), { typ: 'dpop+jwt' });
    if (payload.htm !== method) return { error: 'htm mismatch' };
    if (payload.htu !== htuOf(url)) return { error: 'htu mismatch' };
    if (Math.abs(Date.now() / 1000 - payload.iat) > 60) return { error: 'iat out of range' };
    if (typeof payload.jti !== 'string' || jtis.has(payload.jti)) return { error: 'jti replayed' };
    jtis.add(payload.jti);
    if (token !== undefined && payload.ath !== sha256(token)) return { error: 'ath mismatch' };
    return { jkt: await calculateJwkThumbprint(jwk), nonce: payload.nonce };
  } catch (e) {
    return { error: `invalid proof: ${e.message}` };
  }
}

/** Starts the AS and the MCP server; resolves to their URLs and a close function. */
export async function startDpopOAuthServers() {
  const stats = {
    tokenRequests: 0,
    tokenRequestsWithValidProof: 0,
    asNonceChallenges: 0,
    asNonceAnswered: 0,
    refreshes: 0,
    mcpRequests: 0,
    mcpRequestsWithValidProof: 0,
    schemes: [],
    rsNonceChallenges: 0,
    rsNonceAnswered: 0,
    refused: [],
  };
  const jtis = new Set();
  const codes = new Map(); // code -> { clientId, challenge, redirectUri, resource, scope }
  const tokens = new Map(); // access token -> { jkt, scope, resource, expiresAt }
  const refreshTokens = new Map(); // refresh token -> { jkt, scope, resource, clientId }
  // One nonce per server, changed on demand so a test can make either side challenge again.
  const nonces = { as: randomUUID(), rs: randomUUID() };

  let asApp;
  const as = await listen((req, res) => asApp(req, res));
  const issuer = `${as.base}/`; // the metadata's issuer must equal the URL the client builds from it
  const tokenEndpoint = `${as.base}/token`;
  asApp = express();
  asApp.use(cors(corsOptions));
  asApp.get('/.well-known/oauth-authorization-server', (req, res) =>
    res.json({
      issuer,
      authorization_endpoint: `${as.base}/authorize`,
      token_endpoint: tokenEndpoint,
      registration_endpoint: `${as.base}/register`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      scopes_supported: ['mcp:tools', 'offline_access'],
      authorization_response_iss_parameter_supported: true,
      dpop_signing_alg_values_supported: ['ES256'],
    }),
  );
  asApp.post('/register', express.json(), (req, res) =>
    res.status(201).json({
      ...req.body,
      client_id: `dpop-client-${randomUUID()}`,
      token_endpoint_auth_method: 'none',
      client_id_issued_at: Math.floor(Date.now() / 1000),
    }),
  );
  asApp.get('/authorize', (req, res) => {
    const q = req.query;
    const code = randomUUID();
    codes.set(code, {
      clientId: q.client_id,
      challenge: q.code_challenge,
      redirectUri: q.redirect_uri,
      resource: q.resource,
      scope: q.scope ?? '',
    });
    const back = new URL(String(q.redirect_uri));
    back.searchParams.set('code', code);
    back.searchParams.set('state', String(q.state ?? ''));
    back.searchParams.set('iss', issuer);
    res.redirect(back.href);
  });
  asApp.post('/token', express.urlencoded({ extended: false }), async (req, res) => {
    stats.tokenRequests++;
    const fail = (status, error, headers = {}) => res.status(status).set(headers).json({ error });
    const proof = await checkProof(req.headers.dpop, { method: 'POST', url: tokenEndpoint, jtis });
    if (proof.error) return fail(400, 'invalid_dpop_proof');
    stats.tokenRequestsWithValidProof++;
    if (proof.nonce !== nonces.as) {
      stats.asNonceChallenges++;
      return fail(400, 'use_dpop_nonce', { 'DPoP-Nonce': nonces.as });
    }
    stats.asNonceAnswered++;
    let grant;
    const body = req.body;
    if (body.grant_type === 'authorization_code') {
      grant = codes.get(body.code);
      codes.delete(body.code);
      if (!grant || grant.clientId !== body.client_id || grant.redirectUri !== body.redirect_uri)
        return fail(400, 'invalid_grant');
      if (sha256(String(body.code_verifier ?? '')) !== grant.challenge) return fail(400, 'invalid_grant');
    } else if (body.grant_type === 'refresh_token') {
      grant = refreshTokens.get(body.refresh_token);
      refreshTokens.delete(body.refresh_token);
      // A public client's refresh token is bound to its key too (RFC 9449 §5).
      if (!grant || grant.jkt !== proof.jkt) return fail(400, 'invalid_grant');
      stats.refreshes++;
    } else return fail(400, 'unsupported_grant_type');
    const access = randomUUID();
    tokens.set(access, {
      jkt: proof.jkt,
      scope: grant.scope,
      resource: grant.resource,
      expiresAt: Date.now() + ACCESS_TOKEN_SECONDS * 1000,
    });
    const refresh = randomUUID();
    refreshTokens.set(refresh, { ...grant, jkt: proof.jkt });
    res.json({
      access_token: access,
      token_type: 'DPoP',
      expires_in: ACCESS_TOKEN_SECONDS,
      scope: grant.scope,
      refresh_token: refresh,
    });
  });
  // Test controls, not part of OAuth.
  asApp.get('/__control/stats', (req, res) => res.json(stats));
  asApp.post('/__control/expire', (req, res) => {
    for (const t of tokens.values()) t.expiresAt = Date.now() - 1000;
    res.json({ ok: true });
  });

  let rsApp;
  const rs = await listen((req, res) => rsApp(req, res));
  const mcpUrl = `${rs.base}/mcp`;
  const prmUrl = `${rs.base}/.well-known/oauth-protected-resource/mcp`;
  rsApp = express();
  rsApp.use(cors(corsOptions));
  rsApp.use(express.json());
  rsApp.get('/.well-known/oauth-protected-resource/mcp', (req, res) =>
    res.json({
      resource: mcpUrl,
      authorization_servers: [issuer],
      scopes_supported: ['mcp:tools'],
      dpop_bound_access_tokens_required: true,
    }),
  );
  /** RFC 9449 §7.1: a DPoP-bound token only as `DPoP <token>` with a valid proof of the key it is bound to. */
  const requireDpop = async (req, res, next) => {
    const refuse = (error, extra = {}) => {
      if (error !== 'use_dpop_nonce') stats.refused.push(error);
      res
        .status(401)
        .set({
          'WWW-Authenticate': `DPoP algs="ES256", resource_metadata="${prmUrl}"${error ? `, error="${error}"` : ''}`,
          ...extra,
        })
        .json({ error: error || 'unauthorized' });
    };
    const [scheme, token] = String(req.headers.authorization ?? '').split(' ');
    if (!token) return refuse('');
    stats.mcpRequests++;
    stats.schemes.push(scheme);
    const grant = tokens.get(token);
    if (scheme !== 'DPoP') return refuse('invalid_token');
    if (!grant || grant.expiresAt < Date.now()) return refuse('invalid_token');
    const proof = await checkProof(req.headers.dpop, { method: req.method, url: mcpUrl, token, jtis });
    if (proof.error || proof.jkt !== grant.jkt) return refuse('invalid_dpop_proof');
    stats.mcpRequestsWithValidProof++;
    if (proof.nonce !== nonces.rs) {
      stats.rsNonceChallenges++;
      return refuse('use_dpop_nonce', { 'DPoP-Nonce': nonces.rs });
    }
    stats.rsNonceAnswered++;
    req.auth = { token, clientId: 'dpop', scopes: grant.scope.split(' '), resource: grant.resource };
    next();
  };
  rsApp.all('/mcp', requireDpop, async (req, res) => {
    const server = new McpServer({ name: 'oauth-dpop-fixture', version: '1.0.0' });
    server.registerTool('whoami', { description: 'Says which key the token is bound to' }, async () => ({
      content: [
        { type: 'text', text: JSON.stringify({ jkt: tokens.get(req.auth.token)?.jkt, scopes: req.auth.scopes }) },
      ],
    }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => (transport.close(), server.close()));
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  rsApp.use('/__control', cors(corsOptions));
  rsApp.post('/__control/new-nonces', (req, res) => {
    nonces.as = randomUUID();
    nonces.rs = randomUUID();
    res.json({ ok: true });
  });

  return {
    url: mcpUrl,
    issuer,
    control: `${as.base}/__control`,
    rsControl: `${rs.base}/__control`,
    close: () =>
      Promise.all([as, rs].map(({ server }) => new Promise((r) => (server.closeAllConnections?.(), server.close(r))))),
  };
}
