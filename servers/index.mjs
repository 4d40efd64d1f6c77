// Starts every loopback test server (legacy, modern, server-everything x2, fault proxy) on free ports;
// `node servers/index.mjs` runs them standalone, prints the URLs as JSON and stays up until SIGINT/SIGTERM.
import { pathToFileURL } from 'node:url';
import { startLegacyServer } from './legacy.mjs';
import { startModernServer } from './modern.mjs';
import { startEverything } from './everything.mjs';
import { startFaultProxy } from './fault-proxy.mjs';
import { startOAuthServers } from './oauth.mjs';
import { startDpopOAuthServers } from './oauth-dpop.mjs';
import { startHostileServer } from './hostile.mjs';
import { startZooServer } from './zoo.mjs';
import { startDebugServer } from './debug.mjs';
import { startAppsServer } from './apps.mjs';
import { startMixUpServers } from './mixup.mjs';
import { startChatCompletionsStandIn } from './chat-completions.mjs';
import { startSkillsServers } from './skills.mjs';
import { listen } from './util.mjs';

/** An MCP-looking endpoint that sends no CORS headers at all, to test the client's CORS diagnosis. */
async function startNoCorsServer() {
  const { server, base } = await listen((req, res) => {
    req.resume();
    res
      .writeHead(req.method === 'OPTIONS' ? 200 : 400, { 'content-type': 'application/json' })
      .end('{"jsonrpc":"2.0","error":{"code":-32000,"message":"no"},"id":null}');
  });
  return { url: `${base}/mcp`, close: () => new Promise((r) => server.close(r)) };
}

/**
 * @typedef {'legacy' | 'legacySse' | 'legacyOriginChecked' | 'modern' | 'modernStrict' | 'everythingHttp'
 *   | 'everythingSse' | 'proxy'
 *   | 'proxyControl' | 'noCors' | 'oauthMcp' | 'oauthIssuer' | 'oauthControl' | 'hostile' | 'hostileControl'
 *   | 'debug' | 'apps' | 'appsLegacy' | 'appsControl' | 'sandbox' | 'skills' | 'skillsLegacy' | 'skillsTampered'
 *   | 'skillsControl'} ServerName
 */

/**
 * @returns {Promise<{urls: Record<ServerName, string>, stop(): Promise<void>}>}
 */
export async function startTestServers() {
  const started = [];
  const track = (p) => p.then((s) => (started.push(s), s));
  try {
    const [legacy, modern, everythingHttp, everythingSse, noCors, oauth, hostile, debug, apps] = await Promise.all([
      track(startLegacyServer()),
      track(startModernServer()),
      track(startEverything({ mode: 'streamableHttp' })),
      track(startEverything({ mode: 'sse' })),
      track(startNoCorsServer()),
      track(startOAuthServers()),
      track(startHostileServer()),
      track(startDebugServer()),
      track(startAppsServer()),
    ]);
    const zoo = await track(startZooServer());
    const mixup = await track(startMixUpServers({ honestIssuer: oauth.issuer, honestResource: oauth.url }));
    const chatCompletions = await track(startChatCompletionsStandIn());
    const skills = await track(startSkillsServers());
    const dpop = await track(startDpopOAuthServers());
    // The proxy fronts a legacy server of its own, so restarting it (POST /_fault/restart) disturbs no other test.
    let proxied = await startLegacyServer();
    started.push({ close: () => proxied.close() });
    const restartUpstream = async () => {
      await proxied.close({ abrupt: true });
      proxied = await startLegacyServer({ port: Number(new URL(proxied.url).port) });
    };
    const proxy = await track(startFaultProxy({ target: proxied.url, restartUpstream }));
    return {
      urls: {
        legacy: legacy.url,
        legacySse: legacy.sseUrl,
        legacyOriginChecked: legacy.originCheckedUrl,
        modern: modern.url,
        modernStrict: modern.strictUrl,
        modernPush: modern.pushUrl,
        modernPushDrop: modern.pushDropUrl,
        everythingHttp: everythingHttp.url,
        everythingSse: everythingSse.url,
        proxy: `${proxy.url}/mcp`,
        proxyControl: proxy.controlUrl,
        noCors: noCors.url,
        zoo: zoo.url,
        oauthMcp: oauth.url,
        oauthIssuer: oauth.issuer,
        oauthControl: oauth.control,
        hostile: hostile.url,
        hostileControl: hostile.control,
        debug: debug.url,
        apps: apps.url,
        appsLegacy: apps.legacyUrl,
        appsControl: apps.control,
        sandbox: apps.sandbox,
        hostileBombs: hostile.bombs,
        mixupMcp: mixup.url,
        mixupFar: mixup.farUrl,
        mixupIssuer: mixup.issuer,
        mixupControl: mixup.control,
        chatCompletions: chatCompletions.url,
        skills: skills.url,
        skillsLegacy: skills.legacyUrl,
        skillsTampered: skills.tampered,
        skillsControl: skills.control,
        dpopMcp: dpop.url,
        dpopIssuer: dpop.issuer,
        dpopControl: dpop.control,
        dpopRsControl: dpop.rsControl,
      },
      stop: () => Promise.allSettled(started.map((s) => s.close())).then(() => {}),
    };
  } catch (e) {
    await Promise.allSettled(started.map((s) => s.close()));
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { urls, stop } = await startTestServers();
  console.log(JSON.stringify(urls, null, 2));
  const shutdown = () => stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
