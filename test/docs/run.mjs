// `npm run test:docs`: the built documentation site in headless Chromium, served under a sub-path (as a project page
// is) beside the demo servers. It builds nothing: `npm run test:docs` builds the site first with
// DOCS_BASE=/mcp-web-components/; run on its own it expects that build in docs/.vitepress/dist.
//
// Every page of the site: loads (200) with no page error and no console error other than the negotiation probes
// (a 400, 404 or 405 from an MCP server's own endpoint: `server/discover` or the GET stream on a legacy server);
// every live example ([data-live-example]) reaches data-state="ready"; axe finds no violations; every internal link
// (same origin, under the base) answers 200 and its #fragment exists on the target page. Then the playground's HTML
// snippet, pasted into a blank page served here (its script URL replaced by the built dist/ file), connects and
// shows tools. Prints one line a page and a summary; exits 1 on any failure.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../scripts/chromium.mjs';
import { serveDocs } from '../../scripts/docs-serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SITE = path.join(ROOT, 'docs/.vitepress/dist');
const BASE = process.env.DOCS_BASE ?? '/mcp-web-components/';
const TABS = Number(process.env.DOCS_TEST_TABS ?? 3); // pages tested at once
const READY_MS = 45_000; // for the live examples of one page
const WATCHDOG_MS = 10 * 60_000;
/** A regular expression: only the pages whose path matches it (while working on some pages; not for CI). */
const ONLY = process.env.DOCS_TEST_PAGES ? new RegExp(process.env.DOCS_TEST_PAGES) : undefined;

const failures = [];
const fail = (where, what) => {
  failures.push(`${where}: ${what}`);
  return false;
};
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

// The build this test expects: present, and made for this base (its asset URLs start with it).
if (!existsSync(path.join(SITE, 'index.html'))) {
  console.error(
    `test:docs: no built site in docs/.vitepress/dist. Build it first:\n  DOCS_BASE=${BASE} npm run docs:build\n` +
      '(or run `npm run test:docs`, which builds it and then runs this test)',
  );
  process.exit(1);
}
if (!readFileSync(path.join(SITE, 'index.html'), 'utf8').includes(`${BASE}assets/`)) {
  console.error(
    `test:docs: docs/.vitepress/dist was not built for the base ${BASE}. Build it again:\n  DOCS_BASE=${BASE} npm run docs:build`,
  );
  process.exit(1);
}
const watchdog = setTimeout(() => {
  console.error(`test:docs: still running after ${WATCHDOG_MS / 60_000} min, giving up`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

/** Every page of the built site, as a path under the base (404.html is the not-found page, not a page). */
function sitePages(dir = SITE) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'assets' ? [] : sitePages(full);
    if (!name.endsWith('.html') || full === path.join(SITE, '404.html')) return [];
    return [path.relative(SITE, full).split(path.sep).join('/')];
  });
}

/**
 * A blank page for the pasted snippet and the built dist/ beside it (another origin than the site's), and axe-core
 * (a cached script: Chromium keeps its compiled code from page to page, where an injected copy is parsed anew).
 */
async function servePaste() {
  let body = '';
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    if (pathname === '/') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    if (pathname === '/axe.min.js')
      return res
        .writeHead(200, {
          'content-type': 'text/javascript; charset=utf-8',
          'cache-control': 'max-age=3600',
          'access-control-allow-origin': '*',
        })
        .end(axeSource);
    const file = path.resolve(ROOT, `.${pathname}`);
    if (!pathname.startsWith('/dist/') || !file.startsWith(path.join(ROOT, 'dist') + path.sep) || !existsSync(file))
      return res.writeHead(404).end();
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.json') ? 'application/json' : 'text/plain';
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    set: (html) => (body = html),
    close: () => (server.closeAllConnections(), new Promise((r) => server.close(r))),
  };
}

const { url: site, servers, close } = await serveDocs({ base: BASE, withServers: true });
const origin = new URL(site).origin;
const mcpEndpoints = Object.values(servers ?? {}).filter((u) => typeof u === 'string');
const axeSource = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const paste = await servePaste();
const browser = await launchChromium([
  '--disable-component-update',
  // Several pages at once, all but one in the background: keep their timers and frames running.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
]);

/**
 * An expected console error: an MCP server's endpoint answering a negotiation probe with 400, 404 or 405; or the
 * browser's own request for /favicon.ico at the host's root, outside the site (a project page does not own it).
 */
