// web-test-runner commands for the relay tests: start @playwright/mcp (no CORS) and the relay on
// Node in front of it on first use, and drive the widget in a test frame through the browser by
// ARIA role and accessible name (puppeteer's accessibility tree, which sees into shadow roots).
import { startPlaywrightMcp, startRelay } from '../servers/relay.mjs';
import { listen } from '../servers/util.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The first element in the frame whose URL contains `frameUrl` with this ARIA role and accessible name
 * `name`; failing an exact match, one whose visible text starts with `name` (a tool's button reads
 * its title, then its name and description).
 */
async function find(page, frameUrl, role, name, timeout = 15_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes(frameUrl));
    if (frame) {
      const exact = await frame
        .$(`::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(role)}])`)
        .catch(() => null);
      if (exact) return exact;
      for (const el of await frame.$$(`::-p-aria([role=${JSON.stringify(role)}])`).catch(() => [])) {
        if (
          await el.evaluate(
            (e, n) => (e.getAttribute('aria-label') ?? e.textContent ?? '').replace(/\s+/g, ' ').trim().startsWith(n),
            name,
          )
        )
          return el;
      }
    }
    if (Date.now() > end) throw new Error(`No ${role} named ${JSON.stringify(name)} in ${frameUrl}`);
    await sleep(100);
  }
}

/**
 * An upstream whose every answer is an HTML page with a script that tells the page above it which origin it runs on;
 * `seen` lists the requests it got.
 */
async function pageUpstream() {
  const seen = [];
  const up = await listen((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><script>parent.postMessage({ ranOn: origin }, "*")</script>');
  });
  return {
    url: `${up.base}/mcp`,
    seen,
    close: () => (up.server.closeAllConnections(), new Promise((r) => up.server.close(r))),
  };
}

export function relayCommands() {
  let playwright;
  let pages;
  const running = [];
  return {
    name: 'mcp-relay-commands',
    async serverStop() {
      await Promise.allSettled(running.map((r) => r.close()));
    },
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('mcp-relay-')) return undefined;
      if (command === 'mcp-relay-playwright') {
        playwright ??= (async () => {
          const mcp = await startPlaywrightMcp();
          running.push(mcp);
          const relay = await startRelay({
            runtime: 'node',
            upstreams: [mcp.url],
            allowOrigins: [payload.origin],
            allowPrivateNetwork: true,
          });
          running.push(relay);
          return { mcp: mcp.url, relay: relay.url };
        })();
        return playwright;
      }
      if (command === 'mcp-relay-start') {
        // A relay of the test's own: { upstreams, origin } -> { url, id }; mcp-relay-log { id } -> the lines it logged.
        const relay = await startRelay({
          runtime: payload.runtime ?? 'node',
          upstreams: payload.upstreams,
          allowOrigins: [payload.origin],
          allowPrivateNetwork: true,
        });
        running.push(relay);
        return { url: relay.url, id: running.length - 1 };
      }
      if (command === 'mcp-relay-log') return running[payload.id].lines;
      // mcp-relay-page-upstream -> { url, seen }: the upstream that answers a page (started once), and what it got.
      if (command === 'mcp-relay-page-upstream') {
        pages ??= pageUpstream().then((p) => (running.push(p), p));
        const p = await pages;
        return { url: p.url, seen: [...p.seen] };
      }
      const page = session.browser.getPage(session.id);
      const el = await find(page, payload.frame, payload.role, payload.name);
      if (command === 'mcp-relay-click') {
        // A confirmation ignores clicks for a moment after it appears (aria-disabled): a person clicks once it is
        // active.
        await el.evaluate(
          (e) =>
            new Promise((resolve) => {
              const check = () => (e.getAttribute('aria-disabled') === 'true' ? setTimeout(check, 50) : resolve());
              check();
            }),
        );
        await el.click();
      }
      // A person picks an option by what it reads.
      else if (command === 'mcp-relay-select')
        await el.select(
          await el.evaluate(
            (select, label) => [...select.options].find((o) => o.textContent.trim() === label)?.value ?? '',
            payload.value,
          ),
        );
      else if (command === 'mcp-relay-type') await el.type(payload.value);
      else return undefined;
      return true;
    },
  };
}
