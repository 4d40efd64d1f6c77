import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

// @playwright/mcp over HTTP answers no CORS preflight. From the script-tag widget in Chromium with
// web security on: without a relay the person reads the precise CORS error that names the relay;
// through the relay on Node (the `mcp-web-components relay` command) the widget lists its tools and
// runs browser_tabs, driven through the browser by role and accessible name.

/** Text of a node and of every shadow root below it, as a person reads the widget. */
const deepText = (node: Node): string =>
  [...node.childNodes].map((n) => (n.nodeType === Node.TEXT_NODE ? n.textContent : deepText(n))).join(' ') +
  ((node as Element).shadowRoot ? ` ${deepText((node as Element).shadowRoot!)}` : '');

let run = 0;
/**
 * Opens the script-tag widget page (widget-page.html, the bundle from dist/) in a frame; resolves to the frame and its
 * page path, which the commands find it by.
 */
async function widgetPage(url: string, relay?: string) {
  const frame = document.createElement('iframe');
  const path = `/test/relay/widget-page.html?run=${Date.now()}-${++run}&url=${encodeURIComponent(url)}${relay ? `&relay=${encodeURIComponent(relay)}` : ''}`;
  frame.src = path;
  frame.style.cssText = 'width:900px;height:900px';
  document.body.append(frame);
  await new Promise((r) => frame.addEventListener('load', r, { once: true }));
  return {
    frame,
    key: `run=${path.split('run=')[1].split('&')[0]}`,
    text: () => deepText(frame.contentDocument!.body),
  };
}

const click = (frame: string, role: string, name: string) =>
  executeServerCommand('mcp-relay-click', { frame, role, name });

describe('@playwright/mcp from the script-tag widget', function () {
  this.timeout(90_000);
  let urls: { mcp: string; relay: string };
  before(async () => {
    urls = (await executeServerCommand('mcp-relay-playwright', { origin: location.origin })) as {
      mcp: string;
      relay: string;
    };
  });

  it('without the relay: the precise CORS error, which names the relay as the fix', async () => {
    const w = await widgetPage(urls.mcp);
    try {
      await waitUntil(() => /CORS policy blocks/.test(w.text()), 'the CORS error is shown', { timeout: 30_000 });
      const text = w.text();
      expect(text).to.contain(
        `The MCP server at ${urls.mcp} is reachable but its CORS policy blocks ${location.origin}`,
      );
      expect(text).to.contain(`npx mcp-web-components relay --upstream ${urls.mcp} --allow-origin ${location.origin}`);
    } finally {
      w.frame.remove();
    }
  });

  it("through the relay to a URL it does not serve: the relay's refusal, in words", async () => {
    const other = urls.mcp.replace(/\/mcp$/, '/admin');
    const w = await widgetPage(other, urls.relay);
    try {
      await waitUntil(() => /not an upstream/.test(w.text()), 'the refusal is shown', { timeout: 30_000 });
      expect(w.text()).to.contain(`${other} is not an upstream of this relay`);
    } finally {
      w.frame.remove();
    }
  });

  it('through a relay that does not allow this page, or is not running: says so, and what to do', async () => {
    const strict = (await executeServerCommand('mcp-relay-start', {
      upstreams: [urls.mcp],
      origin: 'https://another-site.example',
    })) as { url: string };
    const refused = await widgetPage(urls.mcp, strict.url);
    try {
      await waitUntil(() => /refuses/.test(refused.text()), 'the refusal is shown', { timeout: 30_000 });
      expect(refused.text()).to.contain(
        `The CORS relay at ${strict.url} refuses ${location.origin}: start it with --allow-origin ${location.origin}`,
      );
    } finally {
      refused.frame.remove();
    }
    const down = await widgetPage(urls.mcp, 'http://127.0.0.1:9/');
    try {
      await waitUntil(() => /Cannot reach the CORS relay/.test(down.text()), 'the unreachable relay is named', {
        timeout: 30_000,
      });
      expect(down.text()).to.contain(`Cannot reach the CORS relay at http://127.0.0.1:9/ (for ${urls.mcp})`);
    } finally {
      down.frame.remove();
    }
  });

  it('through the relay: lists its tools and runs browser_tabs', async () => {
    const w = await widgetPage(urls.mcp, urls.relay);
    try {
      // The tools show as soon as they are listed, while the connection still settles (its GET stream).
      await waitUntil(
        () => /Playwright/.test(w.text()) && /Manage tabs/.test(w.text()) && /Connected/.test(w.text()),
        'connected, tools listed',
        { timeout: 30_000 },
      );
      await executeServerCommand('mcp-relay-type', {
        frame: w.key,
        role: 'searchbox',
        name: 'Search tools',
        value: 'tabs',
      });
      await click(w.key, 'button', 'Manage tabs');
      await executeServerCommand('mcp-relay-select', { frame: w.key, role: 'combobox', name: 'action', value: 'list' });
      await click(w.key, 'button', 'Run');
      // browser_tabs is marked destructive: the form asks first.
      await click(w.key, 'button', 'Run anyway');
      await waitUntil(() => /\(current\)/.test(w.text()), 'the tab list is shown', { timeout: 30_000 }).catch((e) => {
        throw new Error(`${e.message}: ${w.text().replace(/\s+/g, ' ').slice(-800)}`);
      });
      expect(w.text()).to.match(/0: \(current\) \[\]\(about:blank\)/);
    } finally {
      w.frame.remove();
    }
  });
});
