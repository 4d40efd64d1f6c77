// A real OAuth authorization server and a protected MCP server on loopback, both with CORS, for the
// browser auth tests. The AS is the SDK's mcpAuthRouter over its demo in-memory provider, extended
// with what the demo lacks: refresh tokens (rotated), revocation, a bad-token 401 instead of a 500,
// and tokens that can be expired on demand. The MCP server (SDK 1.x, stateless Streamable HTTP)
// publishes RFC 9728 metadata and requires a bearer token issued for it.
import { randomUUID } from 'node:crypto';
import express from 'express';
import cors from 'cors';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { mcpAuthRouter, mcpAuthMetadataRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { InvalidGrantError, InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { DemoInMemoryAuthProvider } from '@modelcontextprotocol/sdk/examples/server/demoInMemoryOAuthProvider.js';
import { corsOptions, listen } from './util.mjs';

const ACCESS_TOKEN_SECONDS = 60;
const SCOPES = ['mcp:tools', 'offline_access'];

/** The demo provider plus refresh-token rotation, revocation and counters the tests read. */
class TestProvider extends DemoInMemoryAuthProvider {
  refreshTokens = new Map(); // token -> {clientId, scopes, resource}
  stats = { authorizations: 0, codeExchanges: 0, refreshes: 0, revocations: 0, lastResource: '', lastScope: '' };

  denyNext = false;

  async authorize(client, params, res) {
    this.stats.authorizations++;
    this.stats.lastResource = params.resource?.href ?? '';
    this.stats.lastScope = params.scopes.join(' ');
    // RFC 6749 §3.1.2: the redirect URI's own query component is kept; the demo provider replaces it.
    const withQuery = (to) => {
      const target = new URL(to);
      for (const [k, v] of new URL(params.redirectUri).searchParams)
        if (!target.searchParams.has(k)) target.searchParams.append(k, v);
      return target.href;
    };
    if (this.closeNext) {
      // The person closes the sign-in window instead of signing in: a page that closes itself.
      this.closeNext = false;
      return res.type('html').send('<!doctype html><title>Sign in</title><script>window.close();</script>');
    }
    if (this.tabnab) {
      // A page that tries to navigate the window that opened it (reverse tabnabbing), then goes on as usual.
      const target = this.tabnab;
      this.tabnab = undefined;
      const page = (to) =>
        res
          .type('html')
          .send(
            `<!doctype html><script>try { if (window.opener) window.opener.location = ${JSON.stringify(target)}; } catch {} location.replace(${JSON.stringify(to)});</script>`,
          );
      return super.authorize(client, params, { cookie: res.cookie?.bind(res), redirect: (to) => page(withQuery(to)) });
    }
    if (!this.denyNext)
      return super.authorize(client, params, {
        cookie: res.cookie?.bind(res),
        redirect: (to) => res.redirect(withQuery(to)),
      });
    // The person clicked "Deny": an RFC 6749 error response to the registered redirect URI.
    this.denyNext = false;
    const target = new URL(params.redirectUri);
    for (const [k, v] of Object.entries({
      error: 'access_denied',
      error_description: '<img src=x onerror=alert(1)>',
      ...(params.state ? { state: params.state } : {}),
    }))
      target.searchParams.set(k, v);
    res.redirect(target.href);
  }

  async exchangeAuthorizationCode(client, code, verifier, redirectUri, resource) {
    const scopes = this.codes.get(code)?.params.scopes ?? [];
    const tokens = await super.exchangeAuthorizationCode(client, code, verifier, redirectUri, resource);
    this.stats.codeExchanges++;
    return this.issue(tokens.access_token, client.client_id, scopes, resource);
  }

  async exchangeRefreshToken(client, refreshToken, scopes, resource) {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant || grant.clientId !== client.client_id) throw new InvalidGrantError('Unknown refresh token');
    if (resource && grant.resource && resource.href !== grant.resource.href)
      throw new InvalidGrantError('Refresh token was issued for another resource');
    this.refreshTokens.delete(refreshToken); // rotation: each refresh token works once
    this.stats.refreshes++;
    const access = randomUUID();
    this.tokens.set(access, {
      token: access,
      clientId: client.client_id,
      scopes: grant.scopes,
      expiresAt: Date.now() + ACCESS_TOKEN_SECONDS * 1000,
      resource: grant.resource,
      type: 'access',
    });
    return this.issue(access, client.client_id, grant.scopes, grant.resource);
  }

  /** Adjusts the demo's access token to our lifetime and adds a refresh token when offline_access was granted. */
  issue(access, clientId, scopes, resource) {
    const record = this.tokens.get(access);
    record.expiresAt = Date.now() + ACCESS_TOKEN_SECONDS * 1000;
    const result = {
      access_token: access,
      token_type: 'bearer',
      expires_in: ACCESS_TOKEN_SECONDS,
      scope: scopes.join(' '),
    };
    if (scopes.includes('offline_access')) {
      const refresh = randomUUID();
      this.refreshTokens.set(refresh, { clientId, scopes, resource });
      result.refresh_token = refresh;
    }
    return result;
  }

  async verifyAccessToken(token) {
    try {
      return await super.verifyAccessToken(token);
    } catch {
      throw new InvalidTokenError('Invalid or expired token'); // the demo throws a plain Error, which becomes a 500
    }
  }

  async revokeToken(client, { token }) {
    this.stats.revocations++;
    this.tokens.delete(token);
    this.refreshTokens.delete(token);
  }

  /** Makes every access token already expired, as if time had passed. */
  expireAll() {
    for (const t of this.tokens.values()) t.expiresAt = Date.now() - 1000;
  }
}

/** Starts the AS and the protected MCP server; resolves to their URLs and a close function. */
export async function startOAuthServers() {
  const provider = new TestProvider();
  let asApp;
  const as = await listen((req, res) => asApp(req, res));
  const issuer = new URL(`${as.base}/`);
  asApp = express();
  const noLimit = { rateLimit: false };
  asApp.use(
    mcpAuthRouter({
      provider,
      issuerUrl: issuer,
      scopesSupported: SCOPES,
      authorizationOptions: noLimit,
      tokenOptions: noLimit,
      clientRegistrationOptions: noLimit,
      revocationOptions: noLimit,
    }),
  );
  // Test controls, not part of OAuth.
  asApp.use('/__control', cors(corsOptions));
  asApp.get('/__control/stats', (req, res) => res.json(provider.stats));
  asApp.post('/__control/expire', (req, res) => (provider.expireAll(), res.json({ ok: true })));
  asApp.post(
    '/__control/tabnab',
    express.json(),
    (req, res) => ((provider.tabnab = String(req.body?.target ?? '')), res.json({ ok: true })),
  );
  asApp.post('/__control/close-next', (req, res) => ((provider.closeNext = true), res.json({ ok: true })));
  asApp.post('/__control/deny-next', (req, res) => ((provider.denyNext = true), res.json({ ok: true })));

  let rsApp;
  const rs = await listen((req, res) => rsApp(req, res));
  const mcpUrl = new URL(`${rs.base}/mcp`);
  const prmUrl = `${rs.base}/.well-known/oauth-protected-resource/mcp`;
  rsApp = express();
  rsApp.use(cors(corsOptions));
  rsApp.use(express.json());
  rsApp.use(
    mcpAuthMetadataRouter({
      oauthMetadata: await fetch(`${as.base}/.well-known/oauth-authorization-server`).then((r) => r.json()),
      resourceServerUrl: mcpUrl,
      scopesSupported: ['mcp:tools'],
    }),
  );
  /** admin_report needs one more scope than the rest: a 403 insufficient_scope asks for a step-up. */
  const requireAdminScope = (req, res, next) => {
    if (
      req.body?.method !== 'tools/call' ||
      req.body?.params?.name !== 'admin_report' ||
      req.auth.scopes.includes('mcp:admin')
    )
      return next();
    res
      .status(403)
      .set(
        'WWW-Authenticate',
        `Bearer error="insufficient_scope", scope="mcp:tools mcp:admin", resource_metadata="${prmUrl}"`,
      )
      .json({ error: 'insufficient_scope' });
  };
  rsApp.all(
    '/mcp',
    requireBearerAuth({ verifier: provider, resourceMetadataUrl: prmUrl, expectedResource: mcpUrl }),
    requireAdminScope,
    async (req, res) => {
      const server = new McpServer({ name: 'oauth-fixture', version: '1.0.0' });
      server.registerTool('whoami', { description: 'Says who the bearer token belongs to' }, async (extra) => ({
        content: [
          {
            type: 'text',
            text: JSON.stringify({
              clientId: extra.authInfo?.clientId,
              scopes: extra.authInfo?.scopes,
              resource: String(extra.authInfo?.resource ?? ''),
            }),
          },
        ],
      }));
      server.registerTool('admin_report', { description: 'Needs the mcp:admin scope' }, async () => ({
        content: [{ type: 'text', text: 'report' }],
      }));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      res.on('close', () => (transport.close(), server.close()));
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    },
  );

  return {
    url: mcpUrl.href,
    issuer: issuer.href,
    control: `${as.base}/__control`,
    close: () =>
      Promise.all([as, rs].map(({ server }) => new Promise((r) => (server.closeAllConnections?.(), server.close(r))))),
  };
}
