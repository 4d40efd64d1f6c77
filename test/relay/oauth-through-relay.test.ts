import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { McpClient } from '../../src/client.js';
import { clickTo, firstText, freshStore, servers } from '../helpers.js';

// Signing in through the relay (the Node command) to the loopback OAuth pair (servers/oauth.mjs):
// discovery, registration and the token exchange go through the relay, and the token is bound to
// the MCP server's own URL (RFC 8707), not the relay's, and kept under that server's name.
const redirectUri = new URL('/test/core/auth-callback.html', location.href).href;

describe('OAuth through the CORS relay', () => {
  it('signs in and calls a protected tool with every request relayed; the token belongs to the server, not the relay', async () => {
    const { oauthMcp, oauthIssuer } = await servers();
    const relay = (await executeServerCommand('mcp-relay-start', {
      upstreams: [oauthMcp, oauthIssuer],
      origin: location.origin,
    })) as { url: string; id: number };
    const store = freshStore('mcp-relay-oauth-test');
    const client = new McpClient({ url: oauthMcp, relay: relay.url, store, auth: { redirectUri, userAgent: 'popup' } });
    try {
      await clickTo('Sign in', () => client.authorize());
      expect(client.authState).to.equal('signed-in');
      const who = JSON.parse(firstText(await client.callTool('whoami')));
      expect(who.resource).to.equal(oauthMcp);
      expect(await store.keys('mcp-auth-token:')).to.deep.equal([`mcp-auth-token:${oauthIssuer} ${oauthMcp}`]);
      const lines = (await executeServerCommand('mcp-relay-log', { id: relay.id })) as string[];
      const issuer = oauthIssuer.replace(/\/$/, '');
      expect(
        lines.some((l) => l.includes(`GET ${new URL(oauthMcp).origin}/.well-known/oauth-protected-resource`)),
        lines.join('\n'),
      ).to.equal(true);
      expect(
        lines.some((l) => l.includes(`POST ${issuer}/register 201`)),
        lines.join('\n'),
      ).to.equal(true);
      expect(
        lines.some((l) => l.includes(`POST ${issuer}/token 200`)),
        lines.join('\n'),
      ).to.equal(true);
      expect(
        lines.some((l) => l.includes(`POST ${oauthMcp} 200`)),
        lines.join('\n'),
      ).to.equal(true);
    } finally {
      await client.close();
    }
  });
});
