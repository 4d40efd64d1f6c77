// Serves the BUILT documentation site (docs/.vitepress/dist, from `npm run docs:build`) on 127.0.0.1, for the
// docs test and for looking at a build. The shape:
//
//   import { serveDocs } from './scripts/docs-serve.mjs';
//   const { url, servers, close } = await serveDocs({ base: '/mcp-web-components/', withServers: true });
//
//   options   base         the sub-path the site was built for (DOCS_BASE at build time); default '/'.
//                          Must start and end with '/'. Requests outside it get 404.
//             withServers  start the demo servers (demo/servers.mjs: what `npm start` runs, plus a skills server)
//                          and serve their URLs at `${base}demo-servers.json`; default true. false: the built
//                          file, `{}`, as a static host serves it (every live example shows the "Server URL" field).
//             dir          the built site; default docs/.vitepress/dist
//             port         default 0 (a free port)
//   returns   url          'http://127.0.0.1:PORT' + base, the home page
//             servers      { mcpUrl, everythingUrl?, debugUrl?, sandboxUrl, skillsUrl? } as in demo-servers.json, or
//                          undefined without servers
//             close()      stops the site server and the demo servers (a Promise)
//
// Run on its own (`node scripts/docs-serve.mjs [--base /sub/] [--no-servers]`) it prints the URL and serves
// until Ctrl-C.
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileIn, listen, send, TYPES } from '../demo/servers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DOCS_DIST = path.join(ROOT, 'docs', '.vitepress', 'dist');

async function isFile(file) {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * @param {{base?: string, withServers?: boolean, dir?: string, port?: number}} [options]
 * @returns {Promise<{url: string, servers: undefined | {mcpUrl: string, everythingUrl?: string,
 *   debugUrl?: string, sandboxUrl: string, skillsUrl?: string}, close(): Promise<void>}>}
 */
export async function serveDocs({ base = '/', withServers = true, dir = DOCS_DIST, port = 0 } = {}) {
  if (!base.startsWith('/') || !base.endsWith('/')) throw new Error(`base must start and end with "/": ${base}`);
  if (!(await isFile(path.join(dir, 'index.html')))) {
    throw new Error(`${path.relative(ROOT, dir)}/index.html is missing: run npm run docs:build first`);
  }
  let demo;
  if (withServers) {
    const { startDemoServers } = await import('../demo/servers.mjs');
    demo = await startDemoServers({ quiet: true, skills: true });
  }
  const notFound = async (res) => {
    const page = path.join(dir, '404.html');
    if (await isFile(page)) return send(res, 404, await readFile(page), TYPES['.html']);
    send(res, 404, 'Not found\n');
  };
  const server = http.createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed\n');
    const { pathname } = new URL(req.url, 'http://localhost');
    if (pathname === base.slice(0, -1) && base !== '/') {
      res.writeHead(301, { Location: base });
      return res.end();
    }
    if (!pathname.startsWith(base)) return notFound(res);
    const rel = pathname.slice(base.length);
    if (rel === 'demo-servers.json' && demo) return send(res, 200, JSON.stringify(demo.config), TYPES['.json']);
    let file = fileIn(dir, rel);
    if (!file) return notFound(res);
    // A clean URL (/guide/x) finds x.html, as static hosts do.
    if (!(await isFile(file)) && path.extname(file) === '' && (await isFile(`${file}.html`))) file += '.html';
    if (!(await isFile(file))) return notFound(res);
    try {
      const body = await readFile(file);
      send(
        res,
        200,
        req.method === 'HEAD' ? undefined : body,
        TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      );
    } catch {
      send(res, 500, 'Internal error\n');
    }
  });
  let actual;
  try {
    actual = await listen(server, port, false);
  } catch (e) {
    await demo?.close();
    throw e;
  }
  return {
    url: `http://127.0.0.1:${actual}${base}`,
    servers: demo?.config,
    async close() {
      server.closeAllConnections();
      await Promise.allSettled([new Promise((r) => server.close(r)), demo?.close()]);
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--base');
  const base = i >= 0 ? args[i + 1] : (process.env.DOCS_BASE ?? '/');
  const site = await serveDocs({ base, withServers: !args.includes('--no-servers') });
  console.log(`\n  Documentation (built): ${site.url}\n\n  Press Ctrl-C to stop.\n`);
  const stop = async () => {
    setTimeout(() => process.exit(0), 3000).unref();
    await site.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
