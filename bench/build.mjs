// Bundles the official SDK clients for the browser the way an app would ship them: tree-shaken,
// browser export conditions, minified with terser. Output goes to bench/.build (gitignored).
import { mkdir } from 'node:fs/promises';
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

export const BUILD_DIR = new URL('./.build/', import.meta.url);

/** Peer bundles: name -> entry module. */
export const PEERS = { sdk1: 'bench/entries/sdk1.mjs', sdk2: 'bench/entries/sdk2.mjs' };

/** Builds every peer bundle; resolves to {name: absolute path of the minified ESM file}. */
export async function buildPeers() {
  await mkdir(BUILD_DIR, { recursive: true });
  const out = {};
  for (const [name, input] of Object.entries(PEERS)) {
    const bundle = await rollup({
      input,
      onwarn: (w, warn) =>
        ['CIRCULAR_DEPENDENCY', 'THIS_IS_UNDEFINED', 'INVALID_ANNOTATION'].includes(w.code) ? undefined : warn(w),
      plugins: [
        replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
        resolve({ browser: true, preferBuiltins: false, exportConditions: ['browser', 'import', 'module', 'default'] }),
        commonjs(),
        json(),
        terser({ ecma: 2022, module: true, format: { comments: false } }),
      ],
    });
    const file = new URL(`${name}.js`, BUILD_DIR).pathname;
    await bundle.write({ file, format: 'es', inlineDynamicImports: true });
    await bundle.close();
    out[name] = file;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await buildPeers());
}