const isExpected = (message) => {
  const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(message.text())?.[1];
  const at = message.location()?.url ?? '';
  if (status === '404' && at === `${origin}/favicon.ico`) return true;
  if (!['400', '404', '405'].includes(status)) return false;
  return mcpEndpoints.some((endpoint) => at === endpoint || at.startsWith(`${endpoint}?`));
};

/** Opens a page, collecting its page errors and console errors (the probes left out). */
async function open(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !isExpected(m))
      errors.push(`console error: ${m.text()}${m.location()?.url ? ` (${m.location().url})` : ''}`);
  });
  await page.setViewport({ width: 1280, height: 900 });
  const response = await page.goto(url, { waitUntil: 'load' });
  return { page, errors, status: response?.status() };
}

const links = new Map(); // link target without its fragment -> { fragments: Set, from: page }

async function testPage(rel) {
  const where = `/${rel}`;
  const t0 = Date.now();
  const { page, errors, status } = await open(new URL(rel, site).href);
  let ok = status === 200 || fail(where, `HTTP ${status}`);
  let examples = 0;
  try {
    // Hydrated: VitePress mounts its Vue app on #app.
    await page.waitForFunction(() => document.querySelector('#app')?.__vue_app__, { timeout: 30_000, polling: 100 });
    // Every live example reaches "ready" (or "error", which fails at once).
    examples = await page.$$eval('[data-live-example]', (els) => els.length);
    if (examples) {
      const settled = await page
        .waitForFunction(
          () =>
            [...document.querySelectorAll('[data-live-example]')].every(
              (el) => el.getAttribute('data-state') === 'ready' || el.getAttribute('data-state') === 'error',
            ),
          { timeout: READY_MS, polling: 100 },
        )
        .then(
          () => true,
          () => false,
        );
      const states = await page.$$eval('[data-live-example]', (els) =>
        els.map((el, i) => ({
          i,
          state: el.getAttribute('data-state'),
          text: (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 160),
        })),
      );
      for (const s of states)
        if (s.state !== 'ready')
          ok = fail(
            where,
            `live example ${s.i + 1} is "${s.state}"${settled ? '' : ` after ${READY_MS / 1000} s`}: ${s.text}`,
          );
    }
    // Internal links: same origin, under the base.
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
    for (const href of hrefs) {
      const u = new URL(href);
      if (u.origin !== origin || !u.pathname.startsWith(BASE)) continue;
      const target = `${u.origin}${u.pathname}`;
      const entry = links.get(target) ?? { fragments: new Set(), from: where };
      if (u.hash.length > 1) entry.fragments.add(decodeURIComponent(u.hash.slice(1)));
      links.set(target, entry);
    }
    // axe, over the page as the reader sees it (the live examples' shadow roots included).
    await page.addScriptTag({ url: `${paste.url}axe.min.js` });
    const violations = await page.evaluate(async () => {
      const { violations } = await window.axe.run(document, { resultTypes: ['violations'] });
      return violations.map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' > ')),
        count: v.nodes.length,
      }));
    });
    for (const v of violations)
      ok = fail(where, `axe ${v.id} (${v.help}) on ${v.count} node(s): ${v.nodes.join(' | ')}`);
  } catch (e) {
    ok = fail(where, e.message);
  } finally {
    for (const e of errors) ok = fail(where, e);
    await page.close();
  }
  const live = examples ? `, ${examples} live example${examples === 1 ? '' : 's'}` : '';
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${where} (${((Date.now() - t0) / 1000).toFixed(1)} s${live})`);
}

/** Each internal link answers 200, and its fragment is an id on the page it names. */
async function testLinks() {
  let bad = 0;
  for (const [target, { fragments, from }] of links) {
    const response = await fetch(target);
    if (response.status !== 200) {
      bad++;
      fail(from, `link ${target} answers ${response.status}`);
      continue;
    }
    if (!fragments.size || !(response.headers.get('content-type') ?? '').includes('html')) continue;
    const html = await response.text();
    for (const f of fragments) {
      const escaped = f.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
      if (!html.includes(`id="${escaped}"`) && !html.includes(`id="${f}"`)) {
        bad++;
        fail(from, `link ${target}#${f}: no such id on that page`);
      }
    }
  }
  console.log(`${bad ? 'FAIL' : 'ok  '} ${links.size} internal link targets${bad ? `, ${bad} broken` : ''}`);
}

