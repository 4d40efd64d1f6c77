// `npm run test:conformance`: runs the official conformance client scenarios, one at a time,
// against our client in headless Chromium, and prints one pass/fail table. Three sets run:
// 0.1.16 (the 2025-era list), 0.2.0-alpha.12 (the frozen 2026-07-28 client set, under the
// npm alias `conformance-2026`) and that release's extension scenarios (EXTENSIONS). A scenario
// passes only with at least one check, every check passing, and exit code 0 (a 0/0 run is a failure).
//   node test/conformance/run.mjs                      every set
//   node test/conformance/run.mjs 2026 request-metadata  one set, named scenarios
//   node test/conformance/run.mjs extensions              the extension scenarios (Skills, DPoP)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUTH_2025, AUTH_2026_NEW, AUTH_DPOP } from './auth-scenarios.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const cliOf = (pkg) => join(dirname(require.resolve(`${pkg}/package.json`)), 'dist', 'index.js');
const versionOf = (pkg) => require(`${pkg}/package.json`).version;

const AUTH = AUTH_2025.map((name) => `auth/${name}`);

/** `conformance list --client --spec-version 2026-07-28` of 0.2.0-alpha.12: all 33, in its order. */
const MODERN = [
  'tools_call',
  'request-metadata',
  ...AUTH.filter((s) => !s.startsWith('auth/2025-03-26')),
  ...AUTH_2026_NEW.map((name) => `auth/${name}`),
  'sep-2322-client-request-state',
  'http-standard-headers',
  'http-custom-headers',
  'http-invalid-tool-headers',
  'json-schema-ref-no-deref',
  'json-schema-2020-12-preservation',
];

/**
 * Extension scenarios of 0.2.0-alpha.12, which run only by name (issue 26). Six apply to a client in a page:
 * the four Skills ones below and auth/dpop, auth/dpop-nonce (added with DPoP). Left out, and why: the
 * machine-to-machine grants auth/client-credentials-jwt, auth/client-credentials-basic,
 * auth/enterprise-managed-authorization and auth/wif-jwt-bearer need a client secret, a signing key or a
 * workload identity that a page must not hold (anyone who can read the page can read them).
 */
const EXTENSIONS = [
  'sep-2640-client-no-prefetch',
  'sep-2640-client-verify-digest',
  'sep-2640-client-verify-size',
  'sep-2640-client-verify-frontmatter',
  ...AUTH_DPOP.map((name) => `auth/${name}`),
];

const SUITES = {
  2025: {
    pkg: '@modelcontextprotocol/conformance',
    args: [],
    scenarios: ['initialize', 'tools_call', 'elicitation-sep1034-client-defaults', 'sse-retry', ...AUTH],
  },
  2026: { pkg: 'conformance-2026', args: ['--spec-version', '2026-07-28'], scenarios: MODERN },
  extensions: { pkg: 'conformance-2026', args: [], scenarios: EXTENSIONS, label: 'extensions' },
};

const [first, ...rest] = process.argv.slice(2);
const plan = SUITES[first]
  ? [[SUITES[first], rest.length ? rest : SUITES[first].scenarios]]
  : first
    ? Object.values(SUITES).map((s) => [s, process.argv.slice(2).filter((n) => s.scenarios.includes(n))])
    : Object.values(SUITES).map((s) => [s, s.scenarios]);

const rows = [];
for (const [suite, scenarios] of plan) {
  const cli = cliOf(suite.pkg);
  const version = suite.label ? `${versionOf(suite.pkg)} ${suite.label}` : versionOf(suite.pkg);
  for (const scenario of scenarios) {
    // The CLI needs Node >= 22 (fs.globSync); the node package from the npm registry brings it.
    const run = spawnSync(
      'npx',
      [
        '-y',
        '-p',
        'node@22',
        '--',
        'node',
        cli,
        'client',
        '--command',
        `node ${join(here, 'browser-client.mjs')}`,
        '--scenario',
        scenario,
        ...suite.args,
        '--timeout',
        '60000',
      ],
      { encoding: 'utf8', timeout: 180_000 },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    const m = /Passed:\s*(\d+)\/(\d+)/.exec(output);
    const [passed, total] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
    const ok = run.status === 0 && total > 0 && passed === total;
    rows.push({ suite: version, scenario, checks: `${passed}/${total}`, result: ok ? 'PASS' : 'FAIL' });
    if (!ok || process.env.VERBOSE)
      process.stderr.write(
        `\n--- ${version} ${scenario} (exit ${run.status}) ---\n${output.replace(/^npm warn.*\n/gm, '')}\n`,
      );
  }
}

const sw = Math.max(...rows.map((r) => r.suite.length), 5);
const width = Math.max(...rows.map((r) => r.scenario.length), 8);
console.log(`\n${'suite'.padEnd(sw)}  ${'scenario'.padEnd(width)}  checks  result`);
for (const r of rows)
  console.log(`${r.suite.padEnd(sw)}  ${r.scenario.padEnd(width)}  ${r.checks.padStart(6)}  ${r.result}`);
const failed = rows.filter((r) => r.result !== 'PASS').length;
console.log(`conformance: ${rows.length - failed} passed, ${failed} failed`);
process.exit(failed || !rows.length ? 1 : 0);
