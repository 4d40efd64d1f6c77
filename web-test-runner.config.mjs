// Runs the browser tests in headless Debian Chromium against real MCP servers on loopback,
// started here before the browser and stopped after; tests read their URLs from /__servers.json.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { startTestServers } from './servers/index.mjs';
import { appCommands } from './test/apps-commands.mjs';
import { relayCommands } from './test/relay-commands.mjs';
import { charsetMiddleware, deliveryPlugins, screenshotPlugin } from './test/delivery/plugins.mjs';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

let servers;

/**
 * The suite by folder, one group each (`wtr --group core`); `apps` cuts across them (the MCP Apps
 * tests of every folder) and runs only when named. A run without --group runs each folder once;
 * `wtr --files <file>` runs just that file.
 */
const FOLDERS = ['core', 'components', 'hostile', 'delivery', 'relay', 'sampling', 'frameworks'];
const APPS = [
  'test/core/apps.test.ts',
  'test/components/mcp-app-view*.test.ts',
  'test/hostile/mcp-app-view-hostile.test.ts',
  'test/frameworks/apps.test.ts',
];
/** The value of a command-line option (`--group core` or `--group=core`), or undefined when it is absent. */
const arg = (name) => {
  const i = process.argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  return i < 0
    ? undefined
    : process.argv[i].includes('=')
      ? process.argv[i].slice(name.length + 1)
      : (process.argv[i + 1] ?? '');
};
const groups =
  arg('--files') !== undefined ? undefined : FOLDERS.map((name) => ({ name, files: `test/${name}/**/*.test.ts` }));
if (groups && arg('--group') === 'apps') groups.push({ name: 'apps', files: APPS });

const testServersPlugin = {
  name: 'mcp-test-servers',
  async serverStart() {
    servers = await startTestServers();
  },
  async serverStop() {
    await servers?.stop();
  },
  serve(context) {
    if (context.path === '/__servers.json') return { body: JSON.stringify(servers.urls), type: 'application/json' };
  },
};

/** Prints the plain `N passed, N failed` line CI reads. */
function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (suite) => {
        for (const t of suite?.tests ?? []) if (!t.skipped) t.passed ? passed++ : failed++;
        for (const s of suite?.suites ?? []) walk(s);
      };
      for (const s of sessions) {
        walk(s.testResults);
        // A file that failed to load.
        if (!s.passed && !s.testResults?.tests?.length && !s.testResults?.suites?.length) failed++;
      }
      process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
    },
  };
}

export default {
  // Browser tests live in the FOLDERS (test/unit/ runs in Node, test/apps/ holds the framework apps).
  groups,
  nodeResolve: { exportConditions: ['browser', 'production'] },
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      define: { __MCP_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    testServersPlugin,
    appCommands(),
    relayCommands(),
    ...deliveryPlugins,
    screenshotPlugin,
  ],
  middleware: [charsetMiddleware],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-dev-shm-usage',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 30_000 } },
  testsFinishTimeout: 20 * 60_000,
  reporters: [defaultReporter(), summaryReporter()],
};
