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
