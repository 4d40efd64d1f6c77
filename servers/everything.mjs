// Runs the unmodified @modelcontextprotocol/server-everything as a child process (plain `node`, not npx,
// so close() kills the real server) in streamableHttp or sse mode on a free port: on 127.0.0.1 only,
// with PATH and PORT as its whole environment (its get-env tool prints it), and its server-side
// fetch (gzip-file-as-resource) limited to this machine.
import { createRequire } from 'node:module';
import path from 'node:path';
import net from 'node:net';
import { spawnLoopback } from './util.mjs';

const require = createRequire(import.meta.url);
const BIN = path.join(
  path.dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')),
  'dist/index.js',
);

/** Asks the OS for a free TCP port. */
export async function freePort() {
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

/**
 * @param {{mode?: 'streamableHttp'|'sse', port?: number}} opts
 * @returns {Promise<{url: string, close(): Promise<void>}>} url: http://127.0.0.1:P/mcp or http://127.0.0.1:P/sse
 */
export async function startEverything({ mode = 'streamableHttp', port } = {}) {
  port ??= await freePort();
  const child = spawnLoopback(BIN, [mode], { env: { PORT: String(port), GZIP_ALLOWED_DOMAINS: '127.0.0.1' } });
  let stderr = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('timed out')), 15000);
    const fail = (e) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`server-everything ${mode} did not start: ${e.message}\n${stderr}`));
    };
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`exited with ${code}`)));
    child.stderr.on('data', function onData(chunk) {
      stderr += chunk;
      if (/listening on port|running on port/i.test(stderr)) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stderr.off('data', onData).resume(); // keep draining its logs
        resolve();
      }
    });
  });
  const killOnExit = () => child.kill();
  process.once('exit', killOnExit); // never leave the server behind
  return {
    url: `http://127.0.0.1:${port}/${mode === 'sse' ? 'sse' : 'mcp'}`,
    async close() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
    },
  };
}
