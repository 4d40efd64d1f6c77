// A host that serves our script with no charset, on a page in windows-1252: the browser decodes the
// script in the page's encoding, so only a pure-ASCII script reads right (ARCHITECTURE.md, Dependencies and budgets).
// The page and script come from test/delivery/plugins.mjs, byte for byte, `Content-Type` without `charset`.
import { expect, waitUntil } from '@open-wc/testing';
import { servers } from '../helpers.js';

describe('dist/mcp-web-components.iife.js on a windows-1252 page served without a charset', () => {
  it('is served as the careless host would', async () => {
    const page = await fetch('/__cp1252/page.html');
    const script = await fetch('/__cp1252/mcp-web-components.iife.js');
    expect(page.headers.get('content-type')).to.equal('text/html');
    expect(script.headers.get('content-type')).to.equal('text/javascript');
    const bytes = new Uint8Array(await script.arrayBuffer());
    expect(
      bytes.findIndex((b) => b > 0x7f),
      'the first non-ASCII byte of the script',
    ).to.equal(-1);
  });

  it('shows the widget text right: "Connected · <version>"', async () => {
    const frame = document.createElement('iframe');
    frame.src = '/__cp1252/page.html';
    document.body.append(frame);
    try {
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      const doc = frame.contentDocument!;
      expect(doc.characterSet).to.equal('windows-1252');
      expect(doc.getElementById('own')!.textContent, "the page's own text, decoded as windows-1252").to.equal(
        'Café · naïve',
      );
      const widget = doc.querySelector('mcp-client') as HTMLElement & { url: string };
      widget.url = (await servers()).legacy;
      const status = () =>
        widget.shadowRoot?.querySelector('[part=status]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      await waitUntil(() => status().startsWith('Connected'), 'connected', { timeout: 15_000 });
      expect(status()).to.match(/^Connected · \d{4}-\d{2}-\d{2}$/);
      // Text the script carries in its strings (an ellipsis here) reads right too.
      const form = doc.createElement('mcp-schema-form') as HTMLElement & {
        schema: unknown;
        updateComplete: Promise<unknown>;
      };
      form.schema = { type: 'object', required: ['size'], properties: { size: { enum: ['S', 'L'] } } };
      doc.body.append(form);
      // Its fields show once the validator chunk has come from beside the script (served the same careless way).
      await waitUntil(() => form.shadowRoot?.querySelector('option'), 'the form rendered', { timeout: 10_000 });
      expect(form.shadowRoot!.querySelector('option')!.textContent).to.equal('Choose\u2026');
    } finally {
      frame.remove();
    }
  });
});
