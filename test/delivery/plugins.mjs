// Dev-server pieces the delivery and framework tests need, kept apart from web-test-runner.config.mjs:
// - /__event-coverage.json: which `mcp-*` events some test file waits for (the manifest test checks
//   that every event the manifest lists is one of them);
// - /__cp1252/…: a page and the script-tag build served with no charset at all, as a careless host
//   would, so the browser decodes both as windows-1252 (the encoding test);
// - the `mcp-screenshot` command: saves a PNG of the test page to test/screenshots/ (the RTL test).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url);

/** Names of the `mcp-*` events each test file listens for. */
function eventCoverage() {
  const files = readdirSync(new URL('test/', root), { recursive: true }).filter(
    (f) => f.endsWith('.test.ts') && !f.startsWith('apps/'),
  );
  const seen = {};
  for (const f of files) {
    const text = readFileSync(new URL(`test/${f}`, root), 'utf8');
    // firedOnClick (mcp-app-view.test.ts) clicks in the view and waits for the event with oneEvent.
    for (const [, name] of text.matchAll(
      /(?:(?:oneEvent|nextEvent|addEventListener|waitFor)\([^'"]*|firedOnClick(?:<[^>]*>)?\([^;]*?)['"](mcp-[\w-]+)['"]/g,
    ))
      (seen[name] ??= new Set()).add(f);
    for (const [, name] of text.matchAll(/[@\s](?:on)?(mcp-[\w-]+)=\$\{/g)) (seen[name] ??= new Set()).add(f);
  }
  return Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, [...v]]));
}

const cp1252Page = `<!doctype html>
<html lang="en">
<head>
<meta charset="windows-1252">
<title>A page in windows-1252</title>
</head>
<body>
<p id="own">Caf\xe9 \xb7 na\xefve</p>
<mcp-client></mcp-client>
<script src="/__cp1252/mcp-web-components.iife.js"></script>
</body>
</html>
`;

export const deliveryPlugins = [
  {
    name: 'mcp-delivery',
    async serve(context) {
      if (context.path === '/__event-coverage.json')
        return { body: JSON.stringify(eventCoverage()), type: 'application/json' };
    },
  },
];

/** Koa middleware: the cp1252 page and script, bytes as they are, Content-Type without a charset. */
export function charsetMiddleware(ctx, next) {
  if (ctx.path === '/__cp1252/page.html') {
    ctx.body = Buffer.from(cp1252Page, 'latin1');
    ctx.set('Content-Type', 'text/html');
    return;
  }
  // The script and the chunks it loads from beside itself (the validator, auth...), served alike.
  const script = /^\/__cp1252\/(mcp-web-components\.iife\.js|chunks\/iife-[\w-]+\.js)$/.exec(ctx.path);
  if (script) {
    ctx.body = readFileSync(new URL(`dist/${script[1]}`, root));
    ctx.set('Content-Type', 'text/javascript');
    return;
  }
  return next();
}

/**
 * The `mcp-screenshot` command: `{ name }` -> test/screenshots/<name>.png of the whole page; returns its size in bytes.
 */
export const screenshotPlugin = {
  name: 'mcp-screenshot',
  async executeCommand({ command, payload, session }) {
    if (command !== 'mcp-screenshot') return undefined;
    const page = session.browser.getPage(session.id);
    const png = await page.screenshot({ fullPage: true });
    const dir = new URL('test/screenshots/', root);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir.pathname, `${String(payload.name).replace(/[^\w-]/g, '')}.png`), png);
    return png.length;
  },
};
