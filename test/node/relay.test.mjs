// `node --test test/node/`: the CORS relay (dist/relay.js behind dist/relay-node.js) in front of a
// loopback upstream that records what reaches it: what it refuses, what it passes on and what it
// keeps back, that it streams, and what it writes to its log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveRelay } from '../../dist/relay-node.js';
import { isPrivateHost } from '../../dist/relay.js';
import { gzipSync } from 'node:zlib';
import { listen } from '../../servers/util.mjs';

const ORIGIN = 'https://app.example';
/** Every request the upstream saw. */
const seen = [];
let upstream, relay, strictRelay, base;
const logged = [];
/** Lets the held SSE stream go on. */
let release;

before(async () => {
  upstream = await listen((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (req.url.startsWith('/mcp')) {
        res.writeHead(200, {
          'content-type': 'application/json',
          'mcp-session-id': 's-1',
          'set-cookie': 'tracker=1',
          'x-internal': 'upstream-only',
          'dpop-nonce': 'nonce-1',
          connection: 'close',
        });
        res.end('{"jsonrpc":"2.0","id":1,"result":{}}');
      } else if (req.url === '/sse') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(
          'id: 1\ndata: {"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"first"}}\n\n',
        );
        release = () => res.end('id: 2\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n');
      } else if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
      } else if (req.url === '/gz') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync('{"jsonrpc":"2.0","id":1,"result":{"packed":true}}'));
      } else if (req.url === '/page') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<script>parent.postMessage(origin, "*")</script>');
      } else if (req.url === '/slow') {
        /* never answers */
      } else res.writeHead(404).end();
    });
  });
  base = upstream.base;
  const upstreams = [`${base}/mcp`, `${base}/sse`, `${base}/redirect`, `${base}/slow`, `${base}/page`, `${base}/gz`];
  relay = await serveRelay({
    port: 0,
    upstreams,
    allowOrigins: [ORIGIN],
    allowPrivateNetwork: true,
    maxBodyBytes: 1024,
    timeoutMs: 1000,
    log: (l) => logged.push(l),
  });
  strictRelay = await serveRelay({ port: 0, upstreams, allowOrigins: [ORIGIN] });
});
after(async () => {
  await relay?.close();
  await strictRelay?.close();
  upstream?.server.closeAllConnections();
  await new Promise((r) => upstream?.server.close(r));
});

const via = (r, target) => `${r.url}?url=${encodeURIComponent(target)}`;
const post = (target, { headers = {}, body = '{"jsonrpc":"2.0","id":1,"method":"ping"}', r = relay } = {}) =>
  fetch(via(r, target), {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  });

test('answers a preflight from an allowed origin, allowing and exposing the MCP headers (and nothing else), and does not forward it', async () => {
  const before = seen.length;
  const res = await fetch(via(relay, `${base}/mcp`), {
    method: 'OPTIONS',
    headers: {
      origin: ORIGIN,
      'access-control-request-method': 'POST',
      'access-control-request-headers':
        'content-type, authorization, mcp-session-id, mcp-protocol-version, mcp-method, mcp-name, mcp-param-city, last-event-id, x-evil',
      'access-control-request-private-network': 'true',
    },
  });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
  assert.equal(
    res.headers.get('access-control-allow-headers'),
    'content-type, authorization, mcp-session-id, mcp-protocol-version, mcp-method, mcp-name, mcp-param-city, last-event-id',
  );
  assert.match(res.headers.get('access-control-allow-methods'), /POST/);
  assert.equal(res.headers.get('access-control-allow-private-network'), 'true');
  assert.equal(res.headers.get('access-control-allow-credentials'), null);
  assert.equal(seen.length, before, 'the preflight stays at the relay');
});

test("passes the MCP headers and Authorization to the upstream, never Cookie, Origin or the relay's own Proxy-Authorization; answers with CORS and without Set-Cookie", async () => {
  const res = await post(`${base}/mcp`, {
    headers: {
      authorization: 'Bearer for-the-upstream',
      'mcp-session-id': 's-1',
      'mcp-protocol-version': '2025-06-18',
      'mcp-method': 'tools/call',
      'mcp-name': 'weather',
      'mcp-param-city': 'Lisbon',
      cookie: 'session=the-relay-sites-cookie',
      'proxy-authorization': 'Basic cmVsYXk6c2VjcmV0',
      'x-forwarded-for': '203.0.113.9',
      'x-hop': 'not an MCP header',
    },
  });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '{"jsonrpc":"2.0","id":1,"result":{}}');
  assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
  assert.match(res.headers.get('access-control-expose-headers'), /Mcp-Session-Id/);
  assert.match(res.headers.get('access-control-expose-headers'), /WWW-Authenticate/);
  assert.equal(res.headers.get('mcp-session-id'), 's-1');
  assert.equal(res.headers.get('set-cookie'), null);
  assert.equal(res.headers.get('x-internal'), null);
  const got = seen.at(-1);
  assert.equal(got.body, '{"jsonrpc":"2.0","id":1,"method":"ping"}');
  assert.equal(got.headers.authorization, 'Bearer for-the-upstream');
  for (const h of ['mcp-session-id', 'mcp-protocol-version', 'mcp-method', 'mcp-name', 'mcp-param-city'])
    assert.ok(got.headers[h], `${h} forwarded`);
  for (const h of ['cookie', 'proxy-authorization', 'origin', 'x-forwarded-for', 'x-hop'])
    assert.equal(got.headers[h], undefined, `${h} not forwarded`);
});

