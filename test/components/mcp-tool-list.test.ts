import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/mcp-tool-list/define.js';
import type { McpToolList } from '../../src/components/mcp-tool-list/mcp-tool-list.js';
import { McpClient } from '../../src/client.js';
import type { Tool } from '../../src/client.js';
import { servers } from '../helpers.js';
import { catalogueTools } from '../fixtures/tools.js';

const tools: Tool[] = [
  ...catalogueTools,
  {
    name: 'evil',
    title: '<img src=x onerror="window.__pwned=1">',
    description: '<script>window.__pwned=1</script>',
    icons: [{ src: 'javascript:alert(1)' }, { src: 'https://evil.example/i.png' }],
    inputSchema: { type: 'object' },
  },
];

describe('<mcp-tool-list>', () => {
  it('shows each tool as a button, marks read-only and destructive tools, and searches as you type', async () => {
    const el = await fixture<McpToolList>(html`<mcp-tool-list .tools=${tools}></mcp-tool-list>`);
    const buttons = [...el.shadowRoot!.querySelectorAll('button')];
    const annotated = buttons.find((b) => b.textContent!.includes('From annotations'))!;
    expect(annotated.textContent).to.contain('read-only').and.contain('Reads things');
    expect(buttons.find((b) => b.textContent!.includes('wipe'))!.textContent).to.contain('destructive');
    const search = el.shadowRoot!.querySelector('input')!;
    search.value = 'wipe';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('button').length).to.equal(1);
  });

  it('fires mcp-tool-select with the tool and marks it pressed', async () => {
    const el = await fixture<McpToolList>(html`<mcp-tool-list .tools=${tools}></mcp-tool-list>`);
    const chosen = oneEvent(el, 'mcp-tool-select');
    el.shadowRoot!.querySelectorAll('button')[3].click();
    expect((await chosen).detail.name).to.equal('wipe');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('button')[3].getAttribute('aria-pressed')).to.equal('true');
  });

  it('renders hostile names as text and refuses unsafe or cross-origin icons', async () => {
    const el = await fixture<McpToolList>(html`<mcp-tool-list .tools=${tools}></mcp-tool-list>`);
    expect(el.shadowRoot!.querySelector('script, img')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.contain('<img src=x onerror="window.__pwned=1">');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('lists the tools of a real server through its client', async () => {
    const client = new McpClient({ url: (await servers()).legacy });
    await client.connect();
    const el = await fixture<McpToolList>(html`<mcp-tool-list .client=${client}></mcp-tool-list>`);
    await (el as unknown as { toolsTask: { taskComplete: Promise<unknown> } }).toolsTask.taskComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('echo').and.contain('Echoes a message');
    await client.close();
  });

  it('shows the title and, when it differs, the name on a quieter monospace line; search finds either', async () => {
    const el = await fixture<McpToolList>(html`<mcp-tool-list .tools=${tools}></mcp-tool-list>`);
    const entry = (title: string) =>
      [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.querySelector('.name')!.textContent === title)!;
    expect(entry('Top title').querySelector('[part=tool-name]')!.textContent).to.equal('titled');
    expect(getComputedStyle(entry('Top title').querySelector('[part=tool-name]')!).fontFamily).to.match(/mono/i);
    expect(entry('plain').querySelector('[part=tool-name]'), 'no second line when the title is the name').to.equal(
      null,
    );
    const search = el.shadowRoot!.querySelector('input')!;
    for (const [query, found] of [
      ['titled', 'Top title'],
      ['top title', 'Top title'],
      ['annotated', 'From annotations'],
    ]) {
      search.value = query;
      search.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect(
        [...el.shadowRoot!.querySelectorAll('.name')].map((n) => n.textContent),
        query,
      ).to.include(found);
    }
  });

  // The longest task is reported, not asserted: on this shared machine (load 10+ on 2 cores) task
  // durations are several times what the code costs; bench/first-screen.mjs measures it.
  it('shows the first screen of 10,000 tools at once and the rest in later tasks; search reaches any of them', async () => {
    const many: Tool[] = Array.from({ length: 10_000 }, (_, i) => ({
      name: `tool_${i}`,
      title: `Tool ${i}`,
      description: `Does thing ${i}`,
      inputSchema: { type: 'object' },
    }));
    let longest = 0;
    const observer = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => (longest = Math.max(longest, e.duration))),
    );
    observer.observe({ type: 'longtask' });
    try {
      const el = await fixture<McpToolList>(html`<mcp-tool-list .tools=${many}></mcp-tool-list>`);
      const entries = () => el.shadowRoot!.querySelectorAll('[part~=tool]').length;
      // The first update makes entries for a few ms: a screenful at least, far from all 10,000.
      const first = entries();
      expect(first, 'the first update renders a screenful, not 10,000').to.be.within(20, 5000);
      await waitUntil(() => entries() === 10_000, 'the rest follow in later tasks', { timeout: 20_000 });
      const search = el.shadowRoot!.querySelector('input')!;
      search.value = 'tool_9999';
      search.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect([...el.shadowRoot!.querySelectorAll('.name')].map((n) => n.textContent)).to.deep.equal(['Tool 9999']);
      await new Promise((r) => requestAnimationFrame(r));
      console.log(`10,000 tools: longest task ${longest.toFixed(0)} ms`);
    } finally {
      observer.disconnect();
    }
  });

  it('tells assistive tech where each entry stands in the whole list, across chunks and after a search; choosing keeps the focus', async () => {
    const many: Tool[] = Array.from({ length: 250 }, (_, i) => ({
      name: `tool_${i}`,
      title: `Tool ${i}`,
      inputSchema: { type: 'object' },
    }));
    const el = await fixture<McpToolList>(html`<mcp-tool-list .tools=${many}></mcp-tool-list>`);
    const items = () => [...el.shadowRoot!.querySelectorAll('[role=listitem]')];
    await waitUntil(() => items().length === 250, 'every entry rendered');
    const last = items()[249];
    expect([
      last.getAttribute('aria-posinset'),
      last.getAttribute('aria-setsize'),
      last.querySelector('.name')!.textContent,
    ]).to.deep.equal(['250', '250', 'Tool 249']);
    const button = items()[180].querySelector('button')!;
    button.focus();
    button.click();
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement, 'the same button, still focused').to.equal(button);
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    const search = el.shadowRoot!.querySelector('input')!;
    search.value = 'Tool 24';
    search.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(items().map((i) => [i.getAttribute('aria-posinset'), i.getAttribute('aria-setsize')])).to.deep.equal(
      Array.from({ length: 11 }, (_, i) => [String(i + 1), '11']),
    );
  });

  it('is accessible', async () => {
    const el = await fixture<McpToolList>(html`<mcp-tool-list .tools=${tools} selected="wipe"></mcp-tool-list>`);
    await expect(el).to.be.accessible();
  });
});
