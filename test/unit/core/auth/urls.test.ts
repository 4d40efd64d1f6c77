// The URL checks of the OAuth flow (src/core/auth/urls.ts, challenge.ts, resource.ts): every URL a
// server hands over is attacker-controlled.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { parseBearerChallenge } from '../../../../src/core/auth/challenge.js';
import { canonicalResource } from '../../../../src/core/auth/resource.js';
import { assertSafeUrl, isLoopback, resourceCovers } from '../../../../src/core/auth/urls.js';
import { McpAuthError } from '../../../../src/core/jsonrpc/errors.js';

describe('authorization helpers', () => {
  it('parses Bearer challenges, quoted and with several schemes', async () => {
    expect(
      await parseBearerChallenge(
        'Bearer error="insufficient_scope", scope="a b", resource_metadata="https://x.example/.well-known/oauth-protected-resource/mcp"',
      ),
    ).to.deep.equal({
      error: 'insufficient_scope',
      scope: 'a b',
      resourceMetadata: 'https://x.example/.well-known/oauth-protected-resource/mcp',
    });
    expect(await parseBearerChallenge('Basic realm="x", Bearer scope="s"')).to.deep.include({ scope: 's' });
    expect(await parseBearerChallenge('Basic realm="x"')).to.equal(undefined);
    expect(await parseBearerChallenge('')).to.equal(undefined);
  });

  it('refuses discovered URLs that are not https or point into a network the server is not on (SEC-16)', () => {
    const server = 'https://mcp.example.com/mcp';
    for (const bad of [
      'http://as.example.com/token',
      'javascript:alert(1)',
      'data:text/html,x',
      'https://10.0.0.8/token',
      'https://192.168.1.1/',
      'https://169.254.169.254/latest',
      'https://127.0.0.1/',
      'https://0x7f.1/',
      'https://[::1]/',
      'https://[fd00::1]/',
      'https://localhost/',
      'https://user:pw@as.example.com/',
    ]) {
      expect(() => assertSafeUrl(bad, server), bad).to.throw(McpAuthError);
    }
    expect(assertSafeUrl('https://as.example.com/token', server).href).to.equal('https://as.example.com/token');
    // A loopback server in development may use loopback endpoints over plain http.
    expect(assertSafeUrl('http://127.0.0.1:9/token', 'http://localhost:8/mcp').host).to.equal('127.0.0.1:9');
  });

  it('counts [::] and IPv4-in-IPv6 forms of private and loopback addresses as private in the SSRF check', () => {
    const publicServer = 'https://mcp.example.com/mcp';
    for (const url of [
      'http://[::]:8080/token',
      'https://[::]/token',
      'https://[::ffff:127.0.0.1]/token',
      'https://[::ffff:10.1.2.3]/token',
      'https://[::ffff:0:192.168.1.1]/token',
      'https://[::127.0.0.1]/token',
      'https://[64:ff9b::10.0.0.1]/token',
      'https://[::ffff:169.254.169.254]/latest',
    ])
      expect(() => assertSafeUrl(url, publicServer, 'endpoint'), url).to.throw(/private network/);
    expect(assertSafeUrl('https://[::ffff:8.8.8.8]/token', publicServer).hostname).to.equal('[::ffff:808:808]');
    // Plain http stays allowed on this machine, in every spelling of it.
    expect(assertSafeUrl('http://[::ffff:127.0.0.1]:9/x', 'http://127.0.0.1:8/mcp').protocol).to.equal('http:');
  });

  it('lets a server on a private network use endpoints on that network, never on this machine', () => {
    const lan = 'https://10.0.0.5/mcp';
    expect(assertSafeUrl('https://192.168.1.9/token', lan).hostname).to.equal('192.168.1.9');
    expect(() => assertSafeUrl('https://127.0.0.1/token', lan)).to.throw(McpAuthError);
    expect(() => assertSafeUrl('not a url', lan, 'token endpoint')).to.throw(
      McpAuthError,
      /token endpoint not a url is not a valid URL/,
    );
  });

  it('tells loopback hosts, in their spellings, from the rest', () => {
    for (const u of [
      'http://localhost/',
      'http://app.localhost/',
      'http://127.8.0.1/',
      'http://[::1]/',
      'http://0.0.0.0/',
    ])
      expect(isLoopback(new URL(u)), u).to.equal(true);
    for (const u of ['http://10.0.0.1/', 'https://example.com/', 'http://localhost.example/'])
      expect(isLoopback(new URL(u)), u).to.equal(false);
  });

  it('accepts resource metadata only for this server or a same-origin path prefix of it', () => {
    expect(resourceCovers('https://a.example/mcp', 'https://a.example/mcp')).to.equal(true);
    expect(resourceCovers('https://a.example/', 'https://a.example/mcp')).to.equal(true);
    expect(resourceCovers('https://a.example/mc', 'https://a.example/mcp')).to.equal(false);
    expect(resourceCovers('https://evil.example/mcp', 'https://a.example/mcp')).to.equal(false);
    expect(resourceCovers('https://a.example/mcp?tenant=x', 'https://a.example/mcp')).to.equal(false);
    expect(resourceCovers('not a url', 'https://a.example/mcp')).to.equal(false);
  });

  it('names a resource by its URL in lower-case scheme and host, without the fragment (RFC 8707)', () => {
    expect(canonicalResource('HTTPS://MCP.Example.com/Path#frag')).to.equal('https://mcp.example.com/Path');
  });
});
