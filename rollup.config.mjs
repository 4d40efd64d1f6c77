// Builds the browser bundles: dist/client.js (the headless core, no lit) and dist/mcp-web-components.js
// (ESM, every element), each with the auth code split into dist/chunks/ and loaded on first use;
// dist/mcp-web-components.iife.js (script tag, global McpWebComponents; its lazy chunks, auth among
// them, load from dist/chunks/iife-* beside it); dist/auth-callback.js (the OAuth callback page module);
// dist/sampling/*.js (the ready-made sampling handlers).
import { readFileSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { fileURLToPath } from 'node:url';
import { iifeChunks } from './scripts/iife-chunks.mjs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/** `before`: plugins that must see the code before terser does. */
const plugins = ({ before = [] } = {}) => [
  typescript({
    tsconfig: './tsconfig.json',
    include: ['src/**/*.ts'],
    declaration: false,
    noEmit: false,
    outDir: 'dist',
    tslib: fileURLToPath(new URL('./scripts/tslib-lite.mjs', import.meta.url)),
  }),
  resolve({ browser: true }),
  // src/core/version.ts reads the package's version from here (after typescript: it declares the name).
  replace({ preventAssignment: true, values: { __MCP_VERSION__: JSON.stringify(version) } }),
  ...before,
  ...(process.env.NOMIN
    ? []
    : [terser({ ecma: 2022, module: true, compress: { passes: 3 }, format: { comments: false, ascii_only: true } })]),
];

/**
 * Chunk file names as `chunks/<prefix><module>-<hash>.js`, a late half's dot turned into a dash
 * (`input.late.ts` -> `input-late-…`): servers, CSPs and tests match chunk URLs as `[\w-]+`.
 */
const chunkFile = (prefix) => (chunk) => `chunks/${prefix}${chunk.name.replace(/\./g, '-')}-[hash:6].js`;

export default [
  {
    // Authorization (src/core/auth with oauth4webapi) is imported on first use, so it lands in its own chunk.
    input: { client: 'src/client.ts', store: 'src/store.ts', workspace: 'src/workspace.ts' },
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: chunkFile(''),
    },
    plugins: plugins(),
  },
  {
    // Built apart from client.js so each file stands alone (one <script type=module> is enough).
    // `allow-extension` keeps the shared code in the entry itself (the lazy chunks import it from
    // there): a page fetches one file before it can run, not the entry and then its static chunk.
    input: { 'mcp-web-components': 'src/index.ts' },
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: chunkFile(''),
    },
    plugins: plugins(),
  },
  {
    // The MCP Apps sandbox proxy (spec mode): dist/sandbox.html and dist/sandbox.js, which a host serves from another
    // origin.
    input: 'src/sandbox/sandbox.ts',
    output: { file: 'dist/sandbox.js', format: 'es', sourcemap: true },
    plugins: [
      ...plugins(),
      {
        name: 'sandbox-page',
        generateBundle() {
          this.emitFile({
            type: 'asset',
            fileName: 'sandbox.html',
            source: readFileSync('src/sandbox/sandbox.html', 'utf8'),
          });
        },
      },
    ],
  },
  {
    // mcp-web-components/react: the @lit/react wrappers. React, @lit/react and the element bundle
    // stay imports (the app's bundler dedupes them), so this file holds the wrappers alone.
    input: 'src/frameworks/react/index.ts',
    external: (id) => id === 'react' || id === '@lit/react' || id === '../../index.js',
    output: {
      file: 'dist/react.js',
      format: 'es',
      sourcemap: true,
      paths: (id) => (id.endsWith('index.js') ? './mcp-web-components.js' : id),
    },
    plugins: plugins(),
  },
  {
    // The locale modules (dist/locales/de.js...): data alone, each its own file, for registerLocale().
    input: Object.fromEntries(['de', 'fr', 'es', 'ja', 'ar'].map((l) => [`locales/${l}`, `src/locales/${l}.ts`])),
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js' },
    plugins: plugins(),
  },
  {
    // The ready-made sampling handlers (mcp-web-components/sampling/openai, .../browser): each stands
    // alone (no chunk shared with the bundles), so a page loads only the one it passes as samplingHandler.
    input: { 'sampling/openai': 'src/sampling/openai.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js' },
    plugins: plugins(),
  },
  {
    input: { 'sampling/browser': 'src/sampling/browser.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js' },
    plugins: plugins(),
  },
  {
    // The OAuth callback module a host serves at its redirect URI.
    input: 'src/auth-callback.ts',
    output: { file: 'dist/auth-callback.js', format: 'es', sourcemap: true },
    plugins: plugins(),
  },
  {
    // The script-tag build: an ES build whose entry the iife-chunks plugin wraps into a classic script
    // (global McpWebComponents, and the package's former name `McpElements` as a deprecated alias);
    // its lazy chunks load from URLs relative to the script. `allow-extension` keeps all shared code in
    // the entry, so the script imports nothing statically.
    input: { 'mcp-web-components.iife': 'src/index.ts' },
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: chunkFile('iife-'),
    },
    plugins: plugins({ before: [iifeChunks({ name: 'McpWebComponents', alias: 'McpElements' })] }),
  },
  {
    // mcp-web-components/relay: the CORS relay's fetch handler alone (no lit, no client), for Node, Deno, Bun and
    // Workers.
    input: 'src/relay/index.ts',
    output: { file: 'dist/relay.js', format: 'es', sourcemap: true },
    plugins: plugins(),
  },
  {
    // The relay's node:http adapter (dist/relay-node.js) and the `mcp-web-components relay` command (dist/cli.js):
    // plain Node modules over dist/relay.js.
    input: { 'relay-node': 'src/relay/node.mjs', cli: 'src/relay/cli.mjs' },
    external: (id) => id.startsWith('node:') || id === './index.js' || id === './relay-node.js',
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      paths: (id) => (id.endsWith('/index.js') ? './relay.js' : id.endsWith('/relay-node.js') ? './relay-node.js' : id),
    },
  },
];
