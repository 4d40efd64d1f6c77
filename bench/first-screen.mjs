// `npm run bench -- --only first-screen` (also part of the full `npm run bench`): how soon a page
// shows a server's tools, measured from outside in headless Chromium, each load in a fresh browser
// context (empty store and cache, as a first visit), the loads of one round interleaved:
//   floor1000     a bare page: fetch initialize, initialized, tools/list, then a vanilla <ul> of titles
//   floor10000    the same bare page against the server with 10,000 tools: what any client that reads the
//                 whole answer pays for the bigger list (server, network, JSON.parse, 10,000 <li>s)
//   widget1000    <mcp-client url> from dist/mcp-web-components.js: the last of 1,000 tool titles in the list
//   first1000     the same load: the first screen (the first 20 titles) in the list
//   firstDeclared1000, declared1000  the same page with protocol-version="2025-11-25" (a page that knows its
//                 server: no server/discover probe): the first screen and the last title
//   first10000    a server with 10,000 tools: the first screen of the list
//   widget10000   ... and the last of the 10,000 titles
//   click300      a 300-field tool clicked in that list: until its last field is in the form
//   search10000   in that list, a search typed one key at a time ("tool_9998"): each keystroke until
//                 the list shows its matches, in a frame (median and slowest keystroke)
//   heap*         the JS heap after the load and a forced GC (1,000 and 10,000 tools; the floor's 1,000)
//   handshakeToList1000  in the widget's 1,000-tool load, from the handshake's answer fully received (initialize,
//                 or server/discover for a modern server) to the tools/list request sent, from the browser's
//                 network events (CDP): the idle stretch the client leaves between them
//   handshakeToListFloor1000  the same stretch in the floor's load (it waits for notifications/initialized's 202)
//   initializedToList1000  in the widget's load, from notifications/initialized's 202 fully received to tools/list
//                 sent: the client's own part of the stretch (the rest is the notification's round trip)
//   firstToLast*  the first screen to the last title, per load: how long the rest of the list takes
// Every time is from navigation start (performance.now() in the page), polled each animation frame.
// Reported: medians over BENCH_ROUNDS rounds (default 5), widget/floor ratios, the longest task seen
// (longtask observer), and the bundle sizes of scripts/size.mjs. Written to bench/first-screen.json.
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import os from 'node:os';
import puppeteer from 'puppeteer-core';
import { listen } from '../servers/util.mjs';
import { sizes } from '../scripts/size.mjs';
import { FLOOR_CLIENT, manyTools, startToolServer, wideSchema } from './widgets.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const FIRST_SCREEN = 20;

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The floor page: what a page without the widget must do at least to show the same list. */
const FLOOR = `<!doctype html><meta charset="utf-8"><title>floor</title><ul id="list"></ul><script type="module">
const url = new URLSearchParams(location.search).get('server');
${FLOOR_CLIENT}
const session = await handshake();
const { result } = await (await post({ jsonrpc: '2.0', id: 2, method: 'tools/list' }, session)).json();
const list = document.getElementById('list');
for (const t of result.tools) { const li = document.createElement('li'); li.textContent = t.title ?? t.name; list.append(li); }
</script>`;

const WIDGET = `<!doctype html><meta charset="utf-8"><title>widget</title><script type="module" src="/dist/mcp-web-components.js"></script>
<mcp-client></mcp-client><script type="module">const q = new URLSearchParams(location.search), el = document.querySelector('mcp-client');
if (q.get('era')) el.protocolVersion = q.get('era');
el.url = q.get('server');</script>`;

/**
 * Runs in the page: records long tasks and, each frame, when the entries `wanted` ({key: [index, title]})
 * are in the list with their titles. It looks at those entries only (by index, or by aria-posinset in
 * the widget), not at every title each frame, so watching costs little for 10 or 10,000 entries.
 */
