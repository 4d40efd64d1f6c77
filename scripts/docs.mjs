// `npm run docs`: the documentation site with live examples, as `npm start` is the demo page. Builds dist/ and
// custom-elements.json when missing (`--build` rebuilds them), writes the API reference (docs/api/; `--no-api`
// keeps one already there), starts the demo servers (demo/servers.mjs, the ones `npm start` runs) and
// VitePress's dev server on 127.0.0.1, which serves their URLs at `${base}demo-servers.json` (see the plugin in
// docs/.vitepress/config.mts), and prints the site's URL. Ctrl-C stops all.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServers } from '../demo/servers.mjs';
import { buildApiDocs } from './docs-api.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rebuild = process.argv.includes('--build');

function run(command, args) {
  console.log(`> ${[command, ...args].join(' ')}`);
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
if (rebuild || !existsSync(path.join(ROOT, 'dist', 'mcp-web-components.js'))) run(bin('rollup'), ['-c', '--silent']);
if (rebuild || !existsSync(path.join(ROOT, 'custom-elements.json'))) {
  run(process.execPath, [path.join(ROOT, 'scripts', 'manifest.mjs')]);
}
if (!process.argv.includes('--no-api') || !existsSync(path.join(ROOT, 'docs', 'api', 'index.md'))) {
  console.log('> API reference (TypeDoc)');
  await buildApiDocs();
}

const servers = await startDemoServers({ skills: true });
process.env.MCP_DOCS_SERVERS = JSON.stringify(servers.config);

const { createServer } = await import('vitepress');
const portEnv = process.env.PORT;
const vite = await createServer(path.join(ROOT, 'docs'), {
  host: '127.0.0.1',
  ...(portEnv ? { port: Number(portEnv) } : {}),
});
await vite.listen();
const url = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${vite.config.server.port}${vite.config.base}`;
console.log(`\n  Documentation: ${url}  (MCP server: ${servers.config.mcpUrl})\n`);
console.log('  Press Ctrl-C to stop.\n');

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\nStopping (${signal})…`);
  setTimeout(() => process.exit(0), 3000).unref(); // don't let a stuck connection hold the exit
  await Promise.allSettled([vite.close(), servers.close()]);
  process.exit(0);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
