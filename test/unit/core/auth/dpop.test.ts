// DPoP proofs (src/core/auth/dpop.ts): what RFC 9449 §4.2 asks of a proof, checked with jose (an
// implementation we did not write), htu normalisation, ath, and the one retry a nonce challenge gets,
// against a real node:http server on loopback.
import { describe, it, before, after } from 'node:test';
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { calculateJwkThumbprint, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { Dpop, ath, generateKeys, htu, keysFor, proof } from '../../../../src/core/auth/dpop.js';
import { dpopKey } from '../../../../src/core/auth/keys.js';
import { memoryStore } from '../../../../src/core/kv/store.js';

/** Verifies a proof as a server would: its own header key, ES256, typ dpop+jwt. */
async function verify(jwt: string) {
  const header = decodeProtectedHeader(jwt);
  const { payload } = await jwtVerify(jwt, await importJWK(header.jwk as JWK, 'ES256'), { typ: 'dpop+jwt' });
  return { header, payload };
}

describe('DPoP proofs', () => {
  it('builds a proof a JOSE library verifies: typ, ES256, public JWK only, htm, htu, iat, fresh jti', async () => {
    const keys = await generateKeys();
    const first = await proof(keys, { htm: 'POST', htu: 'https://as.example/token' });
    const second = await proof(keys, { htm: 'POST', htu: 'https://as.example/token' });
    const { header, payload } = await verify(first);
    expect(header).to.include({ typ: 'dpop+jwt', alg: 'ES256' });
    expect(Object.keys(header.jwk as JWK).sort()).to.deep.equal(['crv', 'kty', 'x', 'y']); // never `d`
    expect(payload).to.include({ htm: 'POST', htu: 'https://as.example/token' });
    expect(Math.abs((payload.iat as number) - Date.now() / 1000)).to.be.below(5);
    expect(payload.jti)
      .to.be.a('string')
      .and.not.equal((await verify(second)).payload.jti);
    expect(payload).to.not.have.property('ath');
  });

  it('keeps the private key non-extractable, and the same key per authorization server in the store', async () => {
    const store = memoryStore();
    const keys = await keysFor(store, 'https://as.example');
    expect(keys.privateKey.extractable).to.equal(false);
    await crypto.subtle.exportKey('jwk', keys.privateKey).then(
      () => expect.fail('the private key was exported'),
      // InvalidAccessError in browsers, InvalidAccessException in Node.
      (e) => expect(e.name).to.match(/^InvalidAccess/),
    );
    expect(await store.keys('mcp-auth-dpop:')).to.deep.equal([dpopKey('https://as.example')]);
    const again = await keysFor(store, 'https://as.example');
    const jkt = async (k: CryptoKeyPair) => calculateJwkThumbprint(await crypto.subtle.exportKey('jwk', k.publicKey));
    expect(await jkt(again)).to.equal(await jkt(keys));
    expect(await jkt(await keysFor(store, 'https://other.example'))).to.not.equal(await jkt(keys));
  });

  it('normalises htu: no query or fragment, scheme and host lower case, default port dropped', () => {
    expect(htu('HTTPS://MCP.Example.com:443/mcp?x=1#frag')).to.equal('https://mcp.example.com/mcp');
    expect(htu('http://127.0.0.1:8080/a/b/')).to.equal('http://127.0.0.1:8080/a/b/');
  });

  it('computes ath as the base64url SHA-256 of the access token (RFC 9449 §4.2 example)', async () => {
    expect(await ath('Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU')).to.equal(
      'fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo',
    );
  });
});

describe('DPoP over HTTP', () => {
  let server: Server;
  let base: string;
  const seen: { path: string; dpop?: string; authorization?: string }[] = [];
  before(async () => {
    // A token endpoint and a resource that each want a nonce, as RFC 9449 §8 and §9 describe.
    server = createServer((req, res) => {
      const dpop = req.headers.dpop as string | undefined;
      seen.push({ path: req.url!, dpop, authorization: req.headers.authorization });
      const nonce = dpop ? JSON.parse(Buffer.from(dpop.split('.')[1], 'base64url').toString()).nonce : undefined;
      req.resume();
      if (req.url === '/token' && nonce !== 'as-nonce')
        return res
          .writeHead(400, { 'dpop-nonce': 'as-nonce', 'content-type': 'application/json' })
          .end('{"error":"use_dpop_nonce"}');
      if (req.url!.startsWith('/mcp') && nonce !== 'rs-nonce')
        return res
          .writeHead(401, { 'dpop-nonce': 'rs-nonce', 'www-authenticate': 'DPoP error="use_dpop_nonce"' })
          .end();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => new Promise((r) => server.close(r)));

  it('signs token requests and requests with the token, answers each nonce challenge once, leaves others alone', async () => {
    const keys = await generateKeys();
    const dpop = new Dpop('https://as.example', keys, `${base}/token`);
    const toAs = dpop.fetch(fetch);
    const withToken = dpop.fetch(fetch, 'tok');
    expect((await toAs(`${base}/token`, { method: 'POST', body: 'grant_type=x' })).status).to.equal(200);
    expect((await withToken(`${base}/mcp?q=1`, { method: 'POST' })).status).to.equal(200);
    await toAs(`${base}/other`, { method: 'POST' });
    expect(seen.map((s) => s.path)).to.deep.equal(['/token', '/token', '/mcp?q=1', '/mcp?q=1', '/other']);
    const claims = await Promise.all(seen.slice(0, 4).map(async (s) => (await verify(s.dpop!)).payload));
    // Nonces are kept per origin; here one server plays both parts, so the resource first gets the AS's.
    expect(claims.map((c) => c.nonce)).to.deep.equal([undefined, 'as-nonce', 'as-nonce', 'rs-nonce']);
    expect(claims[1])
      .to.include({ htm: 'POST', htu: `${base}/token` })
      .and.not.have.property('ath');
    expect(claims[3]).to.include({ htm: 'POST', htu: `${base}/mcp`, ath: await ath('tok') });
    expect(seen[4].dpop).to.equal(undefined); // no token, not the token endpoint: no proof
    // The nonce is kept: the next request to the resource needs no second try.
    seen.length = 0;
    await withToken(`${base}/mcp`, { method: 'GET' });
    expect(seen).to.have.length(1);
    expect((await verify(seen[0].dpop!)).payload).to.include({ htm: 'GET', nonce: 'rs-nonce' });
  });
});