const WATCH = `(() => {
  window.__long = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long = Math.max(window.__long, e.duration); }).observe({ type: 'longtask', buffered: true });
  window.__seen = {};
  const list = () => document.getElementById('list') ?? document.querySelector('mcp-client')?.shadowRoot?.querySelector('mcp-tool-list')?.shadowRoot?.querySelector('[part=list]');
  const frame = () => {
    const ul = list();
    for (const [key, [i, title]] of Object.entries(window.__wanted ?? {})) {
      // The floor's <li>s are its list's children; the widget's entries sit in chunks and say their position.
      const li = ul?.id === 'list' ? ul.children[i] : ul?.querySelector('[aria-posinset="' + (i + 1) + '"]');
      if (!(key in window.__seen) && li && (li.querySelector('.name') ?? li).textContent.trim() === title) window.__seen[key] = performance.now();
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

export async function startPages() {
  const types = { '.js': 'text/javascript', '.map': 'application/json' };
  return listen(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
    if (path === 'floor.html' || path === 'widget.html')
      return res
        .writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' })
        .end(path === 'floor.html' ? FLOOR : WIDGET);
    if (!path.startsWith('dist/')) return res.writeHead(404).end();
    try {
      res
        .writeHead(200, {
          'content-type': types[extname(path)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        })
        .end(await readFile(join(ROOT, path)));
    } catch {
      res.writeHead(404).end();
    }
  });
}

/**
 * The page's JSON-RPC requests as the browser's network saw them (CDP): for each method, when its request was sent and
 * when its answer had fully arrived, in ms on one monotonic clock. `gap()` then gives the idle stretch between the
 * handshake's answer (initialize, or server/discover for a modern server) and the tools/list request.
 */
async function watchRequests(page) {
  const cdp = await page.createCDPSession();
  const byId = new Map();
  const seen = {};
  cdp.on('Network.requestWillBeSent', ({ requestId, request, timestamp }) => {
    const method = /"method":"([^"]+)"/.exec(request.postData ?? '')?.[1];
    if (method) byId.set(requestId, (seen[method] ??= { sent: timestamp * 1000 }));
  });
  // A body's end, or (a 202 has none, and Chromium may not report its end) the response's headers.
  const answered = ({ requestId, timestamp }) => {
    const r = byId.get(requestId);
    if (r) r.answered ??= timestamp * 1000;
  };
  cdp.on('Network.loadingFinished', answered);
  cdp.on('Network.responseReceived', (e) => e.response.status === 202 && answered(e));
  await cdp.send('Network.enable');
  return {
    gap: (from) => {
      const handshake = from ? seen[from]?.answered : (seen.initialize?.answered ?? seen['server/discover']?.answered);
      const list = seen['tools/list']?.sent;
      return handshake && list ? list - handshake : undefined;
    },
  };
}

/** One load in a fresh context: resolves with the times the wanted titles were first seen, and the longest task. */
async function load(browser, url, wanted, after) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const requests = await watchRequests(page);
    await page.evaluateOnNewDocument(`window.__wanted = ${JSON.stringify(wanted)}; ${WATCH}`);
    await page.goto(url);
    await page.waitForFunction(
      (keys) => keys.every((k) => k in window.__seen),
      { timeout: 60_000, polling: 50 },
      Object.keys(wanted),
    );
    // The load's own figures first: what `after` does (a click, a search) has its own.
    const seen = await page.evaluate(() => ({ ...window.__seen, longest: window.__long }));
    const gaps = { handshakeToList: requests.gap(), initializedToList: requests.gap('notifications/initialized') };
    return { ...seen, ...gaps, ...(after ? await after(page) : {}) };
  } finally {
    await context.close();
  }
}

/** The JS heap in use after two forced GCs, in MB. */
async function heapMb(page) {
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1048576;
}

/**
 * Types "tool_9998" into the list's search one key at a time; for each keystroke, the ms from the input
 * event until a frame after the list shows the matches of what is typed so far (every entry, counted).
 */
const searchTyped = (page) =>
  page.evaluate(async () => {
    const list = document.querySelector('mcp-client').shadowRoot.querySelector('mcp-tool-list');
    const input = list.shadowRoot.querySelector('input[part=search]');
    const times = [];
    for (const q of ['t', 'to', 'too', 'tool', 'tool_', 'tool_9', 'tool_99', 'tool_999', 'tool_9998']) {
      const t0 = performance.now();
      input.value = q;
      input.dispatchEvent(new Event('input'));
      await list.updateComplete;
      await new Promise(requestAnimationFrame);
      times.push(performance.now() - t0);
    }
    const names = [...list.shadowRoot.querySelectorAll('[role=listitem] .name')].map((n) => n.textContent);
    if (names.length !== 1 || !names[0].endsWith('9998'))
      throw new Error(`search for tool_9998 shows ${names.length} entries`);
    input.value = '';
    input.dispatchEvent(new Event('input'));
    return times;
  });

/** Clicks the 300-field tool and waits, each frame, for its last field; ms from the click. */
const clickWide = (page) =>
  page.evaluate(async () => {
    const list = document.querySelector('mcp-client').shadowRoot.querySelector('mcp-tool-list').shadowRoot;
    const button = [...list.querySelectorAll('button')].find((b) => b.textContent.includes('Wide form'));
    window.__long = 0;
    const t0 = performance.now();
    button.click();
    for (;;) {
      await new Promise(requestAnimationFrame);
      const form = document
        .querySelector('mcp-client')
        .shadowRoot.querySelector('mcp-tool-form')
        ?.shadowRoot?.querySelector('mcp-schema-form')?.shadowRoot;
      if (form && [...form.querySelectorAll('label, legend')].some((l) => l.textContent.trim().startsWith('field_299')))
        return { click300: performance.now() - t0, click300Longest: window.__long };
    }
  });

export async function measureFirstScreen({ rounds = ROUNDS } = {}) {
  const thousand = manyTools(1000);
  const tenThousand = [
    ...manyTools(10_000).slice(0, 9_999),
    { name: 'wide', title: 'Wide form', inputSchema: wideSchema(300) },
  ];
  const s1 = await startToolServer(thousand);
  const s10 = await startToolServer(tenThousand);
  const pages = await startPages();
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  const raw = {};
  const add = (k, v) => (raw[k] ??= []).push(v);
  const title = (t) => t.title ?? t.name;
  try {
    for (let round = 0; round < rounds; round++) {
      const runs = [
        async () => {
          const r = await load(
            browser,
            `${pages.base}/floor.html?server=${encodeURIComponent(s1.url)}`,
            { last: [999, title(thousand.at(-1))] },
            async (page) => ({ heap: await heapMb(page) }),
          );
          (add('floor1000', r.last), add('heapFloor1000', r.heap), add('handshakeToListFloor1000', r.handshakeToList));
        },
        async () => {
          const r = await load(browser, `${pages.base}/floor.html?server=${encodeURIComponent(s10.url)}`, {
            last: [9_999, title(tenThousand.at(-1))],
          });
          add('floor10000', r.last);
        },
        async () => {
          const r = await load(
            browser,
            `${pages.base}/widget.html?server=${encodeURIComponent(s1.url)}`,
            { first: [FIRST_SCREEN - 1, title(thousand[FIRST_SCREEN - 1])], last: [999, title(thousand.at(-1))] },
            async (page) => ({ heap: await heapMb(page) }),
          );
          (add('widget1000', r.last),
            add('first1000', r.first),
            add('firstToLast1000', r.last - r.first),
            add('handshakeToList1000', r.handshakeToList),
            add('initializedToList1000', r.initializedToList),
            add('longest1000', r.longest),
            add('heap1000', r.heap));
        },
        async () => {
          // The same page, with the era declared (protocol-version): no server/discover probe.
          const r = await load(
            browser,
            `${pages.base}/widget.html?era=2025-11-25&server=${encodeURIComponent(s1.url)}`,
            { first: [FIRST_SCREEN - 1, title(thousand[FIRST_SCREEN - 1])], last: [999, title(thousand.at(-1))] },
          );
          (add('declared1000', r.last), add('firstDeclared1000', r.first));
        },
        async () => {
          const after = async (page) => ({
            ...(await clickWide(page)),
            heap: await heapMb(page),
            search: await searchTyped(page),
          });
          const r = await load(
            browser,
            `${pages.base}/widget.html?server=${encodeURIComponent(s10.url)}`,
            {
              first: [FIRST_SCREEN - 1, title(tenThousand[FIRST_SCREEN - 1])],
              last: [9_999, title(tenThousand.at(-1))],
            },
            after,
          );
          (add('widget10000', r.last),
            add('first10000', r.first),
            add('firstToLast10000', r.last - r.first),
            add('longest10000', r.longest),
            add('click300', r.click300),
            add('click300Longest', r.click300Longest),
            add('heap10000', r.heap));
          (add('search10000', median(r.search)), add('search10000Slowest', Math.max(...r.search)));
        },
      ];
      // Interleaved, the order rotating each round, so load on the machine falls on every kind alike.
      for (let i = 0; i < runs.length; i++) await runs[(i + round) % runs.length]();
    }
  } finally {
    await browser.close();
    await s1.close();
    await s10.close();
    pages.server.close();
  }
  const m = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, median(v)]));
  const ratio = (a, b) => (a && b ? a / b : null);
  return {
    medians: m,
    ratios: {
      widget1000ToFloor: ratio(m.widget1000, m.floor1000),
      first1000ToFloor: ratio(m.first1000, m.floor1000),
      firstDeclared1000ToFloor: ratio(m.firstDeclared1000, m.floor1000),
      declared1000ToFloor: ratio(m.declared1000, m.floor1000),
      first10000ToFirst1000: ratio(m.first10000, m.first1000),
      widget10000To1000: ratio(m.widget10000, m.widget1000),
      floor10000ToFloor1000: ratio(m.floor10000, m.floor1000),
    },
    raw,
    rounds,
  };
}

export function printFirstScreen({ medians: m, ratios: r }, bundles = sizes()) {
  const ms = (x) => (x == null ? '—' : `${x.toFixed(0)} ms`);
  const ms1 = (x) => (x == null ? '—' : `${x.toFixed(1)} ms`);
  const x = (v) => (v == null ? '—' : `${v.toFixed(2)}x`);
  const mb = (v) => (v == null ? '—' : `${v.toFixed(1)} MB`);
  const rows = [
    ['page load → last of 1,000 tools: floor (fetch + <ul>)', ms(m.floor1000), ''],
    ['page load → last of 1,000 tools: <mcp-client>', ms(m.widget1000), `${x(r.widget1000ToFloor)} the floor`],
    ['page load → first screen of 1,000 tools', ms(m.first1000), `${x(r.first1000ToFloor)} the floor's last`],
    [
      '... with protocol-version declared (no probe): first screen / last',
      `${ms(m.firstDeclared1000)} / ${ms(m.declared1000)}`,
      `${x(r.firstDeclared1000ToFloor)} / ${x(r.declared1000ToFloor)} the floor's last`,
    ],
    [
      'handshake answered → tools/list sent (1,000 tools; network timestamps): floor / widget',
      `${ms1(m.handshakeToListFloor1000)} / ${ms1(m.handshakeToList1000)}`,
      '',
    ],
    ["widget: notifications/initialized's 202 received → tools/list sent", ms1(m.initializedToList1000), ''],
    [
      'first screen → last tool shown: 1,000 / 10,000 tools',
      `${ms(m.firstToLast1000)} / ${ms(m.firstToLast10000)}`,
      '',
    ],
    [
      'page load → first screen of 10,000 tools',
      ms(m.first10000),
      `${x(r.first10000ToFirst1000)} the 1,000-tool first screen`,
    ],
    [
      'page load → last of 10,000 tools: floor (fetch + <ul>)',
      ms(m.floor10000),
      `${x(r.floor10000ToFloor1000)} the 1,000-tool floor`,
    ],
    ['page load → last of 10,000 tools', ms(m.widget10000), `${x(r.widget10000To1000)} the 1,000-tool last`],
    ['click a 300-field tool → its last field shown', ms(m.click300), ''],
    [
      'search in 10,000 tools: a keystroke → its matches shown (median / slowest)',
      `${ms(m.search10000)} / ${ms(m.search10000Slowest)}`,
      '',
    ],
    [
      'JS heap after load: floor 1,000 / widget 1,000 / widget 10,000',
      `${mb(m.heapFloor1000)} / ${mb(m.heap1000)} / ${mb(m.heap10000)}`,
      '',
    ],
    [
      'longest task: 1,000 / 10,000 tools / 300-field click',
      `${ms(m.longest1000)} / ${ms(m.longest10000)} / ${ms(m.click300Longest)}`,
      '',
    ],
    ...bundles.map(({ file, size, budget, later }) => [
      `${file} (gzip -9, static chunks)`,
      `${size} B`,
      `budget ${budget} B; +${later} B on first use`,
    ]),
  ];
  const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w[0])}  ${b.padStart(w[1])}  ${c}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureFirstScreen();
  printFirstScreen(result);
  await writeFile(
    join(ROOT, 'bench/first-screen.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        environment: { cpus: os.cpus().length, load: os.loadavg() },
        ...result,
        sizes: sizes(),
      },
      null,
      2,
    ) + '\n',
  );
}
