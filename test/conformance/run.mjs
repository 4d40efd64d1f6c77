// `npm run test:conformance`: runs the official conformance client scenarios, one at a time,
// against our client in headless Chromium, and prints a pass/fail table. A scenario passes only
// with at least one check, every check passing, and exit code 0 (a 0/0 run is a failure).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(dirname(createRequire(import.meta.url).resolve('@modelcontextprotocol/conformance/package.json')), 'dist', 'index.js');
const AUTH = [
  'metadata-default', 'metadata-var1', 'metadata-var2', 'metadata-var3', 'basic-cimd',
  'scope-from-www-authenticate', 'scope-from-scopes-supported', 'scope-omitted-when-undefined', 'scope-step-up', 'scope-retry-limit',
  'token-endpoint-auth-basic', 'token-endpoint-auth-post', 'token-endpoint-auth-none', 'pre-registration',
  '2025-03-26-oauth-metadata-backcompat', '2025-03-26-oauth-endpoint-fallback', 'resource-mismatch', 'offline-access-scope', 'offline-access-not-supported',
].map((name) => `auth/${name}`); // all but client-credentials-* and cross-app-access-*: those need secrets a browser must not hold
const scenarios = process.argv.slice(2).length ? process.argv.slice(2) : ['initialize', 'tools_call', 'elicitation-sep1034-client-defaults', 'sse-retry', ...AUTH];

const rows = [];
for (const scenario of scenarios) {
  // The CLI needs Node >= 22 (fs.globSync); the node package from the npm registry brings it.
  const run = spawnSync(
    'npx',
    ['-y', '-p', 'node@22', '--', 'node', cli, 'client', '--command', `node ${join(here, 'browser-client.mjs')}`, '--scenario', scenario, '--timeout', '60000'],
    { encoding: 'utf8', timeout: 180_000 },
  );
  const output = `${run.stdout}\n${run.stderr}`;
  const m = /Passed:\s*(\d+)\/(\d+)/.exec(output);
  const [passed, total] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  const ok = run.status === 0 && total > 0 && passed === total;
  rows.push({ scenario, checks: `${passed}/${total}`, result: ok ? 'PASS' : 'FAIL' });
  if (!ok || process.env.VERBOSE) process.stderr.write(`\n--- ${scenario} (exit ${run.status}) ---\n${output.replace(/^npm warn.*\n/gm, '')}\n`);
}

const width = Math.max(...rows.map((r) => r.scenario.length), 8);
console.log(`\n${'scenario'.padEnd(width)}  checks  result`);
for (const r of rows) console.log(`${r.scenario.padEnd(width)}  ${r.checks.padStart(6)}  ${r.result}`);
const failed = rows.filter((r) => r.result !== 'PASS').length;
console.log(`conformance: ${rows.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
