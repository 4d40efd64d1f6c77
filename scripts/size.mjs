// Prints the gzip -9 size of each bundle against its budget (DESIGN.md §5). An ESM entry counts
// with every chunk it imports statically (what a page must load before it runs); chunks loaded
// on first use (auth) are shown apart.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const gz = (text) => gzipSync(text, { level: 9 }).length;

/** The file and every chunk it imports statically, and the chunks it imports lazily. */
function closure(file, seen = new Set(), lazy = new Set()) {
  if (seen.has(file)) return { seen, lazy };
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const [, spec] of code.matchAll(/(?:^|[;}\s])(?:import|export)[^"'()]*?from\s*["'](\.[^"']+)["']/g)) closure(join(dirname(file), spec), seen, lazy);
  for (const [, spec] of code.matchAll(/import\(\s*["'](\.[^"']+)["']\s*\)/g)) lazy.add(join(dirname(file), spec));
  return { seen, lazy };
}

const budgets = { 'dist/client.js': 15_000, 'dist/mcp-web-components.js': 60_000, 'dist/mcp-web-components.iife.js': undefined };
let over = false;
for (const [file, budget] of Object.entries(budgets)) {
  if (!existsSync(file)) continue;
  const { seen, lazy } = closure(file);
  for (const f of seen) lazy.delete(f);
  const size = gz([...seen].map((f) => readFileSync(f, 'utf8')).join('\n'));
  const later = lazy.size ? gz([...lazy].map((f) => readFileSync(f, 'utf8')).join('\n')) : 0;
  over ||= budget !== undefined && size > budget;
  const verdict = budget === undefined ? '(everything inlined, auth included)' : `budget ${budget} B   ${size > budget ? 'OVER' : 'ok'}`;
  console.log(`${file.padEnd(26)} ${String(size).padStart(6)} B gzip -9   ${verdict}${later ? `   + ${later} B loaded on first use` : ''}`);
}
// The MCP Apps chunk (<mcp-app-view> and its bridge), loaded only when a tool has a view: at most 8 kB.
const apps = readdirSync('dist/chunks').find((f) => f.endsWith('.js') && readFileSync(join('dist/chunks', f), 'utf8').includes('"mcp-app-view"'));
if (apps) {
  const size = gz(readFileSync(join('dist/chunks', apps), 'utf8'));
  over ||= size > 8_000;
  console.log(`${'apps chunk'.padEnd(26)} ${String(size).padStart(6)} B gzip -9   budget 8000 B   ${size > 8_000 ? 'OVER' : 'ok'}   (dist/chunks/${apps}, lazy)`);
}
process.exit(over ? 1 : 0);
