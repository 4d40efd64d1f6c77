// `node --test test/node/`: the same built relay (dist/relay.js, unchanged) in real runtimes from
// their npm packages (Cloudflare's workerd, Deno, and Node through the `mcp-web-components relay`
// command) in front of the unmodified server-everything, with our headless client (dist/client.js):
// it connects, a call reports progress, and the relay ends the call's SSE stream midway (its
// maxStreamMs) so the client resumes it with Last-Event-ID through the relay.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { McpClient } from '../../dist/client.js';
import { startEverything } from '../../servers/everything.mjs';
import { startRelay } from '../../servers/relay.mjs';
import { listen } from '../../servers/util.mjs';

const ORIGIN = 'https://app.example';
let everything;
before(async () => {
  everything = await startEverything({ mode: 'streamableHttp' });
});
after(() => everything?.close());

for (const runtime of ['workerd', 'deno', 'node']) {
  test(`the relay in ${runtime}: connect, a call with progress, its SSE stream cut by the relay and resumed through it`, async (t) => {
    const relay = await startRelay({
      runtime,
      upstreams: [everything.url],
      allowOrigins: [ORIGIN],
      allowPrivateNetwork: true,
      maxStreamMs: 1200,
    });
    t.after(() => relay.close());
    // Node's fetch sends no Origin: this one does, as a browser would, and notes the CORS answer to each request.
    const allowed = [];
    const client = new McpClient({
      url: everything.url,
      relay: relay.url,
      fetch: async (u, init) => {
        const res = await fetch(u, { ...init, headers: { ...init?.headers, origin: ORIGIN } });
        allowed.push(res.headers.get('access-control-allow-origin'));
        return res;
      },
    });
    t.after(() => client.close());
    await client.connect();
    assert.equal(client.serverInfo?.name, 'mcp-servers/everything');

    const progress = [];
    const result = await client.callTool(
      'trigger-long-running-operation',
      { duration: 3, steps: 3 },
      { onProgress: (p) => progress.push(p.progress) },
    );
    assert.deepEqual(progress, [1, 2, 3], 'every progress step arrives once');
    assert.match(result.content[0].text, /Long running operation completed/);
    const resumed = relay.lines.filter((l) => /GET \S+\/mcp 200 resumed$/.test(l));
    assert.ok(
      resumed.length > 0,
      `the stream was resumed with Last-Event-ID through the relay:\n${relay.lines.join('\n')}`,
    );
    assert.ok(allowed.length > 3 && allowed.every((a) => a === ORIGIN), `every answer allowed ${ORIGIN}: ${allowed}`);
  });
}

test('the relay in workerd in front of a 2024-11-05 HTTP+SSE server: the long-lived GET stream and the POST endpoint it names', async (t) => {
  const sse = await startEverything({ mode: 'sse' });
  t.after(() => sse.close());
  // The endpoint (/message?sessionId=…) is another path on the same origin: the origin is listed as a prefix.
  const relay = await startRelay({
    runtime: 'workerd',
    upstreams: [`${new URL(sse.url).origin}/`],
    allowOrigins: [ORIGIN],
    allowPrivateNetwork: true,
  });
  t.after(() => relay.close());
  const client = new McpClient({
    url: sse.url,
    relay: relay.url,
    fetch: (u, init) => fetch(u, { ...init, headers: { ...init?.headers, origin: ORIGIN } }),
  });
  t.after(() => client.close());
  await client.connect();
  assert.equal(client.era, 'sse');
  const result = await client.callTool('echo', { message: 'through workerd' });
  assert.equal(result.content[0].text, 'Echo: through workerd');
  assert.ok(
    relay.lines.some((l) => /POST \S+\/message 20\d$/.test(l)),
    relay.lines.join('\n'),
  );
});

/**
 * A hostile upstream: its MCP URL answers a page whose script would run on the relay's origin, and, like a server that
 * decodes `%2F` before routing, it serves /secret.txt for any path that decodes to it. Records every request.
 */
async function hostileUpstream() {
  const seen = [];
  const up = await listen((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const decoded = path.posix.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (decoded === '/secret.txt') res.writeHead(200, { 'content-type': 'text/plain' }).end('the secret');
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<script>fetch("/steal?" + document.cookie)</script>');
  });
  return { ...up, seen, close: () => (up.server.closeAllConnections(), new Promise((r) => up.server.close(r))) };
}

for (const runtime of ['workerd', 'deno', 'node']) {
  test(`the relay in ${runtime} never serves a page: navigations refused, an upstream's HTML handed over as bytes, no %2F way out of the listed paths`, async (t) => {
    const up = await hostileUpstream();
    t.after(() => up.close());
    const relay = await startRelay({
      runtime,
      upstreams: [`${up.base}/mcp`],
      allowOrigins: ['*'],
      allowPrivateNetwork: true,
    });
    t.after(() => relay.close());
    const via = (target) => `${relay.url}?url=${encodeURIComponent(target)}`;
    // Another site's page auto-submits a form to the relay, or frames it: what a browser sends for those.
    const navigations = [
      { method: 'POST', body: 'a=1', mode: 'navigate', dest: 'document' },
      { method: 'GET', mode: 'navigate', dest: 'iframe' },
      { method: 'GET', mode: 'no-cors', dest: 'embed' },
    ];
    for (const { method, body, mode, dest } of navigations) {
      const res = await fetch(via(`${up.base}/mcp`), {
        method,
        body,
        headers: {
          origin: 'https://evil.example',
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-mode': mode,
          'sec-fetch-dest': dest,
          'sec-fetch-site': 'cross-site',
        },
      });
      assert.equal(res.status, 403, `${method} ${dest}`);
      assert.match(await res.text(), /not a page/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('content-security-policy'), "sandbox; default-src 'none'");
    }
    assert.deepEqual(up.seen, [], 'no navigation reached the upstream');

    // A page's own fetch() gets the upstream's answer, but never as a page.
    const fetched = await fetch(via(`${up.base}/mcp`), {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' },
      body: '{}',
    });
    assert.equal(fetched.status, 200);
    assert.equal(fetched.headers.get('content-type'), 'application/octet-stream');
    assert.equal(fetched.headers.get('content-disposition'), 'attachment');
    assert.equal(fetched.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(fetched.headers.get('content-security-policy'), "sandbox; default-src 'none'");
    await fetched.text();

    // The well-known passthrough and encoded separators: the upstream would serve the secret if asked.
    const before = up.seen.length;
    for (const target of [
      `${up.base}/.well-known/openid-configuration/..%2f..%2fsecret.txt`,
      `${up.base}/.well-known/openid-configuration/..%2F..%2Fsecret.txt`,
      `${up.base}/mcp/..%2f..%2fsecret.txt`,
    ]) {
      const res = await fetch(via(target), { headers: { origin: 'https://app.example' } });
      const text = await res.text();
      assert.equal(res.status, 400, target);
      assert.doesNotMatch(text, /the secret/);
    }
    assert.equal(up.seen.length, before, `the upstream was not contacted: ${up.seen.slice(before)}`);
  });
}
