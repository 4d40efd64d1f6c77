// `npm run bench`: our client (dist/client.js) against the official SDK clients (v1 `sdk`, v2
// `client`, bundled by bench/build.mjs) in one headless Chromium page, same loopback server
// (the legacy fixture: SDK 1.x Streamable HTTP), measured alternately over several rounds.
// Prints a table of medians and ours/SDK ratios and writes bench/results.json; then the first-screen
// benchmark (bench/first-screen.mjs) and the big-inputs one (bench/big-inputs.mjs); `npm run bench --
// --only first-screen` (or `--only big-inputs`, `--only low-code`) runs that one alone.
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, extname, join, normalize } from 'node:path';
import os from 'node:os';
import puppeteer from 'puppeteer-core';
import { startLegacyServer } from '../servers/legacy.mjs';
import { listen } from '../servers/util.mjs';
import { buildPeers } from './build.mjs';
import { measureWidgets, widgetRows, WIDGETS_NOT_BUILT } from './widgets.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SEQUENTIAL_CALLS = 200;
const CONCURRENT_CALLS = 50;
const PROGRESS_COUNT = 10_000;
const HEAP_CALLS = Number(process.env.BENCH_HEAP_CALLS ?? 10_000);
const HEAP_WIDTH = 10; // calls in flight at once while filling the heap run
const WATCHDOG_MS = 10 * 60_000;

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min, giving up`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

const median = (xs) => {
  const s = [...xs].filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const rotate = (xs, n) => xs.map((_, i) => xs[(i + n) % xs.length]);

/** Serves the bench page, the peer bundles and dist/ from the repo, nothing else. */
async function startPageServer() {
  const types = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.mjs': 'text/javascript',
    '.map': 'application/json',
  };
  const allowed = ['bench/page/', 'bench/.build/'];
  return listen(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
    if (!allowed.some((p) => path.startsWith(p))) return res.writeHead(404).end();
    try {
      const body = await readFile(join(ROOT, path));
      res
        .writeHead(200, {
          'content-type': types[extname(path)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        })
        .end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
}

function gzipSize(file) {
  const bytes = readFileSync(file);
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The file and every chunk it imports, statically or on first use (`./chunks/…`), recursively. */
function withChunks(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, rel] of readFileSync(file, 'utf8').matchAll(/["'](\.{1,2}\/(?:chunks\/)?[\w.-]+\.js)["']/g)) {
    const next = join(dirname(file), rel);
    if (existsSync(next)) withChunks(next, seen);
  }
  return seen;
}

/** Sizes of a bundle split into files: each file gzipped on its own (as served), summed. */
function splitSize(files) {
  const sizes = [...files].map(gzipSize);
  return { min: sizes.reduce((a, s) => a + s.min, 0), gzip: sizes.reduce((a, s) => a + s.gzip, 0), files: files.size };
}

async function main() {
  for (const f of ['dist/client.js'])
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first`);
  console.log('bench: bundling the SDK peers with rollup…');
  const peers = await buildPeers();
  // A snapshot of dist/, so a rebuild during the run cannot hand the page a half-written file.
  const dist = join(ROOT, 'bench/.build/dist');
  await rm(dist, { recursive: true, force: true });
  await cp(join(ROOT, 'dist'), dist, { recursive: true });
  // Ours: the core the page loads (dist/client.js), and with the auth chunk it imports on first use
  // (the SDK bundles include their auth code, so that is the like-for-like figure).
  // client.js imports a shared chunk statically: the page loads both before it runs, so both count (as in npm run
  // size).
  const { closure } = await import('../scripts/size.mjs');
  const text = [...closure(join(dist, 'client.js')).seen].map((f) => readFileSync(f, 'utf8')).join('\n');
  const sizes = {
    ours: { min: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).length },
    sdk1: gzipSize(peers.sdk1),
    sdk2: gzipSize(peers.sdk2),
  };
  const oursWithAuth = splitSize(withChunks(join(dist, 'client.js')));
  const widgetBundle = join(dist, 'mcp-web-components.js');
  const widgetSize = existsSync(widgetBundle) ? splitSize(withChunks(widgetBundle)) : null;

  const mcp = await startLegacyServer();
  const pages = await startPageServer();
  const browser = await puppeteer.launch({
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
      '--js-flags=--expose-gc',
    ],
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    // "Failed to load resource" is our era probe's expected 400 from a legacy server; other errors matter.
    page.on(
      'console',
      (m) =>
        m.type() === 'error' &&
        !m.text().startsWith('Failed to load resource') &&
        console.error('page console:', m.text()),
    );
    const cdp = await page.createCDPSession();
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.enable');
    const pageUrl = `${pages.base}/bench/page/index.html`;
    const load = async () => {
      await page.goto(pageUrl);
      await page.waitForFunction('window.benchReady === true');
    };
    const mainThread = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const get = (n) => metrics.find((m) => m.name === n)?.value ?? 0;
      // TaskDuration: time the renderer's main thread spent running tasks (ScriptDuration stays 0 in headless
      // Chromium).
      return { task: get('TaskDuration') * 1000 };
    };
    const heapUsed = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };

    await load();
    const kinds = await page.evaluate(() => window.bench.kinds);
    const raw = Object.fromEntries(
      kinds.map((k) => [
        k,
        {
          coldMs: [],
          warmMs: [],
          seqCallsPerSec: [],
          concurrent50Ms: [],
          progressMsgsPerSec: [],
          progressMs: [],
          progressMainThreadMs: [],
          progressLongTasks: [],
          progressLongestTaskMs: [],
          progressReceived: [],
          progressInOrder: [],
        },
      ]),
    );

    // Ours with the era declared (protocolVersion): cold connects only, in a fresh page of their own each round.
    const declaredColdMs = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of rotate(kinds, round)) {
        const r = raw[kind];
        if (kind === 'ours') {
          await load();
          const d = await page.evaluate((u) => window.bench.open('oursDeclared', u), mcp.url);
          declaredColdMs.push(d.ms);
          await page.evaluate((h) => window.bench.close(h), d.handle);
        }
        await load(); // a fresh page: no module state, no era cache, cold JIT
        const first = await page.evaluate((k, u) => window.bench.open(k, u), kind, mcp.url);
        r.coldMs.push(first.ms);
        await page.evaluate((h) => window.bench.close(h), first.handle);
        const { handle, ms } = await page.evaluate((k, u) => window.bench.open(k, u), kind, mcp.url);
        r.warmMs.push(ms);
        await page.evaluate((h) => window.bench.sequential(h, 20), handle); // warm-up
        const seq = await page.evaluate((h, n) => window.bench.sequential(h, n), handle, SEQUENTIAL_CALLS);
        r.seqCallsPerSec.push(SEQUENTIAL_CALLS / (seq / 1000));
        await page.evaluate((h, n) => window.bench.concurrent(h, n), handle, CONCURRENT_CALLS); // warm-up
        r.concurrent50Ms.push(await page.evaluate((h, n) => window.bench.concurrent(h, n), handle, CONCURRENT_CALLS));
        const before = await mainThread();
        const p = await page.evaluate((h, n) => window.bench.progress(h, n), handle, PROGRESS_COUNT);
        const after = await mainThread();
        r.progressMs.push(p.ms);
        r.progressMsgsPerSec.push(p.received / (p.ms / 1000));
        r.progressMainThreadMs.push(after.task - before.task);
        r.progressLongTasks.push(p.longTasks);
        r.progressLongestTaskMs.push(p.longestTaskMs);
        r.progressReceived.push(p.received);
        r.progressInOrder.push(p.inOrder);
        await page.evaluate((h) => window.bench.close(h), handle);
      }
      console.log(`bench: round ${round + 1}/${ROUNDS} done`);
    }

    const heap = {};
    for (const kind of kinds) {
      await load();
      const { handle } = await page.evaluate((k, u) => window.bench.open(k, u), kind, mcp.url);
      await page.evaluate((h, w) => window.bench.many(h, 200, w), handle, HEAP_WIDTH); // warm-up
      const start = await heapUsed();
      const t1 = await page.evaluate((h, n, w) => window.bench.many(h, n, w), handle, HEAP_CALLS / 2, HEAP_WIDTH);
      const mid = await heapUsed();
      const t2 = await page.evaluate((h, n, w) => window.bench.many(h, n, w), handle, HEAP_CALLS / 2, HEAP_WIDTH);
      const end = await heapUsed();
      await page.evaluate((h) => window.bench.close(h), handle);
      heap[kind] = {
        startBytes: start,
        midBytes: mid,
        endBytes: end,
        growthBytes: end - start,
        callsPerSec: HEAP_CALLS / ((t1 + t2) / 1000),
      };
      console.log(`bench: heap run for ${kind} done`);
    }

    const widgets = await measureWidgets({ page, rounds: ROUNDS });

    const medians = Object.fromEntries(
      kinds.map((k) => [
        k,
        Object.fromEntries(
          Object.entries(raw[k])
            .filter(([, v]) => typeof v[0] === 'number')
            .map(([m, v]) => [m, median(v)]),
        ),
      ]),
    );
    const results = {
      date: new Date().toISOString(),
      environment: {
        node: process.version,
        chromium: await browser.version(),
        cpus: os.cpus().length,
        load: os.loadavg(),
        cpuModel: os.cpus()[0]?.model,
        server:
          'servers/legacy.mjs (SDK 1.x StreamableHTTPServerTransport, SSE answers, in-memory event store) on 127.0.0.1, page on another port (CORS)',
        rounds: ROUNDS,
      },
      peers: {
        sdk1: '@modelcontextprotocol/sdk ' + pkgVersion('@modelcontextprotocol/sdk'),
        sdk2: '@modelcontextprotocol/client ' + pkgVersion('@modelcontextprotocol/client'),
      },
      sizes: { ...sizes, oursWithLazyChunks: oursWithAuth, widget: widgetSize },
      medians,
      declaredColdMs: median(declaredColdMs),
      heap,
      widgets,
      raw: { ...raw, oursDeclared: { coldMs: declaredColdMs } },
    };
    await writeFile(join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
    printTable(results, kinds);
    const lost = kinds.filter(
      (k) => raw[k].progressReceived.some((n) => n !== PROGRESS_COUNT) || raw[k].progressInOrder.some((x) => !x),
    );
    if (lost.length)
      console.log(
        `\nWARNING: progress lost, doubled or out of order for ${lost.join(', ')}: ${JSON.stringify(lost.map((k) => raw[k].progressReceived))}`,
      );
  } finally {
    await browser.close().catch(() => {});
    await mcp.close();
    pages.server.closeAllConnections();
    await new Promise((r) => pages.server.close(r));
  }
}

