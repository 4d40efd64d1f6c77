// <mcp-app-view> end to end: server-debug's real MCP App (official App SDK build) run from
// <mcp-client> and <mcp-tool-form>, against the unmodified server-debug (legacy Streamable HTTP) and
// against the same view on an official 2026-07-28 server, in opaque mode and in spec mode (the
// sandbox proxy on a second loopback origin). Controls inside the view are found by role and name.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import type { McpToolForm } from '../../src/components/mcp-tool-form/mcp-tool-form.js';
import type { McpAppContextEvent, McpAppMessageEvent } from '../../src/components/mcp-app-view/events.js';
import { buttonNamed, freshStore, servers, toolFormFixture, toolFormReady, type ServerUrls } from '../helpers.js';
import {
  appClick,
  appClickPopup,
  appFill,
  appFrame,
  appRealClick,
  appTextIncludes,
  pageActivationLapsed,
} from '../apps-helpers.js';

const TITLE = 'Debug Tool app';

async function runDebugTool(form: McpToolForm) {
  await toolFormReady(form);
  buttonNamed(form.shadowRoot!, 'Run').click();
  const shown = await appFrame(form, TITLE);
  // The official App logs "connected" once ui/initialize is answered and the view is initialized.
  await appTextIncludes('connected:');
  return shown;
}

const cases: [string, keyof ServerUrls, boolean][] = [
  ['server-debug (legacy), opaque mode', 'debug', false],
  ['server-debug view on a 2026-07-28 server, opaque mode', 'apps', false],
  ['server-debug (legacy), spec mode', 'debug', true],
  ['server-debug view on a 2026-07-28 server, spec mode', 'apps', true],
];

for (const [label, server, spec] of cases) {
  describe(`<mcp-app-view>: ${label}`, () => {
    let urls: ServerUrls;
    let form: McpToolForm;
    before(async () => {
      urls = await servers();
    });
    beforeEach(async () => {
      form = await fixture<McpToolForm>(
        html`<mcp-tool-form .store=${freshStore('mcp-app-view-test')} url=${urls[server]} tool="debug-tool" sandbox-url=${spec ? urls.sandbox : ''}></mcp-tool-form>`,
      );
    });

    it('shows the view; "Call debug-refresh" gets its result through our bridge', async () => {
      const { frame } = await runDebugTool(form);
      expect(frame.getAttribute('sandbox')).to.equal(spec ? 'allow-scripts allow-same-origin' : 'allow-scripts');
      await appClick('Call debug-refresh');
      // The view logs the result it got back (its payload preview is cut before the text).
      const shown = await appTextIncludes('server-tool-result:');
      expect(shown).to.not.include('error:');
      if (server === 'apps') {
        const calls = (await (await fetch(urls.appsControl)).json()).calls;
        expect(calls['debug-refresh']).to.be.greaterThan(0);
      }
    });

    it('is accessible: the iframe is named "<tool title> app"', async () => {
      const { view } = await runDebugTool(form);
      await expect(view).to.be.accessible();
    });

    it('tells the view when its container changes size or the theme changes (host-context-changed)', async () => {
      const { view } = await runDebugTool(form);
      form.style.display = 'block';
      form.style.width = '420px';
      const text = await appTextIncludes('onhostcontextchanged:');
      expect(text).to.include('"maxWidth":420');
      view.theme = 'dark';
      await appTextIncludes('"theme":"dark"');
    });

    it('"400x300" resizes the iframe', async () => {
      const { frame } = await runDebugTool(form);
      await appClick('Auto-resize', 'checkbox');
      await appClick('400x300');
      await waitUntil(
        () => frame.getBoundingClientRect().height === 300 && frame.getBoundingClientRect().width === 400,
        'iframe 400x300',
        { timeout: 10_000 },
      );
    });

    /**
     * Runs the debug tool, clicks `button` in its view, and resolves with the `type` event the form fires on the host.
     */
    const firedOnClick = async <E>(button: string, type: string): Promise<E> => {
      await runDebugTool(form);
      const fired = oneEvent(form, type) as unknown as Promise<E>;
      await appClick(button);
      return fired;
    };

    it('"Send Text" fires mcp-app-message on the host', async () => {
      const e = await firedOnClick<McpAppMessageEvent>('Send Text', 'mcp-app-message');
      expect(e.tool).to.equal('debug-tool');
      expect(e.content).to.deep.equal([{ type: 'text', text: 'Hello from debug app!' }]);
    });

    it('"Update (Structured)" fires mcp-app-context with the view\'s state', async () => {
      const e = await firedOnClick<McpAppContextEvent>('Update (Structured)', 'mcp-app-context');
      expect(e.tool).to.equal('debug-tool');
      expect(e.structuredContent).to.have.nested.property('debugState.eventCount').that.is.a('number');
    });

    it('"Open Link" opens a new window with no opener', async () => {
      await pageActivationLapsed();
      await runDebugTool(form);
      const target = `${urls.appsControl}?opened=${Date.now()}`;
      await appFill('URL', target);
      const popup = await appClickPopup('Open Link', target);
      expect(popup.url).to.equal(target);
      expect(popup.opener).to.equal(false);
    });

    it('"Fullscreen" shows the view in a modal; Escape brings it back inline', async () => {
      await pageActivationLapsed();
      const { view, frame } = await runDebugTool(form);
      const dialog = view.shadowRoot!.querySelector('dialog')!;
      expect(dialog.matches(':modal')).to.equal(false);
      // The person's own click in the view: fullscreen needs it.
      await appRealClick('Fullscreen');
      await waitUntil(() => dialog.matches(':modal'), 'modal dialog', { timeout: 10_000 });
      expect(dialog.getAttribute('aria-label')).to.equal(TITLE);
      expect(frame.isConnected, 'the view was not reloaded').to.equal(true);
      await appTextIncludes('"mode":"fullscreen"');
      // No focus moved by the test: entering fullscreen put it on the dialog, out of the view's frame.
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog.matches(':modal'), 'inline again', { timeout: 10_000 });
    });
  });
}

