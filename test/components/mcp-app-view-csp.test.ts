// A host page whose CSP blocks inline script: an opaque-mode (srcdoc) view would inherit that
// policy and never run, so the element says so and names sandbox-url; spec mode still works.
// Its own file: the policy, once in the page, stays for every later test of the file.
import { expect, html } from '@open-wc/testing';
import '../../src/index.js';
import { buttonNamed, freshStore, servers, toolFormFixture } from '../helpers.js';
import { appFrame, appTextIncludes, findAppView } from '../apps-helpers.js';
import { waitUntil } from '@open-wc/testing';

before(() => {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = `script-src 'self' 'unsafe-eval'; frame-src http://127.0.0.1:*`;
  document.head.append(meta);
});

describe('<mcp-app-view> under a host CSP without unsafe-inline', () => {
  it('opaque mode explains that the view cannot run and names sandbox-url', async () => {
    const form = await toolFormFixture(
      html`<mcp-tool-form .store=${freshStore('mcp-app-csp')} url=${(await servers()).apps} tool="debug-tool"></mcp-tool-form>`,
    );
    buttonNamed(form.shadowRoot!, 'Run').click();
    await waitUntil(() => findAppView(form)?.shadowRoot?.querySelector('[role=alert]'), 'explained', {
      timeout: 15_000,
    });
    const alert = findAppView(form)!.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.include('Content-Security-Policy');
    expect(alert.textContent).to.include('sandbox-url');
    expect(findAppView(form)!.shadowRoot!.querySelector('iframe')).to.equal(null);
  });

  it('spec mode shows the view', async () => {
    const urls = await servers();
    const form = await toolFormFixture(
      html`<mcp-tool-form .store=${freshStore('mcp-app-csp')} url=${urls.apps} tool="debug-tool" sandbox-url=${urls.sandbox}></mcp-tool-form>`,
    );
    buttonNamed(form.shadowRoot!, 'Run').click();
    await appFrame(form, 'Debug Tool app');
    await appTextIncludes('connected:');
  });
});
