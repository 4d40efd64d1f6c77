// `node --test test/node/`: the same built relay (dist/relay.js, unchanged) in real runtimes from
// their npm packages (Cloudflare's workerd, Deno, and Node through the `mcp-web-components relay`
// command) in front of the unmodified server-everything, with our headless client (dist/client.js):
// it connects, a call reports progress, and the relay ends the call's SSE stream midway (its
// maxStreamMs) so the client resumes it with Last-Event-ID through the relay.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { McpClient } from '../../dist/client.js';
import { startEverything } from '../../servers/everything.mjs';
import { startRelay } from '../../servers/relay.mjs';

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
