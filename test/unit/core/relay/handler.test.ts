// The CORS relay's decisions that come before any upstream is contacted (src/relay/index.ts):
// methods, origins, which targets count as upstreams, private addresses. fetch is replaced by a
// spy that fails the test if called; the relay against real upstreams is test/node/relay.test.mjs.
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { expect } from 'chai';
import { createRelay, isPrivateHost, type RelayOptions } from '../../../../src/relay/index.js';

const ORIGIN = 'https://app.example';
let fetched: unknown[];
beforeEach(() => {
  fetched = [];
  mock.method(globalThis, 'fetch', async (input: unknown) => {
    fetched.push(input);
    throw new Error('the relay contacted an upstream');
  });
});
afterEach(() => mock.restoreAll());

/** Asks a relay over `options` for `target`, as a page at `origin` would. */
async function ask(
  options: Partial<RelayOptions>,
  target: string,
  init: { method?: string; origin?: string; headers?: Record<string, string> } = {},
) {
  const relay = createRelay({ upstreams: [], allowOrigins: [ORIGIN], ...options });
  const headers = { ...(init.origin === '' ? {} : { origin: init.origin ?? ORIGIN }), ...init.headers };
  const res = await relay(
    new Request(`https://relay.example/?url=${encodeURIComponent(target)}`, { method: init.method ?? 'GET', headers }),
  );
  return { status: res.status, text: await res.text(), headers: res.headers };
}

describe('the relay, before the upstream', () => {
  it('relays only GET, POST, DELETE and HEAD, and says so to a preflight', async () => {
    const upstreams = ['http://10.0.0.1/mcp'];
    for (const method of ['PUT', 'PATCH']) {
      expect((await ask({ upstreams }, upstreams[0], { method })).status, method).to.equal(405);
      const pre = await ask({ upstreams }, upstreams[0], {
        method: 'OPTIONS',
        headers: { 'access-control-request-method': method },
      });
      expect(pre.status, `preflight for ${method}`).to.equal(405);
      expect(pre.headers.get('access-control-allow-origin'), 'the page can read why').to.equal(ORIGIN);
    }
    expect(fetched).to.deep.equal([]);
  });

  it('with allowOrigins ["*"], answers any page with its own origin, never a wildcard', async () => {
    const pre = await ask({ allowOrigins: ['*'] }, 'https://up.example/mcp', {
      method: 'OPTIONS',
      origin: 'https://other.example',
      headers: { 'access-control-request-method': 'POST' },
    });
    expect(pre.status).to.equal(204);
    expect(pre.headers.get('access-control-allow-origin')).to.equal('https://other.example');
    expect(pre.headers.get('vary')).to.equal('Origin');
    expect(
      (await ask({ allowOrigins: ['*'] }, 'https://up.example/mcp', { origin: '' })).status,
      'no Origin at all',
    ).to.equal(403);
  });

  it('matches an upstream ending in / as a prefix, any other exactly, and a listed query exactly', async () => {
    // Targets on a private address with allowPrivateNetwork off: one that passed the upstream check is refused for its
    // address instead.
    const upstreams = ['http://10.0.0.1/tools/', 'http://10.0.0.1/mcp', 'http://10.0.0.1/q?tenant=a'];
    const verdict = async (target: string) =>
      (await ask({ upstreams }, target)).text.includes('private-network address') ? 'upstream' : 'refused';
    expect(await verdict('http://10.0.0.1/tools/a/b')).to.equal('upstream');
    expect(await verdict('http://10.0.0.1/toolsx')).to.equal('refused');
    expect(await verdict('http://10.0.0.1/mcp?any=query')).to.equal('upstream');
    expect(await verdict('http://10.0.0.1/mcp/')).to.equal('refused');
    expect(await verdict('http://10.0.0.1/q?tenant=a')).to.equal('upstream');
    expect(await verdict('http://10.0.0.1/q?tenant=b')).to.equal('refused');
    expect(await verdict('http://10.0.0.2/mcp')).to.equal('refused');
    expect(fetched).to.deep.equal([]);
  });

  it('lets a page read the OAuth metadata documents of a listed origin, only by GET or HEAD', async () => {
    const upstreams = ['http://10.0.0.1/mcp'];
    const verdict = async (target: string, method = 'GET') =>
      (await ask({ upstreams }, target, { method })).text.includes('private-network address') ? 'upstream' : 'refused';
    for (const doc of ['oauth-protected-resource/mcp', 'oauth-authorization-server', 'openid-configuration'])
      expect(await verdict(`http://10.0.0.1/.well-known/${doc}`), doc).to.equal('upstream');
    expect(await verdict('http://10.0.0.1/.well-known/oauth-authorization-server', 'HEAD')).to.equal('upstream');
    expect(await verdict('http://10.0.0.1/.well-known/oauth-authorization-server', 'DELETE')).to.equal('refused');
    expect(await verdict('http://10.0.0.1/.well-known/security.txt')).to.equal('refused');
    expect(await verdict('http://10.0.0.9/.well-known/openid-configuration'), 'an origin not listed').to.equal(
      'refused',
    );
    expect(fetched).to.deep.equal([]);
  });

  it('tells multicast, benchmarking, IETF and NAT64 addresses from public ones', () => {
    for (const h of [
      '224.0.0.1',
      '255.255.255.255',
      '192.0.0.8',
      '198.18.0.1',
      '198.19.255.1',
      '[ff02::1]',
      '[64:ff9b::a00:1]',
    ])
      expect(isPrivateHost(h), h).to.equal(true);
    for (const h of ['198.20.0.1', '100.128.0.1', '192.1.0.1', 'example.com', '[2001:db8::1]'])
      expect(isPrivateHost(h), h).to.equal(false);
  });
});

