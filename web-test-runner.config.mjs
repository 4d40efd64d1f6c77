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
        if (!s.passed && !s.testResults?.tests?.length && !s.testResults?.suites?.length) failed++; // a file that failed to load
      }
      process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
    },
  };
}

export default {
  files: ['test/**/*.test.ts', '!test/apps/**'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', define: { __MCP_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) }, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }), testServersPlugin, appCommands(), relayCommands(), ...deliveryPlugins, screenshotPlugin],
  middleware: [charsetMiddleware],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 30_000 } },
  testsFinishTimeout: 20 * 60_000,
  reporters: [defaultReporter(), summaryReporter()],
};
