// Builds the browser bundles: dist/client.js (the headless core, no lit) and dist/mcp-web-components.js
// (ESM, every element), each with the auth code split into dist/chunks/ and loaded on first use;
// dist/mcp-web-components.iife.js (script tag, global McpWebComponents, auth inlined); dist/auth-callback.js
// (the OAuth callback page module).
import { readFileSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/** `module: false` for the IIFE: terser would otherwise drop its top-level `var McpWebComponents` as unused. */
const plugins = ({ module = true } = {}) => [
  typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts'], declaration: false, noEmit: false, outDir: 'dist' }),
  resolve({ browser: true }),
  terser({ ecma: 2022, module, compress: { passes: 3 }, format: { comments: false, ascii_only: true } }),
];

export default [
  {
    // Authorization (src/core/auth with oauth4webapi) is imported on first use, so it lands in its own chunk.
    input: { client: 'src/client.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: plugins(),
  },
  {
    // Built apart from client.js so each file stands alone (one <script type=module> is enough).
    input: { 'mcp-web-components': 'src/index.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: plugins(),
  },
  {
    // The MCP Apps sandbox proxy (spec mode): dist/sandbox.html and dist/sandbox.js, which a host serves from another origin.
    input: 'src/apps/sandbox.ts',
    output: { file: 'dist/sandbox.js', format: 'es', sourcemap: true },
    plugins: [...plugins(), { name: 'sandbox-page', generateBundle() { this.emitFile({ type: 'asset', fileName: 'sandbox.html', source: readFileSync('src/apps/sandbox.html', 'utf8') }); } }],
  },
  {
    // mcp-web-components/react: the @lit/react wrappers. React, @lit/react and the element bundle
    // stay imports (the app's bundler dedupes them), so this file holds the wrappers alone.
    input: 'src/react/index.ts',
    external: (id) => id === 'react' || id === '@lit/react' || id === '../index.js',
    output: { file: 'dist/react.js', format: 'es', sourcemap: true, paths: (id) => (id.endsWith('index.js') ? './mcp-web-components.js' : id) },
    plugins: plugins(),
  },
  {
    // The locale modules (dist/locales/de.js...): data alone, each its own file, for registerLocale().
    input: Object.fromEntries(['de', 'fr', 'es', 'ja', 'ar'].map((l) => [`locales/${l}`, `src/locales/${l}.ts`])),
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
    // The script-tag build: one file, so the lazily imported auth code is inlined. The footer keeps
    // the global of the package's former name, `McpElements`, as a deprecated alias (a few bytes).
    input: 'src/index.ts',
    output: { file: 'dist/mcp-web-components.iife.js', format: 'iife', name: 'McpWebComponents', footer: 'var McpElements = McpWebComponents;', sourcemap: true, inlineDynamicImports: true },
    plugins: plugins({ module: false }),
  },
];
