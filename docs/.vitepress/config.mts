// The documentation site (VitePress, as the official MCP TypeScript SDK uses). Sources in docs/; `npm run docs`
// serves it with the demo servers, `npm run docs:build` writes it to docs/.vitepress/dist.
import { defineConfig } from 'vitepress';
import type { Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const base = process.env.DOCS_BASE ?? '/';

/** `npm run docs` (scripts/docs.mjs) puts the demo servers' URLs in MCP_DOCS_SERVERS: served as demo-servers.json. */
const demoServers: Plugin = {
  name: 'mcp-docs-demo-servers',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      const pathname = (req.url ?? '').split('?')[0];
      const json = process.env.MCP_DOCS_SERVERS;
      if (!json || (pathname !== `${base}demo-servers.json` && pathname !== '/demo-servers.json')) return next();
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(json);
    });
  },
};

export default defineConfig({
  title: 'mcp-web-components',
  description: 'The MCP client any web page can embed: web components that connect the browser to remote MCP servers.',
  // A project page serves the site under a sub-path: DOCS_BASE=/mcp-web-components/ npm run docs:build
  base,
  cleanUrls: false,
  lastUpdated: false,
  srcExclude: ['**/_intros/**', 'README.md'],
  // No favicon: an empty one, so the browser asks for no /favicon.ico (a 404 in the console).
  head: [['link', { rel: 'icon', href: 'data:,' }]],
  vue: { template: { compilerOptions: { isCustomElement: (tag: string) => tag.startsWith('mcp-') } } },
  vite: {
    plugins: [demoServers],
    resolve: {
      alias: [
        { find: /^mcp-web-components$/, replacement: `${dist}mcp-web-components.js` },
        // VitePress's search button is named "Search" but reads "Search Ctrl K" (axe: label-content-name-mismatch):
        // the same button without the aria-label.
        {
          find: /^.*\/VPNavBarSearchButton\.vue$/,
          replacement: fileURLToPath(new URL('./theme/components/SearchButton.vue', import.meta.url)),
        },
      ],
    },
    server: { host: '127.0.0.1', fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] } },
  },
  // github-light's comment and keyword colours fail axe's contrast check on the code background.
  markdown: { theme: { light: 'github-light-high-contrast', dark: 'github-dark' } },
  themeConfig: {
    search: { provider: 'local' },
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Elements', link: '/elements/' },
      { text: 'API', link: '/api/' },
      { text: 'Playground', link: '/playground' },
      { text: 'Measured', link: '/measured' },
    ],
    sidebar: [
      {
        text: 'Start',
        items: [
          { text: 'Getting started', link: '/guide/getting-started' },
          { text: 'Frameworks', link: '/guide/frameworks' },
          { text: 'For server operators', link: '/guide/server-operators' },
          { text: 'The CORS relay', link: '/guide/relay' },
        ],
      },
      {
        text: 'Guides',
        items: [
          { text: 'Theming', link: '/guide/theming' },
          { text: 'Events', link: '/guide/events' },
          { text: 'The schema form', link: '/guide/schema-form' },
          { text: 'Signing in', link: '/guide/sign-in' },
          { text: 'A person in charge', link: '/guide/human-in-the-loop' },
          { text: 'Sampling handlers', link: '/guide/sampling' },
          { text: 'MCP Apps', link: '/guide/apps' },
          { text: 'Tasks', link: '/guide/tasks' },
          { text: 'Skills', link: '/guide/skills' },
          { text: 'Several servers', link: '/guide/several-servers' },
          { text: 'Sessions and persistence', link: '/guide/persistence' },
          { text: 'The headless client', link: '/guide/headless' },
          { text: 'Security model', link: '/guide/security' },
          { text: 'Accessibility and locales', link: '/guide/accessibility' },
        ],
      },
      { text: 'Elements', link: '/elements/' },
      { text: 'API reference', link: '/api/' },
      { text: 'Playground', link: '/playground' },
      { text: 'Measured', link: '/measured' },
    ],
  },
});
