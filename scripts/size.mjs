// Prints the gzip -9 size of each bundle against its budget (ARCHITECTURE.md, Dependencies and budgets) and exits
// non-zero when one is over its budget (dist/client.js: its ceiling, until it is back under). An entry counts with
// every chunk it imports statically (what a page must load before it runs); chunks loaded on first use (auth, the
// validator, HTTP+SSE, diagnostics) are shown apart.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const gz = (text) => gzipSync(text, { level: 9 }).length;

/**
 * The file and every chunk it imports statically, and the chunks it imports lazily (the script-tag build's
 * `import(new URL("./chunks/…", base))` included).
 */
export function closure(file, seen = new Set(), lazy = new Set()) {
  if (seen.has(file)) return { seen, lazy };
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, spec] of code.matchAll(/(?:^|[;}\s])(?:import|export)[^"'()]*?from\s*["'](\.[^"']+)["']/g))
    closure(join(dirname(file), spec), seen, lazy);
  for (const [, spec] of code.matchAll(/import\(\s*(?:new URL\(\s*)?["'](\.[^"']+)["']/g))
    lazy.add(join(dirname(file), spec));
  return { seen, lazy };
}

/** Budgets in bytes, gzip -9 (ARCHITECTURE.md, Dependencies and budgets). */
export const budgets = {
  'dist/client.js': 12_000,
  'dist/mcp-web-components.js': 50_000,
  'dist/mcp-web-components.iife.js': 55_000,
};
/**
 * What `npm run size` fails over instead of the budget, for a bundle not yet back under it (issue 15):
 * only dist/client.js, 12,634 B on 2 December 2026, with room for the relay option. A bundle over
 * its budget but under its ceiling is reported, not failed; no bundle may grow past it. Every other
 * bundle fails over its budget.
 */
export const ceilings = { 'dist/client.js': 12_750 };

/** The sampling handlers' entries (issue 16), apart from the bundles: a page adds one to whichever bundle it uses. */
export const samplingBudgets = { 'dist/sampling/openai.js': 3_000, 'dist/sampling/browser.js': 3_000 };

/** Each bundle's size with its static chunks, and what it loads on first use. */
export function sizes() {
  return Object.entries(budgets)
    .filter(([file]) => existsSync(file))
    .map(([file, budget]) => {
      const { seen, lazy } = closure(file);
      for (const f of seen) lazy.delete(f);
      const size = gz([...seen].map((f) => readFileSync(f, 'utf8')).join('\n'));
      const later = lazy.size ? gz([...lazy].map((f) => readFileSync(f, 'utf8')).join('\n')) : 0;
      return { file, budget, size, later };
    });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let over = false;
  for (const { file, budget, size, later } of sizes()) {
    const ceiling = ceilings[file] ?? budget;
    over ||= size > ceiling;
    const verdict =
      size <= budget
        ? 'ok'
        : size <= ceiling
          ? `over by ${size - budget} B (ceiling ${ceiling} B)`
          : ceiling === budget
            ? 'OVER budget'
            : `OVER the ceiling ${ceiling} B`;
    console.log(
      `${file.padEnd(32)} ${String(size).padStart(6)} B gzip -9   budget ${budget} B   ${verdict}${later ? `   + ${later} B loaded on first use` : ''}`,
    );
  }
  // The MCP Apps chunk (<mcp-app-view> and its bridge), loaded only when a tool has a view: at most 8 kB.
  // <mcp-app-view> is defined with every element; its body is the lazy chunk (the newest, as dist/ is not cleaned).
  const apps = readdirSync('dist/chunks')
    .filter((f) => /^mcp-app-view-late-.*\.js$/.test(f))
    .sort((a, b) => statSync(join('dist/chunks', b)).mtimeMs - statSync(join('dist/chunks', a)).mtimeMs)[0];
  if (apps) {
    const size = gz(readFileSync(join('dist/chunks', apps), 'utf8'));
    over ||= size > 8_000;
    console.log(
      `${'apps chunk (lazy)'.padEnd(32)} ${String(size).padStart(6)} B gzip -9   budget 8000 B   ${size > 8_000 ? 'OVER' : 'ok'}   (dist/chunks/${apps})`,
    );
  }
  // The ready-made sampling handlers, each a page's only import for its model: at most 3 kB each, with their static
  // chunks.
  for (const [file, budget] of Object.entries(samplingBudgets).filter(([f]) => existsSync(f))) {
    const size = gz([...closure(file).seen].map((f) => readFileSync(f, 'utf8')).join('\n'));
    over ||= size > budget;
    console.log(
      `${file.padEnd(32)} ${String(size).padStart(6)} B gzip -9   budget ${budget} B   ${size > budget ? 'OVER' : 'ok'}`,
    );
  }
  if (over) console.error('A bundle is over its budget (scripts/size.mjs; ARCHITECTURE.md, Dependencies and budgets).');
  process.exit(over ? 1 : 0);
}