test('refuses a disallowed origin, and a request without one, before reaching the upstream', async () => {
  const before = seen.length;
  const pre = await fetch(via(relay, `${base}/mcp`), {
    method: 'OPTIONS',
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
  });
  assert.equal(pre.status, 403);
  assert.equal(pre.headers.get('access-control-allow-origin'), null);
  const res = await post(`${base}/mcp`, { headers: { origin: 'https://evil.example' } });
  assert.equal(res.status, 403);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
  const none = await fetch(via(relay, `${base}/mcp`), { method: 'POST', body: '{}' });
  assert.equal(none.status, 403);
  assert.equal(seen.length, before);
});

test('is no open proxy: an upstream not on the list, a look-alike path or a URL with credentials is refused and never contacted', async () => {
  const before = seen.length;
  for (const target of [
    `${base}/admin`,
    `${base}/mcpx`,
    `${base}/mcp/../admin`,
    `http://127.0.0.2:${upstream.port}/mcp`,
    `http://user:pw@127.0.0.1:${upstream.port}/mcp`,
    'file:///etc/passwd',
  ]) {
    const res = await post(target);
    assert.equal(res.status, 400, target);
    assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN, 'the page can read why');
  }
  const bare = await fetch(relay.url, { headers: { origin: ORIGIN } });
  assert.equal(bare.status, 400);
  assert.match(await bare.text(), /\?url=/);
  assert.equal(seen.length, before);
});

test('refuses a private-network upstream unless allowPrivateNetwork is on, even when it is on the list', async () => {
  const before = seen.length;
  const res = await post(`${base}/mcp`, { r: strictRelay });
  assert.equal(res.status, 400);
  assert.match(await res.text(), /private-network address/);
  assert.equal(seen.length, before);
});

test('tells private, loopback, link-local and shared addresses from public ones (as URLs spell them)', () => {
  const host = (u) => new URL(u).hostname;
  for (const u of [
    'http://10.1.2.3/',
    'http://172.20.0.1/',
    'http://192.168.0.10/',
    'http://169.254.169.254/',
    'http://100.64.0.1/',
    'http://127.0.0.1/',
    'http://0x7f.1/',
    'http://2130706433/',
    'http://0.0.0.0/',
    'http://localhost/',
    'http://api.localhost./',
    'http://[::1]/',
    'http://[fd12::1]/',
    'http://[fe80::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:10.0.0.1]/',
    'http://[::]/',
  ]) {
    assert.equal(isPrivateHost(host(u)), true, u);
  }
  for (const u of [
    'https://example.com/',
    'http://8.8.8.8/',
    'http://172.32.0.1/',
    'http://[2606:4700::1111]/',
    'http://192.169.0.1/',
  ])
    assert.equal(isPrivateHost(host(u)), false, u);
});

test('refuses a body over the cap, whether announced or streamed, without contacting the upstream', async () => {
  const before = seen.length;
  const announced = await post(`${base}/mcp`, { body: 'x'.repeat(2000) });
  assert.equal(announced.status, 413);
  const chunks = new ReadableStream({
    start(c) {
      for (let i = 0; i < 4; i++) c.enqueue(new TextEncoder().encode('y'.repeat(400)));
      c.close();
    },
  });
  const streamed = await post(`${base}/mcp`, { body: chunks });
  assert.equal(streamed.status, 413);
  assert.equal(seen.length, before);
  const fits = await post(`${base}/mcp`, {
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'z'.repeat(900) } }),
  });
  assert.equal(fits.status, 200);
});

test('streams an SSE answer through as it comes: the first event arrives while the upstream still holds the stream open', async () => {
  const res = await fetch(via(relay, `${base}/sse`), {
    headers: { origin: ORIGIN, accept: 'text/event-stream', 'last-event-id': '0' },
  });
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  const reader = res.body.getReader();
  const first = new TextDecoder().decode((await reader.read()).value);
  assert.match(first, /"first"/);
  assert.equal(seen.at(-1).headers['last-event-id'], '0');
  release();
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    rest += new TextDecoder().decode(value);
  }
  assert.match(rest, /id: 2/);
});

test('gives up on a request body that trickles in (408) without contacting the upstream', async () => {
  const before = seen.length;
  let stop;
  const trickle = new ReadableStream({
    start(c) {
      c.enqueue(new TextEncoder().encode('{"jsonrpc":'));
      stop = () => c.close();
    },
  });
  const res = await post(`${base}/mcp`, { body: trickle });
  stop();
  assert.equal(res.status, 408);
  assert.equal(seen.length, before);
});

