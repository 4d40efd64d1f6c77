// <mcp-app-view> from the script-tag build alone (issue 27, contract 13): defined like every other
// element, its body loaded from beside the script on first use, so a standalone
// <mcp-app-view url tool> shows its view with no <mcp-tool-form> having run anything.
// The page is test/delivery/plugins.mjs's, which loads dist/mcp-web-components.iife.js (build first).
import { expect, waitUntil } from '@open-wc/testing';
import { freshStore, servers } from '../helpers.js';
import { appTextIncludes } from '../apps-helpers.js';

describe('<mcp-app-view> from dist/mcp-web-components.iife.js', () => {
  it('is defined by the script, and a standalone <mcp-app-view url tool> shows its view', async () => {
    const urls = await servers();
    const frame = document.createElement('iframe');
    frame.src = '/__cp1252/page.html';
    document.body.append(frame);
    try {
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const doc = frame.contentDocument!;
      expect(frame.contentWindow!.customElements.get('mcp-app-view'), 'defined by the script').to.exist;
      const view = Object.assign(doc.createElement('mcp-app-view'), { store: freshStore('mcp-app-view-script-tag') });
      view.setAttribute('url', urls.apps);
      view.setAttribute('tool', 'debug-tool');
      doc.body.append(view);
      await waitUntil(() => view.shadowRoot?.querySelector('iframe[title="Debug Tool app"]'), 'the view shown', {
        timeout: 15_000,
      });
      await appTextIncludes('ontoolinput:');
    } finally {
      frame.remove();
    }
  });
});
