// `node bench/timeline.mjs [widget|floor] [tools=1000] [--declared]`: one first load of the bench's widget page (or
// the floor page) against a loopback server of N tools, as a timeline: every request as the browser's network saw it
// (sent, answered, finished) and every main-thread task over 3 ms with what ran in it, in ms from navigation start,
// until the last tool title is shown. This is where first-screen time goes; bench/first-screen.mjs only measures it.
import puppeteer from 'puppeteer-core';
import { manyTools, startToolServer } from './widgets.mjs';
import { startPages } from './first-screen.mjs';

const kind = process.argv[2] === 'floor' ? 'floor' : 'widget';
const count = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1000);
const declared = process.argv.includes('--declared');
const tools = manyTools(count);
const server = await startToolServer(tools);
const pages = await startPages();
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
});
try {
  // --warm: one untraced load first in its own context, as the bench's later rounds see the browser.
  if (process.argv.includes('--warm')) {
    const warm = await browser.createBrowserContext();
    const p = await warm.newPage();
    await p.goto(`${pages.base}/${kind}.html?server=${encodeURIComponent(server.url)}`);
    await p.waitForFunction(() => document.querySelector('mcp-client, li'), { timeout: 60_000 });
    await warm.close();
  }
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const cdp = await page.createCDPSession();
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', ({ requestId, request, timestamp }) => {
    const method = /"method":"([^"]+)"/.exec(request.postData ?? '')?.[1];
    const name = method ?? `${request.method} ${new URL(request.url).pathname.split('/').pop() || '/'}`;
    requests.set(requestId, { name, sent: timestamp });
  });
  cdp.on('Network.responseReceived', ({ requestId, timestamp, response }) => {
    const r = requests.get(requestId);
    if (r) ((r.answered = timestamp), (r.status = response.status));
  });
  cdp.on('Network.loadingFinished', ({ requestId, timestamp }) => {
    const r = requests.get(requestId);
    if (r) r.done = timestamp;
  });
  await cdp.send('Network.enable');
  const last = tools.at(-1).title ?? tools.at(-1).name;
  await page.evaluateOnNewDocument(`window.__last = ${JSON.stringify(last)};
    (function frame() {
      const list = document.getElementById('list') ?? document.querySelector('mcp-client')?.shadowRoot?.querySelector('mcp-tool-list')?.shadowRoot?.querySelector('[part=list]');
      const li = list?.id === 'list' ? list.lastElementChild : list?.querySelector('[aria-posinset="${count}"]');
      const first = list?.id === 'list' ? list.children[19] : list?.querySelector('[aria-posinset="20"]');
      if (first && !window.__first) window.__first = performance.now();
      if (li && (li.querySelector('.name') ?? li).textContent.trim() === window.__last) window.__seen = performance.now();
      else requestAnimationFrame(frame);
    })();`);
  await page.tracing.start({
    categories: ['devtools.timeline', 'v8.execute', 'blink.user_timing', 'disabled-by-default-devtools.timeline'],
  });
  const url = `${pages.base}/${kind}.html?server=${encodeURIComponent(server.url)}${declared ? '&era=2025-11-25' : ''}`;
  await page.goto(url);
  await page.waitForFunction(() => window.__seen, { timeout: 60_000, polling: 20 });
  const { first, seen, origin } = await page.evaluate(() => ({
    first: window.__first,
    seen: window.__seen,
    origin: performance.timeOrigin,
  }));
  const trace = JSON.parse(new TextDecoder().decode(await page.tracing.stop()));
  // Navigation start on the trace clock (µs), from the page's own navigationStart mark.
  const nav = trace.traceEvents.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame);
  if (!nav) throw new Error('no navigationStart in the trace');
  const t0 = nav.ts;
  const main = trace.traceEvents.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === nav.pid,
  );
  const events = trace.traceEvents.filter((e) => e.pid === main?.pid && e.tid === main?.tid && e.ph === 'X');
  const rows = [];
  for (const r of requests.values()) {
    // Network timestamps are seconds on the monotonic clock; the trace's ts is the same clock in µs.
    const ms = (t) => (t === undefined ? '' : ((t * 1e6 - t0) / 1000).toFixed(1));
    rows.push([
      ms(r.sent),
      `→ ${r.name}`,
      `answered ${ms(r.answered)}${r.status ? ` (${r.status})` : ''}, done ${ms(r.done)}`,
    ]);
  }
  for (const m of trace.traceEvents.filter(
    (e) => e.cat?.includes('blink.user_timing') && e.pid === nav.pid && e.ts >= t0 && e.name !== 'navigationStart',
  ))
    rows.push([((m.ts - t0) / 1000).toFixed(1), `mark ${m.name}`, '']);
  for (const task of events.filter((e) => e.name === 'RunTask' && e.dur > 3000 && e.ts >= t0)) {
    const inside = events
      .filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e.dur > 1000)
      .filter((e) =>
        [
          'EvaluateScript',
          'FunctionCall',
          'ParseHTML',
          'Layout',
          'UpdateLayoutTree',
          'Paint',
          'v8.compileModule',
          'v8.evaluateModule',
          'TimerFire',
          'FireAnimationFrame',
          'EventDispatch',
          'RunMicrotasks',
          'v8.compile',
          'ResourceReceivedData',
        ].includes(e.name),
      )
      .map((e) => {
        const d = e.args?.data ?? {};
        const where = d.url
          ? ` ${d.url.split('/').pop()}${d.lineNumber ? `:${d.lineNumber}` : ''}`
          : d.functionName
            ? ` ${d.functionName}`
            : '';
        return `${e.name}${where} ${(e.dur / 1000).toFixed(1)}`;
      });
    rows.push([
      ((task.ts - t0) / 1000).toFixed(1),
      `task ${(task.dur / 1000).toFixed(1)} ms`,
      inside.slice(0, 6).join('; '),
    ]);
  }
  rows.sort((a, b) => a[0] - b[0]);
  console.log(
    `${kind}, ${count} tools${declared ? ', era declared' : ''}: first screen ${first?.toFixed(1)} ms, last tool ${seen.toFixed(1)} ms (origin ${origin})`,
  );
  for (const [t, what, detail] of rows) console.log(`${t.padStart(8)}  ${what.padEnd(28)} ${detail}`);
} finally {
  await browser.close();
  await server.close();
  pages.server.close();
}
