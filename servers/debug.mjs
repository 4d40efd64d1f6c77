// @modelcontextprotocol/server-debug, the official MCP App test server, run unmodified as a child
// process: only PATH and PORT in its environment, bound to 127.0.0.1 by a preload, its log in a temp dir.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listen } from './util.mjs';

const bin = join(dirname(createRequire(import.meta.url).resolve('@modelcontextprotocol/server-debug')), 'index.js');
const preload = fileURLToPath(new URL('./loopback-preload.mjs', import.meta.url));

/** A port free on 127.0.0.1 right now (the child takes a number, not 0). */
async function freePort() {
  const { server, port } = await listen(() => {});
  await new Promise((r) => server.close(r));
  return port;
}

/** @returns {Promise<{url: string, close(): Promise<void>}>} */
export async function startDebugServer() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'mcp-debug-'));
  const child = spawn(process.execPath, ['--import', preload, bin, `--log-file=${join(dir, 'events.log')}`], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server-debug did not start within 20 s')), 20_000);
    child.once('exit', (code) => reject(new Error(`server-debug exited with ${code}`)));
    child.stdout.on('data', (d) => String(d).includes('listening') && (clearTimeout(timer), resolve()));
  });
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        if (child.exitCode !== null) return resolve(rmSync(dir, { recursive: true, force: true }));
        child.once('exit', () => resolve(rmSync(dir, { recursive: true, force: true })));
        child.kill('SIGTERM');
      }),
  };
}