describe('<mcp-app-view> in <mcp-client>', () => {
  it('running debug-tool from the list shows its view, the plain result one click away; app-only tools are not listed', async () => {
    const urls = await servers();
    const el = await fixture<McpClientElement>(
      html`<mcp-client .store=${freshStore('mcp-app-view-client')} url=${urls.debug}></mcp-client>`,
    );
    await waitUntil(
      () => el.shadowRoot!.querySelector('mcp-tool-list')?.shadowRoot?.querySelector('button'),
      'tools listed',
      { timeout: 15_000 },
    );
    const list = el.shadowRoot!.querySelector('mcp-tool-list')!;
    const names = [...list.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!);
    expect(names.some((n) => n.includes('Debug Tool'))).to.equal(true);
    expect(
      names.some((n) => n.includes('Refresh Debug Info') || n.includes('Log to File')),
      'app-only tools hidden',
    ).to.equal(false);
    [...list.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Debug Tool'))!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('mcp-tool-form'), 'form shown');
    const form = el.shadowRoot!.querySelector('mcp-tool-form')!;
    await runDebugTool(form);
    buttonNamed(form.shadowRoot!, 'Show the plain result').click();
    await waitUntil(
      () => form.shadowRoot!.querySelector('mcp-result-view')?.shadowRoot?.textContent?.includes('Debug text content'),
      'plain result',
    );
    expect(form.shadowRoot!.querySelector('mcp-app-view')).to.equal(null);
  });
});

describe('<mcp-app-view> while the call runs', () => {
  it('shows the view from the start (tool-input first) and tells it when the call is cancelled', async () => {
    const urls = await servers();
    const form = await toolFormFixture(
      html`<mcp-tool-form .store=${freshStore('mcp-app-view-run')} url=${urls.debug} tool="debug-tool"></mcp-tool-form>`,
    );
    form.values = { delayMs: 20_000 };
    await form.updateComplete;
    buttonNamed(form.shadowRoot!, 'Run').click();
    await appFrame(form, TITLE);
    const text = await appTextIncludes('ontoolinput:');
    // The view's callback table: no result yet.
    expect(text).to.include('ontoolresult\t\u2713\t0');
    expect(text).to.not.include('ontoolresult:');
    buttonNamed(form.shadowRoot!, 'Cancel').click();
    await appTextIncludes('ontoolcancelled:');
    expect(form.shadowRoot!.querySelector('[role=alert]')!.textContent).to.include('Cancelled');
  });
});

describe('<mcp-app-view> standalone', () => {
  it('with url and tool, shows the view of that tool without running it', async () => {
    const urls = await servers();
    await import('../../src/components/mcp-app-view/define.js');
    const el = await fixture(
      html`<div><mcp-app-view .store=${freshStore('mcp-app-view-alone')} url=${urls.apps} tool="debug-tool"></mcp-app-view></div>`,
    );
    await appFrame(el, TITLE);
    await appTextIncludes('ontoolinput:');
    const calls = (await (await fetch(urls.appsControl)).json()).calls;
    const before = calls['debug-tool'] ?? 0;
    await appClick('Call debug-tool');
    await appTextIncludes('server-tool-result:');
    expect((await (await fetch(urls.appsControl)).json()).calls['debug-tool']).to.equal(before + 1);
  });
});