test('gives up on an upstream that does not answer in time (504) and does not pass on a redirect (502)', async () => {
  const slow = await post(`${base}/slow`);
  assert.equal(slow.status, 504);
  const moved = await post(`${base}/redirect`);
  assert.equal(moved.status, 502);
  assert.equal(moved.headers.get('location'), null);
  assert.match(await moved.text(), /redirect/);
});

test('logs one line per request with the target origin and path only: no token, query or body', async () => {
  const marker = logged.length;
  await post(`${base}/mcp?key=query-secret`, {
    headers: { authorization: 'Bearer log-secret' },
    body: '{"jsonrpc":"2.0","id":1,"method":"ping","params":{"p":"body-secret"}}',
  });
  const lines = logged.slice(marker);
  assert.deepEqual(lines, [`POST ${base}/mcp 200`]);
  assert.doesNotMatch(logged.join('\n'), /secret|Bearer/);
});

test('passes DPoP to the upstream and its DPoP-Nonce back, exposed to the page (RFC 9449)', async () => {
  const res = await post(`${base}/mcp`, { headers: { authorization: 'DPoP tok', dpop: 'proof.jwt' } });
  assert.equal(res.status, 200);
  assert.equal(seen.at(-1).headers.dpop, 'proof.jwt');
  assert.equal(res.headers.get('dpop-nonce'), 'nonce-1');
  assert.match(res.headers.get('access-control-expose-headers'), /DPoP-Nonce/);
});

test("never hands on an upstream's page as a page: HTML goes out as an attachment of bytes, nosniff, sandboxed; JSON and SSE keep their type", async () => {
  const page = await fetch(via(relay, `${base}/page`), { headers: { origin: ORIGIN } });
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('content-type'), 'application/octet-stream');
  assert.equal(page.headers.get('content-disposition'), 'attachment');
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(page.headers.get('content-security-policy'), "sandbox; default-src 'none'");
  const json = await post(`${base}/mcp`);
  assert.equal(json.headers.get('content-type'), 'application/json');
  assert.equal(json.headers.get('content-disposition'), null);
  assert.equal(json.headers.get('x-content-type-options'), 'nosniff');
  await json.text();
  await page.text();
});

/**
 * A stand-in for DNS (no real name resolves to loopback here but localhost, which the relay refuses by name): answers
 * `mcp.test` with the addresses `answers` gives for each call, and counts the calls.
 */
function testResolver(answers) {
  const calls = [];
  const lookup = (hostname, options, callback) => {
    if (typeof options === 'function') [callback, options] = [options, {}];
    if (hostname !== 'mcp.test')
      return callback(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    const all = answers(calls.push(hostname)).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (options?.all) callback(null, all);
    else callback(null, all[0].address, all[0].family);
  };
  return { lookup, calls };
}

test('relay-node resolves a listed name, refuses it when any address is private, and connects to the address it checked (a test resolver stands in for DNS)', async (t) => {
  const named = `http://mcp.test:${upstream.port}/mcp`;
  const start = async (answers, extra = {}) => {
    const resolver = testResolver(answers);
    const r = await serveRelay({
      port: 0,
      upstreams: [named],
      allowOrigins: [ORIGIN],
      timeoutMs: 1000,
      lookup: resolver.lookup,
      ...extra,
    });
    t.after(() => r.close());
    return { r, calls: resolver.calls };
  };
  const before = seen.length;
  // Loopback behind a name, alone or beside a public address.
  for (const answers of [() => ['127.0.0.1'], () => ['203.0.113.7', '127.0.0.1'], () => ['::ffff:127.0.0.1']]) {
    const { r } = await start(answers);
    const res = await post(named, { r });
    assert.equal(res.status, 400, answers().join(', '));
    assert.match(await res.text(), /mcp\.test resolves to a private-network address/);
  }
  assert.equal(seen.length, before, 'the upstream was never contacted');
  // DNS rebinding: public when checked, loopback a moment later. The connection goes to the checked address.
  const { r: rebound, calls } = await start((n) => (n === 1 ? ['203.0.113.7'] : ['127.0.0.1']));
  const res = await post(named, { r: rebound });
  assert.ok(res.status === 502 || res.status === 504, `not relayed: ${res.status}`);
  assert.equal(calls.length, 1, 'resolved once, for the connection itself');
  assert.equal(seen.length, before, 'the upstream behind the rebound name was never contacted');
  // With allowPrivateNetwork the name is resolved the same way and reaches the upstream.
  const { r: open } = await start(() => ['127.0.0.1'], { allowPrivateNetwork: true });
  const ok = await post(named, { r: open });
  assert.equal(ok.status, 200);
  assert.equal(seen.at(-1).headers.host, `mcp.test:${upstream.port}`, 'the Host header keeps the name');
});

test('hands on a body the upstream compressed although it was not asked to, decoded', async () => {
  const res = await post(`${base}/gz`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-encoding'), null);
  assert.deepEqual(JSON.parse(await res.text()).result, { packed: true });
  assert.equal(seen.at(-1).headers['accept-encoding'], 'identity');
});
