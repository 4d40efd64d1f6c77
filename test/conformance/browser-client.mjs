// The client under test for @modelcontextprotocol/conformance: the CLI runs
// `node browser-client.mjs <serverUrl>`; this serves dist/ (client.js, mcp-web-components.js, chunks),
// scenarios.js and auth-scenarios.js on loopback, runs the scenario in headless Chromium and exits 0 or 1
// with the page's verdict.
// The mock servers send no CORS headers, so this browser (only this one) runs with --disable-web-security.
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const serverUrl = process.argv.at(-1);
const scenario = process.env.MCP_CONFORMANCE_SCENARIO;

const files = {
  '/': [
    'text/html',
    '<!doctype html><meta charset="utf-8"><title>conformance</title><script type="module" src="/scenarios.js"></script>',
  ],
  '/scenarios.js': ['text/javascript', readFileSync(join(here, 'scenarios.js'))],
  '/auth-scenarios.js': ['text/javascript', readFileSync(join(here, 'auth-scenarios.js'))],
  // The OAuth redirect URI: the page a host serves with our callback module.
  '/callback': [
    'text/html',
    '<!doctype html><meta charset="utf-8"><title>callback</title><script type="module" src="/dist/auth-callback.js"></script>',
  ],
};
const http = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  let file = files[path];
  // dist/client.js, dist/mcp-web-components.js (the elicitation dialog) and the chunks they import on demand.
  if (!file && /^\/dist\/[\w/-]+\.js$/.test(path) && existsSync(join(root, path)))
    file = ['text/javascript', readFileSync(join(root, path))];
  res.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain' }).end(file?.[1] ?? 'not found');
});
await new Promise((r) => http.listen(0, '127.0.0.1', r));

const profile = mkdtempSync(join(tmpdir(), 'mcp-conformance-'));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  userDataDir: profile,
  args: [
    '--no-sandbox',
    '--disable-web-security',
    '--disable-dev-shm-usage',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
let verdict = { ok: false, error: 'no verdict' };
try {
  const page = await browser.newPage();
  page.on('console', (m) => console.error(`[page] ${m.text()}`));
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  // Pre-registered credentials of auth/pre-registration arrive in MCP_CONFORMANCE_CONTEXT.
  const query = new URLSearchParams({
    scenario,
    server: serverUrl,
    context: process.env.MCP_CONFORMANCE_CONTEXT ?? '{}',
  });
  await page.goto(`http://127.0.0.1:${http.address().port}/?${query}`);
  const handle = await page.waitForFunction(() => window.__result, { timeout: 25_000, polling: 50 });
  verdict = await handle.jsonValue();
} catch (error) {
  verdict = { ok: false, error: String(error) };
} finally {
  await browser.close().catch(() => {});
  http.close();
  rmSync(profile, { recursive: true, force: true });
}
console.error(`[${scenario}] ${verdict.ok ? 'client finished' : `client failed: ${verdict.error}`}`);
process.exit(verdict.ok ? 0 : 1);
