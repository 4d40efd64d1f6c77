// Takes the README screenshots (docs/widget-light.png, docs/widget-dark.png) of the demo page in
// headless Chromium: <mcp-client> on server-everything with a tool run. Needs `npm start` running;
// pass its page URL: node scripts/screenshots.mjs http://127.0.0.1:8080/
import { launchChromium } from './chromium.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:8080/';
const browser = await launchChromium();
const deep = (page, fn, ...args) => page.waitForFunction(fn, { timeout: 20_000, polling: 100 }, ...args);

try {
  for (const theme of ['light', 'dark']) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 900, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: theme }]);
    await page.goto(`${base}?server=everything&theme=${theme}`);
    // Wait for the tool list, pick a tool, fill it and run it.
    await deep(
      page,
      () =>
        document
          .getElementById('widget')
          ?.shadowRoot?.querySelector('mcp-tool-list')
          ?.shadowRoot?.querySelectorAll('button').length > 3,
    );
    await page.evaluate(() => {
      const list = document.getElementById('widget').shadowRoot.querySelector('mcp-tool-list');
      [...list.shadowRoot.querySelectorAll('button')].find((b) => b.textContent.includes('Get Sum'))?.click();
    });
    await deep(page, () =>
      document
        .getElementById('widget')
        .shadowRoot.querySelector('mcp-tool-form')
        ?.shadowRoot?.querySelector('mcp-schema-form'),
    );
    await page.evaluate(() => {
      const form = document.getElementById('widget').shadowRoot.querySelector('mcp-tool-form');
      form.values = { a: 19, b: 23 };
    });
    await new Promise((r) => setTimeout(r, 300));
    await page.evaluate(() => {
      const form = document.getElementById('widget').shadowRoot.querySelector('mcp-tool-form');
      [...form.shadowRoot.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Run').click();
    });
    await deep(page, () =>
      document
        .getElementById('widget')
        .shadowRoot.querySelector('mcp-tool-form')
        .shadowRoot.querySelector('mcp-result-view'),
    );
    await new Promise((r) => setTimeout(r, 500));
    await page.screenshot({ path: `docs/widget-${theme}.png` });
    console.log(`docs/widget-${theme}.png`);
    await page.close();
  }
} finally {
  await browser.close();
}