function pkgVersion(name) {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

function printTable({ medians: m, declaredColdMs, sizes, heap, widgets, environment }, kinds) {
  const fmt = (v, digits = 0) =>
    v == null
      ? 'n/a'
      : Number(v).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const ratio = (a, b) => (a == null || b == null || b === 0 ? 'n/a' : (a / b).toFixed(2));
  const kb = (b) => (b == null ? 'n/a' : (b / 1000).toFixed(1) + ' kB');
  const rows = [];
  const row = (label, better, get, show = (v) => fmt(v, 1)) => {
    const [o, s1, s2] = kinds.map(get);
    rows.push([label, better, show(o), show(s1), show(s2), ratio(o, s1), ratio(o, s2)]);
  };
  row('connect → tools listed, cold (ms)', 'lower', (k) => m[k].coldMs);
  row('connect → tools listed, cold, ours with protocolVersion declared (ms)', 'lower', (k) =>
    k === 'ours' ? declaredColdMs : m[k].coldMs,
  );
  row('connect → tools listed, warm (ms)', 'lower', (k) => m[k].warmMs);
  row(
    `sequential calls per second`,
    'higher',
    (k) => m[k].seqCallsPerSec,
    (v) => fmt(v, 0),
  );
  row(`${CONCURRENT_CALLS} concurrent calls (ms)`, 'lower', (k) => m[k].concurrent50Ms);
  row(
    `${PROGRESS_COUNT.toLocaleString('en-US')} progress: messages per second`,
    'higher',
    (k) => m[k].progressMsgsPerSec,
    (v) => fmt(v, 0),
  );
  row(
    `${PROGRESS_COUNT.toLocaleString('en-US')} progress: wall time (ms)`,
    'lower',
    (k) => m[k].progressMs,
    (v) => fmt(v, 0),
  );
  row(
    `${PROGRESS_COUNT.toLocaleString('en-US')} progress: main-thread task time (ms)`,
    'lower',
    (k) => m[k].progressMainThreadMs,
    (v) => fmt(v, 0),
  );
  row(
    `${PROGRESS_COUNT.toLocaleString('en-US')} progress: long tasks ≥50 ms (count)`,
    'lower',
    (k) => m[k].progressLongTasks,
    (v) => fmt(v, 0),
  );
  row(
    `${PROGRESS_COUNT.toLocaleString('en-US')} progress: longest task (ms)`,
    'lower',
    (k) => m[k].progressLongestTaskMs,
    (v) => fmt(v, 0),
  );
  row('bundle, minified', 'lower', (k) => sizes[k].min, kb);
  row('bundle, gzip -9', 'lower', (k) => sizes[k].gzip, kb);
  row(
    'bundle + chunks loaded on first use (auth), gzip -9',
    'lower',
    (k) => (k === 'ours' ? sizes.oursWithLazyChunks.gzip : sizes[k].gzip),
    kb,
  );
  row(
    `heap before ${HEAP_CALLS.toLocaleString('en-US')} calls (after GC)`,
    'lower',
    (k) => heap[k].startBytes,
    (b) => (b / 1e6).toFixed(2) + ' MB',
  );
  row(
    `heap after ${HEAP_CALLS.toLocaleString('en-US')} calls (after GC)`,
    'lower',
    (k) => heap[k].endBytes,
    (b) => (b / 1e6).toFixed(2) + ' MB',
  );
  row(
    `heap growth, all ${HEAP_CALLS.toLocaleString('en-US')} calls`,
    'lower',
    (k) => heap[k].growthBytes,
    (b) => (b / 1e3).toFixed(0) + ' kB',
  );
  row(
    `heap growth, second ${(HEAP_CALLS / 2).toLocaleString('en-US')} calls`,
    'lower',
    (k) => heap[k].endBytes - heap[k].midBytes,
    (b) => (b / 1e3).toFixed(0) + ' kB',
  );
  rows.push([
    'full widget (dist/mcp-web-components.js + chunks), gzip -9',
    'lower',
    sizes.widget ? kb(sizes.widget.gzip) : WIDGETS_NOT_BUILT,
    '—',
    '—',
    '',
    '',
  ]);
  for (const [label, better, ours] of widgetRows(widgets, fmt)) rows.push([label, better, ours, '—', '—', '', '']);

  const head = ['metric (median)', 'better', 'ours', 'sdk 1.x', 'client 2.x', 'ours/sdk1', 'ours/sdk2'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    '| ' +
    cells
      .map((c, i) => (i === 0 || i === 1 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
      .join(' | ') +
    ' |';
  console.log(
    `\n${environment.rounds} rounds, alternating order; Chromium ${environment.chromium}, Node ${environment.node}, ${environment.cpus} CPUs`,
  );
  console.log(line(head));
  console.log('|' + widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const r of rows) console.log(line(r));
  console.log('\nbench/results.json written (medians, every round, environment).');
}

/**
 * `--only first-screen`, `--only big-inputs` or `--only low-code` runs that benchmark alone (quick, and kind to a
 * shared machine); without it, everything runs.
 */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
/** Writes one benchmark's result to bench/<name>.json, with the date and the machine's load. */
const writeResult = (name, result) =>
  writeFile(
    join(ROOT, `bench/${name}.json`),
    JSON.stringify(
      { date: new Date().toISOString(), environment: { cpus: os.cpus().length, load: os.loadavg() }, ...result },
      null,
      2,
    ) + '\n',
  );
async function firstScreen() {
  const { measureFirstScreen, printFirstScreen } = await import('./first-screen.mjs');
  const result = await measureFirstScreen({ rounds: ROUNDS });
  console.log('\nFirst screen (each load a fresh browser context; loads interleaved per round):');
  printFirstScreen(result);
  const { sizes: bundleSizes } = await import('../scripts/size.mjs');
  await writeResult('first-screen', { ...result, sizes: bundleSizes() });
}
async function bigInputs() {
  const { measureBigInputs, printBigInputs } = await import('./big-inputs.mjs');
  const result = await measureBigInputs({ rounds: ROUNDS });
  console.log('\nBig inputs (each case a fresh browser context; the target: no task over 200 ms):');
  printBigInputs(result);
  await writeResult('big-inputs', result);
}
async function lowCode() {
  const { measureLowCode, printLowCode } = await import('./low-code.mjs');
  const result = await measureLowCode({ rounds: ROUNDS });
  console.log('\nLow-code page (ten forms on one server against one form; each load a fresh browser context):');
  printLowCode(result);
  await writeResult('low-code', result);
}
const parts = { 'first-screen': firstScreen, 'big-inputs': bigInputs, 'low-code': lowCode };
if (only && !parts[only]) throw new Error(`bench: unknown --only ${only} (known: ${Object.keys(parts).join(', ')})`);

(only ? parts[only]() : main().then(firstScreen).then(bigInputs).then(lowCode)).then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
