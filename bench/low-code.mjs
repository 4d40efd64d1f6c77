// `npm run bench -- --only low-code` (also part of the full `npm run bench`): a low-code page with ten
// standalone <mcp-tool-form url> on one server of 1,000 tools against the same page with one form,
// side by side, each load in a fresh browser context (empty store and cache), the two loads of a
// round interleaved. Reported: page load to every form's Run button (median over BENCH_ROUNDS,
// default 5), the ratio ten/one (issue 30's target: at most 1.1x), and what the server received per
// load (JSON-RPC methods and HTTP GET/DELETE), counted on the server. Written to bench/low-code.json.
import { writeFile } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import os from 'node:os';
import puppeteer from 'puppeteer-core';
import { listen } from '../servers/util.mjs';
import { manyTools, startToolServer } from './widgets.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** N forms on the server in `?server=`, each for another tool; records when every Run button is there. */
const page = (n) => `<!doctype html><meta charset="utf-8"><title>${n} forms</title>
<script type="module" src="/dist/mcp-web-components.js"></script>
<script type="module">
const url = new URLSearchParams(location.search).get('server');
for (let i = 0; i < ${n}; i++) {
  const form = document.createElement('mcp-tool-form');
  form.setAttribute('url', url);
  form.setAttribute('tool', 'tool_' + i * 97);
  document.body.append(form);
}
const forms = [...document.querySelectorAll('mcp-tool-form')];
const ready = (f) => [...(f.shadowRoot?.querySelectorAll('button') ?? [])].some((b) => b.textContent.trim() === 'Run');
const frame = () => (forms.every(ready) ? (window.__done = performance.now()) : requestAnimationFrame(frame));
requestAnimationFrame(frame);
</script>`;

async function startPages() {
  return listen(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
    const forms = /^forms-(\d+)\.html$/.exec(path);
    if (forms)
      return res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(page(+forms[1]));
    if (!path.startsWith('dist/')) return res.writeHead(404).end();
    try {
      const type = extname(path) === '.js' ? 'text/javascript' : 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(await readFile(join(ROOT, path)));
    } catch {
      res.writeHead(404).end();
    }
  });
}

export async function measureLowCode({ rounds = ROUNDS } = {}) {
  let counts = {};
  const server = await startToolServer(manyTools(1000), {
    onRequest: (req, msg) => {
      const key = msg ? (msg.method ?? 'response') : req.method;
      counts[key] = (counts[key] ?? 0) + 1;
    },
  });
  const pages = await startPages();
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  const raw = { one: [], ten: [] };
  const requests = {};
  const load = async (n) => {
    const context = await browser.createBrowserContext();
    try {
      counts = {};
      const tab = await context.newPage();
      await tab.goto(`${pages.base}/forms-${n}.html?server=${encodeURIComponent(server.url)}`);
      await tab.waitForFunction(() => window.__done, { timeout: 60_000, polling: 50 });
      raw[n === 1 ? 'one' : 'ten'].push(await tab.evaluate(() => window.__done));
      requests[n === 1 ? 'one' : 'ten'] = { ...counts };
    } finally {
      await context.close();
    }
  };
  try {
    for (let round = 0; round < rounds; round++) for (const n of round % 2 ? [10, 1] : [1, 10]) await load(n);
  } finally {
    await browser.close();
    await server.close();
    pages.server.close();
  }
  const m = { one: median(raw.one), ten: median(raw.ten) };
  return { medians: m, ratio: m.ten / m.one, requests, raw, rounds };
}

export function printLowCode({ medians: m, ratio, requests }) {
  const said = (r) =>
    Object.entries(r ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  console.log(
    `page load → every Run button, 1 form on a 1,000-tool server     ${m.one.toFixed(0)} ms   (${said(requests.one)})`,
  );
  console.log(
    `page load → every Run button, 10 forms on that server           ${m.ten.toFixed(0)} ms   ${ratio.toFixed(2)}x one form   (${said(requests.ten)})`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureLowCode();
  printLowCode(result);
  await writeFile(
    join(ROOT, 'bench/low-code.json'),
    JSON.stringify(
      { date: new Date().toISOString(), environment: { cpus: os.cpus().length, load: os.loadavg() }, ...result },
      null,
      2,
    ) + '\n',
  );
}
