import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { McpClient } from '../../src/client.js';
import '../../src/components/mcp-log-view/define.js';
import type { McpLogView } from '../../src/components/mcp-log-view/mcp-log-view.js';
import { brokenImageFailed, connectedClient } from '../helpers.js';

const shadow = (el: Element) => el.shadowRoot!;
const lines = (el: Element) =>
  [...shadow(el).querySelectorAll('[part~="entry"]')].map((e) => e.textContent!.replace(/\s+/g, ' ').trim());
const levelSelect = (el: Element) => {
  const label = [...shadow(el).querySelectorAll('label')].find((l) => l.textContent!.trim().startsWith('Level'))!;
  return label.querySelector('select')!;
};
const choose = async (el: McpLogView, level: string) => {
  const select = levelSelect(el);
  select.value = level;
  select.dispatchEvent(new Event('change'));
  await el.updateComplete;
};

describe('<mcp-log-view>', () => {
  let client: McpClient;
  before(async () => (client = await connectedClient('legacy')));
  after(() => client.close());

  const view = (max = 500) => fixture<McpLogView>(html`<mcp-log-view .client=${client} .max=${max}></mcp-log-view>`);

  it('shows server log messages in a polite, named log', async () => {
    const el = await view();
    const list = shadow(el).querySelector('[part="list"]')!;
    expect(list.getAttribute('role')).to.equal('log');
    expect(list.getAttribute('aria-live')).to.equal('polite');
    expect(list.getAttribute('aria-label')).to.equal('Log');
    expect(shadow(el).textContent).to.include('Nothing logged yet.');
    await client.callTool('log_and_notify');
    await waitUntil(() => lines(el).some((l) => l.includes('hello log')), 'log shown');
    expect(lines(el).find((l) => l.includes('hello log'))).to.match(/info\s+hello log$/);
    await expect(el).to.be.accessible();
  });

  it('shows notifications outside requests, newest last', async () => {
    const el = await view();
    await client.callTool('notify_later', { delayMs: 10, count: 2 });
    await waitUntil(() => lines(el).some((l) => l.includes('notifications/tools/list_changed')), 'notification shown');
    const all = lines(el);
    expect(all.findIndex((l) => l.endsWith('later 1'))).to.be.lessThan(all.findIndex((l) => l.endsWith('later 2')));
    expect(all.findIndex((l) => l.endsWith('later 2'))).to.be.lessThan(
      all.findIndex((l) => l.includes('list_changed')),
    );
  });

  it("filters by level and sets the server's level (the server then stops sending info)", async () => {
    const el = await view();
    await client.callTool('log_and_notify');
    await waitUntil(() => lines(el).length === 1, 'info entry');
    const sent: [string, Promise<void>][] = [];
    const setLogLevel = client.setLogLevel;
    client.setLogLevel = function (level, options) {
      const p = setLogLevel.call(this, level, options);
      sent.push([level, p]);
      return p;
    };
    try {
      await choose(el, 'warning');
      await Promise.all(sent.map(([, p]) => p));
    } finally {
      client.setLogLevel = setLogLevel;
    }
    expect(sent.map(([l]) => l)).to.deep.equal(['warning']);
    expect(lines(el)).to.deep.equal([]);
    expect([...levelSelect(el).options].map((o) => o.value)).to.deep.equal([
      'debug',
      'info',
      'notice',
      'warning',
      'error',
      'critical',
      'alert',
      'emergency',
    ]);

    // After logging/setLevel warning the server drops info messages: nothing new arrives. The server
    // sends its log on the call's stream before the result, so the result is the later event.
    await client.callTool('log_and_notify');
    await el.updateComplete;
    expect(el.entries.length).to.equal(1);

    await choose(el, 'debug');
    await client.callTool('log_and_notify');
    await waitUntil(() => lines(el).length === 2, 'info again');
    await expect(el).to.be.accessible();
  });

  it('records client errors, keeps at most `max` entries and clears', async () => {
    const el = await view(3);
    for (let i = 1; i <= 5; i++)
      client.dispatchEvent(new CustomEvent('log', { detail: { level: 'notice', logger: 'test', data: { i } } }));
    client.dispatchEvent(new CustomEvent('error', { detail: new TypeError('stream lost') }));
    await el.updateComplete;
    expect(lines(el).length).to.equal(3);
    expect(lines(el)[0]).to.include('"i": 4');
    expect(lines(el)[2]).to.match(/error\s+TypeError\s+stream lost$/);
    expect(shadow(el).querySelector('[part~="entry"][part~="error"]')).to.not.equal(null);
    [...shadow(el).querySelectorAll('button')].find((b) => b.textContent === 'Clear')!.click();
    await el.updateComplete;
    expect(lines(el)).to.deep.equal([]);
  });

  it('renders hostile log data as text', async () => {
    delete (window as { __pwned?: unknown }).__pwned;
    const el = await view();
    client.dispatchEvent(
      new CustomEvent('log', {
        detail: {
          level: 'error',
          logger: '<script>window.__pwned=1</script>',
          data: '<img src=x onerror="window.__pwned=2">',
        },
      }),
    );
    client.dispatchEvent(
      new CustomEvent('log', { detail: { level: 'bogus', data: { html: '<svg onload="window.__pwned=3">' } } }),
    );
    await el.updateComplete;
    await brokenImageFailed('x');
    expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
    expect(shadow(el).querySelectorAll('script, img, svg').length).to.equal(0);
    expect(shadow(el).textContent).to.include('<img src=x onerror="window.__pwned=2">');
    expect(el.entries[1].level).to.equal('info');
    await expect(el).to.be.accessible();
  });
});
