// Prints the gzip -9 size of each bundle against its budget (DESIGN.md §5).
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const budgets = { 'dist/client.js': 15_000, 'dist/mcp-elements.js': 60_000 };
let over = false;
for (const [file, budget] of Object.entries(budgets)) {
  if (!existsSync(file)) continue;
  const size = gzipSync(readFileSync(file), { level: 9 }).length;
  over ||= size > budget;
  console.log(`${file.padEnd(24)} ${String(size).padStart(6)} B gzip -9   budget ${budget} B   ${size > budget ? 'OVER' : 'ok'}`);
}
process.exit(over ? 1 : 0);
