import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

// The relay never serves a page (issue 27): in Chromium, a form a page posts to the relay is a
// navigation, which the relay (the Node command) refuses without forwarding it. Before, the upstream's
// HTML page came back as a page and its script ran on the relay's origin. (A frame's GET carries no
// Origin, so the origin check refused it already; test/node covers frames and embeds in each runtime.)

interface PageUpstream {
  url: string;
  seen: string[];
}

/** Resolves when `frame` has loaded, with what its document told this page (nothing once the relay refuses). */
function loaded(frame: HTMLIFrameElement): Promise<unknown[]> {
  const told: unknown[] = [];
  const onMessage = (e: MessageEvent) => e.source === frame.contentWindow && told.push(e.data);
  window.addEventListener('message', onMessage);
  return new Promise((resolve) =>
    frame.addEventListener(
      'load',
      () => {
        window.removeEventListener('message', onMessage);
        resolve(told);
      },
      { once: true },
    ),
  );
}

describe('the relay, navigated to from a page', () => {
  let upstream: PageUpstream;
  let relay: string;
  before(async () => {
    upstream = (await executeServerCommand('mcp-relay-page-upstream')) as PageUpstream;
    ({ url: relay } = (await executeServerCommand('mcp-relay-start', {
      upstreams: [upstream.url],
      origin: location.origin,
    })) as { url: string });
  });

  it('refuses a form posted to it from an allowed origin: the upstream is not asked and its page does not run', async () => {
    const frame = document.createElement('iframe');
    frame.name = 'mcp-relay-form-target';
    document.body.append(frame);
    const form = document.createElement('form');
    form.method = 'POST';
    form.target = frame.name;
    form.action = `${relay}?url=${encodeURIComponent(upstream.url)}`;
    form.append(Object.assign(document.createElement('input'), { name: 'jsonrpc', value: '2.0' }));
    document.body.append(form);
    try {
      // The blank frame's own first load happened on insertion: this waits for the one the form causes.
      const told = loaded(frame);
      form.submit();
      expect(await told).to.deep.equal([]);
      const { seen } = (await executeServerCommand('mcp-relay-page-upstream')) as PageUpstream;
      expect(seen).to.deep.equal([]);
    } finally {
      form.remove();
      frame.remove();
    }
  });
});
