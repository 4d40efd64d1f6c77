// The demo's MCP servers, importable: `npm start` (demo/start.mjs) and the documentation site
// (scripts/docs.mjs, scripts/docs-serve.mjs) start the same ones, all on 127.0.0.1:
//   mcpUrl         the embedded demo server (demo/server.mjs)
//   everythingUrl  the unmodified @modelcontextprotocol/server-everything (absent if it did not start)
//   debugUrl       @modelcontextprotocol/server-debug, an MCP App (absent if it did not start)
//   sandboxUrl     dist/sandbox.html from a second origin, the MCP Apps sandbox proxy page (spec mode)
//   skillsUrl      only with { skills: true } (the documentation site): a server with one skill (SEP-2640),
//                  Effect's McpServer from servers/skills.mjs, for <mcp-skill-list>'s live example
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from './server.mjs';
import { startEverything } from '../servers/everything.mjs';
import { startDebugServer } from '../servers/debug.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/**
 * Maps `rel` (a URL path below where `dir` is served, still percent-encoded) to a file inside `dir`; a path ending in
 * "/" is its index.html. Undefined for a bad escape, a NUL or a path that leaves `dir`.
 */
export function fileIn(dir, rel) {
  let decoded;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  if (decoded === '' || decoded.endsWith('/')) decoded += 'index.html';
  const file = path.resolve(dir, decoded);
  return file === dir || file.startsWith(dir + path.sep) ? file : undefined;
}

export function send(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

/** Listens on 127.0.0.1:port; if that port is taken (and fallback is allowed), on a free one instead. */
export function listen(server, port, fallback) {
  return new Promise((resolve, reject) => {
    const onError = (e) => {
      if (fallback && e.code === 'EADDRINUSE' && port !== 0) {
        console.warn(`Port ${port} is busy; using a free port instead.`);
        resolve(listen(server, 0, false));
      } else reject(e);
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve(server.address().port);
    });
  });
}

/**
 * Starts the demo servers (what `npm start` runs besides its static page server). Needs dist/ (the sandbox page).
 * @param {{mcpPort?: number, quiet?: boolean, skills?: boolean}} [options] mcpPort: the demo MCP server's port
 *   (0 picks one); quiet: no warning when a server does not start; skills: start the skills server too
 * @returns {Promise<{config: {mcpUrl: string, everythingUrl?: string, debugUrl?: string, sandboxUrl: string,
 *   skillsUrl?: string},
 *   close(): Promise<void>}>} config has the shape of `/demo-config.json` and the docs' `demo-servers.json`
 */
export async function startDemoServers({ mcpPort = 0, quiet = false, skills: withSkills = false } = {}) {
  const mcp = await startDemoServer({ port: mcpPort });
  const warn = (what) => (e) => (quiet || console.warn(`${what} did not start: ${e.message}`), undefined);
  // The unmodified reference server too, so the widget can be tried on every MCP feature.
  const everything = await startEverything({ mode: 'streamableHttp' }).catch(warn('server-everything'));
  // An MCP App (server-debug's view), shown in spec mode: the sandbox proxy page comes from a second origin.
  const debug = await startDebugServer().catch(warn('server-debug'));
  const skills = withSkills
    ? await import('../servers/skills.mjs').then((m) => m.startSkillsServers()).catch(warn('the skills server'))
    : undefined;
  const sandbox = http.createServer(async (req, res) => {
    const name = new URL(req.url, 'http://localhost').pathname.slice(1);
    if (name !== 'sandbox.html' && name !== 'sandbox.js') return send(res, 404, 'Not found\n');
    res.setHeader('Content-Security-Policy', 'frame-ancestors http://127.0.0.1:* http://localhost:*');
    try {
      send(res, 200, await readFile(path.join(ROOT, 'dist', name)), TYPES[path.extname(name)]);
    } catch {
      send(res, 404, 'Not found (run the build first)\n');
    }
  });
  let sandboxPort;
  try {
    sandboxPort = await listen(sandbox, 0, false);
  } catch (e) {
    await Promise.allSettled([mcp.close(), everything?.close(), debug?.close(), skills?.close()]);
    throw e;
  }
  return {
    config: {
      mcpUrl: mcp.url,
      everythingUrl: everything?.url,
      debugUrl: debug?.url,
      sandboxUrl: `http://127.0.0.1:${sandboxPort}/sandbox.html`,
      ...(skills ? { skillsUrl: skills.url } : {}),
    },
    async close() {
      sandbox.closeAllConnections();
      await Promise.allSettled([
        new Promise((r) => sandbox.close(r)),
        mcp.close(),
        everything?.close(),
        debug?.close(),
        skills?.close(),
      ]);
    },
  };
}
