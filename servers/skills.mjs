// Skills (SEP-2640) servers for the browser tests:
//   url: Effect 4's McpServer (`effect/ai`, its own protocol code, not ours and not the official SDK's)
//     serving one skill with two supporting files, 2026-07-28 and 2025-11-25 on one endpoint; legacyUrl:
//     the same endpoint with server/discover unknown, so a client speaks 2025-11-25 to it.
//   tampered: our own minimal 2026-07-28 server whose SKILL.md does not match its listing, one way per
//     path (/size, /digest, /frontmatter); its record (GET /control) says which files were read.
import { createHash } from 'node:crypto';
import { Layer } from 'effect';
import { McpProtocol, McpServer } from 'effect/ai';
import { HttpRouter, HttpServer } from 'effect/http';
import { applyCors, listen, sendWebResponse, toWebRequest } from './util.mjs';

/** The skill both servers serve (the tampered one spoils its SKILL.md). */
export const SKILL_MD = `---
name: pdf-processing
description: Extract, fill, and assemble PDF documents
license: Apache-2.0
metadata:
  version: "2.1.0"
---

# PDF processing

Read references/FORMS.md before filling a form. <script>alert(1)</script>
`;
const FILES = {
  'SKILL.md': SKILL_MD,
  'references/FORMS.md': 'Forms have fields.\n',
  'templates/invoice.md': '# Invoice\n',
};

/** Effect's McpServer with the skill, as a web handler on 127.0.0.1 behind our permissive CORS. */
async function startEffectServer() {
  const app = McpServer.skill({ uri: 'skill://docs/pdf-processing/SKILL.md', files: FILES }).pipe(
    Layer.provide(
      McpServer.layerHttp({
        name: 'effect-skills',
        version: '1.0.0',
        path: '/mcp',
        protocols: [McpProtocol.v2026_07_28, McpProtocol.v2025_11_25],
      }),
    ),
    Layer.provide(HttpServer.layerServices),
  );
  const { handler, dispose } = HttpRouter.toWebHandler(app, { disableLogger: true });
  const { server, base } = await listen(async (req, res) => {
    if (applyCors(req, res)) return;
    try {
      const request = toWebRequest(req, res);
      // Effect refuses any Origin not in its allow-list (as the spec requires); the test page's origin
      // changes from run to run, so this fixture admits it by leaving the header out.
      const headers = new Headers(request.headers);
      headers.delete('origin');
      const body = request.method === 'POST' ? await request.text() : undefined;
      // /legacy: the same server to a client that must speak 2025-11-25 (server/discover unknown there).
      const url = new URL(request.url);
      if (url.pathname === '/legacy') {
        const m = body ? JSON.parse(body) : undefined;
        if (m?.method === 'server/discover')
          return res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ jsonrpc: '2.0', id: m.id, error: { code: -32601, message: 'Method not found' } }));
        url.pathname = '/mcp';
      }
      await sendWebResponse(res, await handler(new Request(url, { method: request.method, headers, body })));
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    }
  });
  return {
    url: `${base}/mcp`,
    legacyUrl: `${base}/legacy`,
    close: async () => (await new Promise((r) => server.close(r)), await dispose()),
  };
}

const digest = (text) => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
const SKILL_URI = 'skill://pdf-processing/SKILL.md';
const FORMS_URI = 'skill://pdf-processing/references/FORMS.md';
const FORMS = 'Forms have fields.\n';
/** What each path serves as SKILL.md, and what it lists for it. */
const TAMPERED = {
  size: { body: SKILL_MD + 'extra bytes the entry did not count\n' },
  // The same length, other bytes: only the digest tells.
  digest: { body: SKILL_MD.replace('Read references', 'Skip references') },
  frontmatter: {
    body: SKILL_MD.replace('description: Extract, fill, and assemble PDF documents', 'description: Exfiltrate data'),
    honestListing: true,
  },
};

/** Our own minimal 2026-07-28 server serving a skill whose SKILL.md does not match its entry. */
async function startTamperedServer() {
  const reads = [];
  const { server, base } = await listen(async (req, res) => {
    if (applyCors(req, res)) return;
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/control')
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ reads }));
    const mode = TAMPERED[path.slice(1)];
    if (!mode || req.method !== 'POST') return res.writeHead(404).end();
    let text = '';
    for await (const chunk of req) text += chunk;
    const m = JSON.parse(text);
    const reply = (result) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ jsonrpc: '2.0', id: m.id, result: { resultType: 'complete', ...result } }));
    const served = mode.body;
    // size and digest: the entry describes the honest file; frontmatter: it describes the served bytes
    // exactly, so only the frontmatter comparison can catch it.
    const listed = mode.honestListing ? served : SKILL_MD;
    switch (m.method) {
      case 'server/discover':
        return reply({
          supportedVersions: ['2026-07-28'],
          capabilities: { resources: {}, extensions: { 'io.modelcontextprotocol/skills': {} } },
          serverInfo: { name: `tampered-${path.slice(1)}`, version: '1.0.0' },
        });
      case 'skills/list':
        return reply({
          ttlMs: 0,
          cacheScope: 'private',
          skills: [
            {
              uri: SKILL_URI,
              frontmatter: {
                name: 'pdf-processing',
                description: 'Extract, fill, and assemble PDF documents',
                license: 'Apache-2.0',
                metadata: { version: '2.1.0' },
              },
              resources: [
                { uri: SKILL_URI, digest: digest(listed), size: Buffer.byteLength(listed) },
                { uri: FORMS_URI, digest: digest(FORMS), size: Buffer.byteLength(FORMS) },
              ],
            },
          ],
        });
      case 'resources/read':
        reads.push(`${path.slice(1)} ${m.params?.uri}`);
        return reply({
          contents: [
            { uri: m.params?.uri, mimeType: 'text/markdown', text: m.params?.uri === FORMS_URI ? FORMS : served },
          ],
        });
      default:
        return res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ jsonrpc: '2.0', id: m.id, error: { code: -32601, message: 'Method not found' } }));
    }
  });
  return { url: base, control: `${base}/control`, close: () => new Promise((r) => server.close(r)) };
}

/** Both skills servers; `tampered` is a base URL: append /size, /digest or /frontmatter. */
export async function startSkillsServers() {
  const [effect, tampered] = await Promise.all([startEffectServer(), startTamperedServer()]);
  return {
    url: effect.url,
    legacyUrl: effect.legacyUrl,
    tampered: tampered.url,
    control: tampered.control,
    close: () => Promise.all([effect.close(), tampered.close()]),
  };
}
