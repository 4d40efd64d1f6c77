// `npm run docs:screenshots`: retakes the documentation site's screenshots (docs/screenshots/*.png) in headless
// Chromium: an element's page, the playground and Measured, each with its live examples connected to the demo
// servers. Serves the built site (docs/.vitepress/dist, for whatever base it was built with): run
// `npm run docs:build` first.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { serveDocs } from './docs-serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const index = path.join(ROOT, 'docs/.vitepress/dist/index.html');
if (!existsSync(index)) {
  console.error('docs:screenshots: no built site in docs/.vitepress/dist: run npm run docs:build first');
  process.exit(1);
}
// The base the site was built for: the prefix of its assets' URLs.
const base = /(?:href|src)="([^"]*?)assets\//.exec(readFileSync(index, 'utf8'))?.[1] ?? '/';

const SHOTS = [
  { file: 'element-page.png', page: 'elements/mcp-client.html' },
  // The live element with the options above it: from the first element of ours on the page.
  { file: 'playground.png', page: 'playground.html', scrollTo: 'mcp-element', offset: 140 },
  { file: 'measured.png', page: 'measured.html', scrollTo: '#at-a-glance', offset: 80 },
];

const out = path.join(ROOT, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const { url, close } = await serveDocs({ base, withServers: true });
const browser = await launchChromium();
let failed = false;
try {
  for (const shot of SHOTS) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 860, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    const response = await page.goto(new URL(shot.page, url).href, { waitUntil: 'load' });
    if (response?.status() !== 200) {
      console.error(`docs:screenshots: ${shot.page} answers ${response?.status()}; skipped`);
      failed = true;
      await page.close();
      continue;
    }
    await page.waitForFunction(() => document.querySelector('#app')?.__vue_app__, { timeout: 30_000, polling: 100 });
    // Live: every live example ready, and every element with a client connected with its tools listed.
    const live = await page
      .waitForFunction(
        () =>
          [...document.querySelectorAll('[data-live-example]')].every((el) => el.dataset.state === 'ready') &&
          [...document.querySelectorAll('*')]
            .filter((el) => el.localName.startsWith('mcp-') && el.client)
            .every((el) => el.client.state === 'ready'),
        { timeout: 30_000, polling: 100 },
      )
      .then(
        () => true,
        () => false,
      );
    if (!live) console.warn(`docs:screenshots: ${shot.page}: not every example connected within 30 s`);
    if (shot.scrollTo)
      await page.evaluate(
        (selector, offset) => {
          const target =
            selector === 'mcp-element'
              ? [...document.querySelectorAll('.VPContent *')].find((el) => el.localName.startsWith('mcp-'))
              : document.querySelector(selector);
          target?.scrollIntoView({ block: 'start' });
          window.scrollBy(0, -offset); // below the sticky navigation bar, with what leads to it
        },
        shot.scrollTo,
        shot.offset ?? 0,
      );
    // Two frames, so the last render and the scroll are painted.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: path.join(out, shot.file) });
    console.log(`docs/screenshots/${shot.file}`);
    await page.close();
  }
} finally {
  await browser.close();
  await close();
}
process.exit(failed ? 1 : 0);
