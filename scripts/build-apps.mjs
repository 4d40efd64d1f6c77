// Builds the framework test apps in test/apps/ (React 18, React 19, Vue 3, Angular) with Vite into
// test/apps/<app>/dist/, against the built package in dist/ (run rollup first): `mcp-web-components`
// and its subpaths resolve to dist/ as they would from node_modules. Each app resolves its own React
// or Vue from its workspace (resolve.dedupe), so React 18 and React 19 never mix.
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const alias = [
  { find: /^mcp-web-components\/react$/, replacement: `${root}dist/react.js` },
  { find: /^mcp-web-components(\/vue)?$/, replacement: `${root}dist/mcp-web-components.js` },
];
const apps = {
  react18: [react()],
  react19: [react()],
  // As in any Vite app that uses the elements: Vue must leave the mcp-* tags to the browser.
  vue: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('mcp-') } } })],
  // Angular compiled just in time (main.ts imports @angular/compiler): no plugin, no Angular CLI; its
  // tsconfig.json turns on the legacy decorators Angular's JIT reads.
  angular: [],
};

const started = Date.now();
for (const [name, plugins] of Object.entries(apps)) {
  await build({
    root: `${root}test/apps/${name}`,
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins,
    resolve: { alias, dedupe: ['react', 'react-dom', 'vue', '@angular/core'] },
    // chunkSizeWarningLimit: the Angular app carries the JIT compiler (about 1 MB), as JIT does.
    build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 2000 },
  });
}
console.log(`test apps built (${Object.keys(apps).join(', ')}) in ${Date.now() - started} ms`);