/** The playground's HTML snippet, pasted into a blank page with the built bundle, connects and shows tools. */
async function testSnippet() {
  const where = 'playground snippet';
  const { page, errors } = await open(new URL('playground.html', site).href);
  let snippet;
  try {
    await page.waitForSelector('[data-snippet="html"]', { timeout: 30_000 });
    // The snippet once the playground has its server: a URL in it.
    await page.waitForFunction(
      () => {
        const el = document.querySelector('[data-snippet="html"]');
        return /https?:\/\/127\.0\.0\.1:\d+/.test(el && 'value' in el ? el.value : (el?.textContent ?? ''));
      },
      { timeout: 30_000, polling: 100 },
    );
    snippet = await page.$eval('[data-snippet="html"]', (el) => ('value' in el ? el.value : el.textContent));
  } catch (e) {
    fail(where, `no HTML snippet with a server URL on the playground: ${e.message}`);
  } finally {
    for (const e of errors) fail('/playground.html (snippet)', e);
    await page.close();
  }
  if (!snippet) return console.log(`FAIL ${where}`);
  // The package's files, wherever the snippet loads them from (the reader's own node_modules/…/dist/, a CDN): the
  // same files of the built dist/, in a <script src> or an import alike.
  let replaced = 0;
  const html = snippet.replace(/(["'])[^"'\s]*?\bdist\/([\w./-]+\.js)\1/g, (whole, q, file) => {
    if (!existsSync(path.join(ROOT, 'dist', file))) return whole;
    replaced++;
    return `${q}${paste.url}dist/${file}${q}`;
  });
  if (!replaced) {
    fail(where, `the snippet loads nothing from the package's dist/:\n${snippet}`);
    return console.log(`FAIL ${where}`);
  }
  paste.set(
    `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Pasted</title></head>\n<body>\n${html}\n</body>\n</html>\n`,
  );
  const pasted = await open(paste.url);
  try {
    await pasted.page.waitForFunction(
      () => {
        const els = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('mcp-'));
        const clients = els.map((el) => el.client).filter(Boolean);
        return (
          els.length > 0 &&
          clients.length > 0 &&
          clients.every((c) => c.state === 'ready') &&
          clients.some((c) => (c.catalogue?.tools?.length ?? 0) > 0)
        );
      },
      { timeout: 30_000, polling: 100 },
    );
    console.log(`ok   ${where}: pasted into a blank page, connected, tools shown`);
  } catch {
    const state = await pasted.page.evaluate(() =>
      [...document.querySelectorAll('*')]
        .filter((el) => el.localName.startsWith('mcp-'))
        .map(
          (el) =>
            `<${el.localName}> client ${el.client?.state ?? 'none'}, ${el.client?.catalogue?.tools?.length ?? 0} tools`,
        )
        .join('; '),
    );
    fail(where, `did not connect and show tools within 30 s (${state || 'no mcp- element'}):\n${html}`);
    console.log(`FAIL ${where}`);
  } finally {
    for (const e of pasted.errors) fail(where, e);
    await pasted.page.close();
  }
}

try {
  const all = sitePages();
  const pages = ONLY ? all.filter((p) => ONLY.test(p)) : all;
  if (ONLY) console.log(`test:docs: DOCS_TEST_PAGES=${ONLY.source}: ${pages.length} of ${all.length} pages`);
  console.log(`test:docs: ${pages.length} pages of ${site} (demo servers: ${mcpEndpoints.length})`);
  const queue = [...pages];
  await Promise.all(
    Array.from({ length: Math.min(TABS, queue.length) }, async () => {
      while (queue.length) await testPage(queue.shift());
    }),
  );
  await testLinks();
  if (all.includes('playground.html')) {
    if (!ONLY || ONLY.test('playground.html')) await testSnippet();
  } else fail('playground snippet', 'no playground.html in the built site');
} finally {
  await browser.close().catch(() => {});
  await paste.close();
  await close();
}

if (failures.length) {
  console.log(`\ntest:docs: ${failures.length} failure(s) in ${seconds()} s:`);
  for (const f of failures) console.log(`  - ${f}`);
  process.exit(1);
}
console.log(
  `\ntest:docs: every page, live example, link and axe check passed, and the pasted snippet works (${seconds()} s)`,
);
process.exit(0);