describe('the relay never serves a page (issue 27)', () => {
  const upstreams = ['http://10.0.0.1/mcp'];
  /** The verdict on `target` before any upstream: refused with its status, or passed on to the address check. */
  const verdict = async (target: string, init: Parameters<typeof ask>[2] = {}, options: Partial<RelayOptions> = {}) => {
    const res = await ask({ upstreams, ...options }, target, init);
    return res.text.includes('private-network address') ? 'upstream' : res.status;
  };

  it('refuses a navigation (a form posted by another site, a frame, an embed) with 403, whatever the origin', async () => {
    for (const headers of <Record<string, string>[]>[
      { 'sec-fetch-mode': 'navigate' },
      { 'sec-fetch-mode': 'nested-navigate' },
      { 'sec-fetch-dest': 'document' },
      { 'sec-fetch-dest': 'iframe' },
      { 'sec-fetch-dest': 'frame' },
      { 'sec-fetch-dest': 'embed' },
      { 'sec-fetch-dest': 'object' },
    ]) {
      const name = JSON.stringify(headers);
      expect(await verdict(upstreams[0], { method: 'POST', headers }, { allowOrigins: ['*'] }), name).to.equal(403);
      const res = await ask({ upstreams }, upstreams[0], { headers, origin: '' });
      expect(res.status, `${name} without Origin`).to.equal(403);
      expect(res.text, name).to.match(/not a page/);
    }
    // What a page's fetch() sends is relayed.
    expect(await verdict(upstreams[0], { headers: { 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' } })).to.equal(
      'upstream',
    );
    expect(fetched).to.deep.equal([]);
  });

  it('marks every answer of its own nosniff and sandboxed, refusals and preflights included', async () => {
    const answers = [
      await ask({ upstreams }, upstreams[0]),
      await ask({ upstreams }, 'https://elsewhere.example/'),
      await ask({ upstreams }, upstreams[0], { origin: 'https://evil.example' }),
      await ask({ upstreams }, upstreams[0], { headers: { 'sec-fetch-dest': 'document' } }),
      await ask({ upstreams }, upstreams[0], {
        method: 'OPTIONS',
        headers: { 'access-control-request-method': 'POST' },
      }),
      await ask({ upstreams }, upstreams[0], { method: 'PUT' }),
    ];
    for (const res of answers) {
      expect(res.headers.get('x-content-type-options'), String(res.status)).to.equal('nosniff');
      expect(res.headers.get('content-security-policy'), String(res.status)).to.equal("sandbox; default-src 'none'");
    }
  });

  it('refuses encoded slashes, backslashes and dot segments in a target path, in any case', async () => {
    const prefix = ['http://10.0.0.1/api/'];
    for (const target of [
      'http://10.0.0.1/api/..%2fadmin',
      'http://10.0.0.1/api/..%2Fadmin',
      'http://10.0.0.1/api/%2e%2e/admin',
      'http://10.0.0.1/api/%2E%2E/admin',
      'http://10.0.0.1/api/.%2e/admin',
      'http://10.0.0.1/api/a%5cb',
      'http://10.0.0.1/api/a%5Cb',
      'http://10.0.0.1/api/a\\..\\admin',
      'http://10.0.0.1/api/./x',
      'http://10.0.0.1/api/x/../y',
      'http://10.0.0.1/api/x/..',
      'http://10.0.0.1/api/x/.\n./y',
    ])
      expect(await verdict(target, {}, { upstreams: prefix }), JSON.stringify(target)).to.equal(400);
    expect(await verdict('http://10.0.0.1/api/a.b/c..d?q=%2f', {}, { upstreams: prefix })).to.equal('upstream');
    expect(fetched).to.deep.equal([]);
  });

  it("reads only a listed upstream's own OAuth metadata paths under /.well-known/ (RFC 8414, RFC 9728, OIDC)", async () => {
    const listed = ['http://10.0.0.1/mcp', 'http://10.0.0.1/tenant/'];
    const read = (path: string) => verdict(`http://10.0.0.1${path}`, {}, { upstreams: listed });
    for (const path of [
      '/.well-known/oauth-protected-resource',
      '/.well-known/oauth-protected-resource/mcp',
      '/.well-known/oauth-authorization-server',
      '/.well-known/oauth-authorization-server/mcp',
      '/.well-known/openid-configuration',
      '/.well-known/openid-configuration/mcp',
      '/mcp/.well-known/openid-configuration',
      '/.well-known/oauth-authorization-server/tenant',
      '/.well-known/openid-configuration/tenant/a',
      '/.well-known/oauth-protected-resource/tenant/a/mcp',
    ])
      expect(await read(path), path).to.equal('upstream');
    for (const path of [
      '/.well-known/openid-configuration/..%2f..%2fsecret.txt',
      '/.well-known/openid-configuration/secret.txt',
      '/.well-known/oauth-protected-resource/mcpx',
      '/.well-known/oauth-protected-resource/mcp/more',
      '/.well-known/oauth-authorization-server/tenantx',
      '/.well-known/openid-configuration?x=1',
      '/other/.well-known/openid-configuration',
      '/.well-known/security.txt',
    ])
      expect(await read(path), path).to.equal(400);
    expect(fetched).to.deep.equal([]);
  });

  it('allows the DPoP request header in a preflight (RFC 9449)', async () => {
    const pre = await ask({ upstreams }, upstreams[0], {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, dpop' },
    });
    expect(pre.headers.get('access-control-allow-headers')).to.equal('authorization, dpop');
  });

  it('counts IPv6 addresses that carry a private IPv4 address, and old private IPv6 ranges, as private', () => {
    for (const h of [
      '[::a00:1]', // IPv4-compatible ::10.0.0.1, as the URL parser spells it
      '[::7f00:1]',
      '[::ffff:0:a00:1]', // IPv4-translated
      '[::ffff:7f00:1]',
      '::ffff:127.0.0.1', // as DNS answers spell it
      '::127.0.0.1',
      '0:0:0:0:0:ffff:a9fe:a9fe',
      '[64:ff9b::7f00:1]',
      '[64:ff9b:1::1]', // local-use NAT64
      '[2002:a00:1::1]', // 6to4 of 10.0.0.1
      '[fec0::1]', // site-local
      '[::1]',
      '[::]',
      '::',
    ])
      expect(isPrivateHost(h), h).to.equal(true);
    for (const h of ['[64:ff9b::808:808]', '[::ffff:808:808]', '[2002:808:808::1]', '[2606:4700::1111]', '1.1.1.1'])
      expect(isPrivateHost(h), h).to.equal(false);
  });
});
