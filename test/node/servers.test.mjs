// `node --test test/node/`: checks, from Node, that the servers we start as processes are reachable
// on loopback only and see no environment we did not give them (servers/util.mjs spawnLoopback).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { startDebugServer } from '../../servers/debug.mjs';
import { startEverything } from '../../servers/everything.mjs';
import { startPlaywrightMcp, startRelay } from '../../servers/relay.mjs';

/** Local addresses of the sockets listening on `port`, from /proc/net/tcp{,6} (hex, as the kernel writes them). */
function listeningOn(port) {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f[3] === '0A' && f[1]?.endsWith(`:${hexPort}`))
      .map((f) => f[1].split(':')[0]),
  );
}

const connects = (host, port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

/** One socket listens on `port`, on 127.0.0.1: connecting there works, on any outside address of this machine not. */
async function assertLoopbackOnly(port) {
  assert.deepEqual(listeningOn(port), ['0100007F'], 'one listening socket, on 127.0.0.1');
  const outside = Object.values(os.networkInterfaces())
    .flat()
    .filter((i) => !i.internal)
    .map((i) => i.address.split('%')[0]);
  for (const address of outside) assert.equal(await connects(address, port), false, `answers on ${address}`);
  assert.equal(await connects('127.0.0.1', port), true);
}

/** Calls one tool of a stateless-enough Streamable HTTP server: initialize, then tools/call in the session. */
async function callTool(url, name) {
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  const post = (body, extra = {}) =>
    fetch(url, { method: 'POST', headers: { ...headers, ...extra }, body: JSON.stringify(body) });
  const init = await post({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'node-test', version: '0' } },
  });
  const session = init.headers.get('mcp-session-id');
  await init.text();
  const s = { 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' };
  await (await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, s)).text();
  const text = await (
    await post({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name, arguments: {} } }, s)
  ).text();
  const data =
    text
      .split('\n')
      .filter((l) => l.startsWith('data:'))
      .map((l) => JSON.parse(l.slice(5)))
      .find((m) => m.id === 2) ?? JSON.parse(text);
  return data.result.content[0].text;
}

test('server-everything listens on 127.0.0.1 only and its get-env shows only what we passed', async (t) => {
  process.env.MCP_WEB_COMPONENTS_CANARY = 'must-not-leak';
  const everything = await startEverything({ mode: 'streamableHttp' });
  t.after(() => everything.close());
  const port = Number(new URL(everything.url).port);

  await assertLoopbackOnly(port);

  const env = JSON.parse(await callTool(everything.url, 'get-env'));
  assert.deepEqual(Object.keys(env).sort(), ['GZIP_ALLOWED_DOMAINS', 'PATH', 'PORT']);
  assert.equal(JSON.stringify(env).includes('must-not-leak'), false);
});

// server-debug warns "binding to 0.0.0.0" (it asks for every interface); the preload binds it to 127.0.0.1 regardless.
test('server-debug listens on 127.0.0.1 only, whatever host it asks for', async (t) => {
  const debug = await startDebugServer();
  t.after(() => debug.close());
  const port = Number(new URL(debug.url).port);
  await assertLoopbackOnly(port);
});

test('the relay in workerd, Deno and the Node command, and @playwright/mcp, listen on 127.0.0.1 only', async (t) => {
  const started = [
    ...(await Promise.all(
      ['workerd', 'deno', 'node'].map((runtime) =>
        startRelay({ runtime, upstreams: ['http://127.0.0.1:9/mcp'], allowOrigins: ['https://app.example'] }),
      ),
    )),
    await startPlaywrightMcp(),
  ];
  t.after(() => Promise.all(started.map((s) => s.close())));
  for (const { url } of started) {
    const port = Number(new URL(url).port);
    assert.deepEqual([...new Set(listeningOn(port))], ['0100007F'], `${url}: listening on 127.0.0.1 only`);
  }
});
