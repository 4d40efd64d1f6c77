// Starts the CORS relay (dist/relay.js, built, unchanged) in a real runtime for tests: Node through
// the `mcp-web-components relay` command, Cloudflare's workerd, or Deno, each from its npm package,
// on 127.0.0.1 with PATH (and what the runtime itself needs) as its whole environment. Also starts
// @playwright/mcp over HTTP, a popular server that sends no CORS.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './everything.mjs';
import { spawnLoopback } from './util.mjs';

const require = createRequire(import.meta.url);
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const PATH_ONLY = { PATH: process.env.PATH ?? '/usr/bin:/bin' };

/** Runs `child` until close(), collecting its output lines; resolves once `ready()` says so. */
async function supervise(child, name, ready) {
  const lines = [];
  let text = '';
  const take = (chunk) => {
    text += chunk;
    const parts = text.split('\n');
    text = parts.pop();
    lines.push(...parts);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise((r) => child.once('exit', r));
  try {
    await Promise.race([
      ready(),
      exited.then((code) => Promise.reject(new Error(`${name} exited with ${code}`))),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`${name} did not start in 20 s`)), 20_000).unref()),
    ]);
  } catch (e) {
    child.kill('SIGKILL');
    process.off('exit', killOnExit);
    throw new Error(`${e.message}\n${[...lines, text].join('\n')}`);
  }
  return {
    lines,
    async close() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Waits until something answers HTTP on 127.0.0.1:port (the runtimes print no common "listening" line). */
async function answers(port) {
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The worker module every non-Node runtime runs: the relay's options from a JSON string, the handler as `fetch`. */
const workerModule = (options) => `import { createRelay } from './relay.js';
const relay = createRelay({ ...${JSON.stringify(options)}, log: (line) => console.log('relay: ' + line) });
export default { fetch: (request) => relay(request) };
`;

/**
 * @typedef {{runtime: 'node'|'workerd'|'deno', upstreams: string[], allowOrigins: string[],
 *   allowPrivateNetwork?: boolean, maxStreamMs?: number, maxBodyBytes?: number}} RelayOptions
 * @typedef {{url: string, lines: string[], close(): Promise<void>}} RunningRelay `lines`: what the relay logged,
 *   one line per request
 * @param {RelayOptions} o
 * @returns {Promise<RunningRelay>}
 */
export async function startRelay({ runtime, ...options }) {
  const port = await freePort();
  if (runtime === 'node') {
    const args = [
      'relay',
      '--port',
      String(port),
      ...options.upstreams.flatMap((u) => ['--upstream', u]),
      ...options.allowOrigins.flatMap((o) => ['--allow-origin', o]),
    ];
    if (options.allowPrivateNetwork) args.push('--allow-private-network');
    if (options.maxStreamMs) args.push('--max-stream-ms', String(options.maxStreamMs));
    if (options.maxBodyBytes) args.push('--max-body-bytes', String(options.maxBodyBytes));
    const child = spawnLoopback(path.join(DIST, 'cli.js'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const run = await supervise(child, 'the Node relay', () => answers(port));
    return { url: `http://127.0.0.1:${port}/`, ...run };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), `mcp-relay-${runtime}-`));
  copyFileSync(path.join(DIST, 'relay.js'), path.join(dir, 'relay.js'));
  writeFileSync(path.join(dir, 'worker.js'), workerModule(options));
  let child;
  if (runtime === 'workerd') {
    // The runtime's own network service refuses private addresses unless told: the relay's allowPrivateNetwork is what
    // is tested.
    writeFileSync(
      path.join(dir, 'config.capnp'),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .relay),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const relay :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js"), (name = "relay.js", esModule = embed "relay.js")],
  compatibilityDate = "2025-09-01",
);
`,
    );
    const { default: workerd } = await import('workerd');
    const bin = typeof workerd === 'string' ? workerd : workerd.default;
    child = spawn(bin, ['serve', path.join(dir, 'config.capnp'), '--verbose'], {
      env: PATH_ONLY,
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: dir,
    });
  } else if (runtime === 'deno') {
    writeFileSync(
      path.join(dir, 'main.js'),
      `import worker from './worker.js';\nDeno.serve({ hostname: '127.0.0.1', port: ${port}, onListen() { console.log('listening'); } }, worker.fetch);\n`,
    );
    const bin = require('deno/install_api.cjs').runInstall();
    child = spawn(
      bin,
      ['run', '--quiet', '--no-prompt', '--allow-net=127.0.0.1', `--allow-read=${dir}`, path.join(dir, 'main.js')],
      {
        env: { ...PATH_ONLY, DENO_DIR: path.join(dir, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        cwd: dir,
      },
    );
  } else {
    throw new Error(`unknown runtime ${runtime}`);
  }
  const run = await supervise(child, runtime, () => answers(port));
  return {
    url: `http://127.0.0.1:${port}/`,
    lines: run.lines,
    close: () => run.close().finally(() => rmSync(dir, { recursive: true, force: true })),
  };
}

/**
 * Playwright's MCP server (`@playwright/mcp`) over Streamable HTTP on 127.0.0.1 (no CORS at all), driving Debian's
 * Chromium headless when a tool needs a browser.
 */
export async function startPlaywrightMcp() {
  const port = await freePort();
  const cli = path.join(path.dirname(require.resolve('@playwright/mcp/package.json')), 'cli.js');
  const home = mkdtempSync(path.join(os.tmpdir(), 'mcp-playwright-'));
  const child = spawnLoopback(
    cli,
    [
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--allowed-hosts',
      `127.0.0.1:${port}`,
      '--headless',
      '--isolated',
      '--browser',
      'chromium',
      '--executable-path',
      process.env.CHROME_PATH ?? '/usr/bin/chromium',
      '--no-sandbox',
    ],
    { env: { HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  for (const s of [child.stdout, child.stderr]) s.on('data', (c) => (out += c));
  const run = await supervise(child, '@playwright/mcp', async () => {
    while (!/Listening on/.test(out)) await new Promise((r) => setTimeout(r, 50));
  });
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: () => run.close().finally(() => rmSync(home, { recursive: true, force: true })),
  };
}
