// Runs the unit tier: every test/unit/**/*.test.ts with Node's test runner (node:test), TypeScript
// through tsx. Node 20's --test takes no globs for .ts files, so the files are listed here.
//   node scripts/unit.mjs           all files in this one process (a process per file would cost
//                                   about a second of tsx start-up each)
//   node scripts/unit.mjs --watch   node --import tsx --test --watch: reruns a file when it or
//                                   what it imports changes
// The summary ("# pass N", "# fail N" under TAP; "ℹ pass N" on a terminal) is node's own.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = 'test/unit';
const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => join(root, f))
  .sort();

if (process.argv.includes('--watch')) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--watch', ...files], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  // node:test runs the tests these files declare once they are loaded, and sets the exit code on a failure.
  for (const f of files) await import(pathToFileURL(resolve(f)).href);
}
