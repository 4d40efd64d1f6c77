import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { McpClient } from '../../src/client.js';
import type { CallToolResult } from '../../src/client.js';
import '../../src/components/mcp-result-view/define.js';
import type { McpResultView } from '../../src/components/mcp-result-view/mcp-result-view.js';
import { brokenImageFailed, connectedClient, servers } from '../helpers.js';

/** Every element in el's shadow tree and in the shadow trees nested in it. */
export function deepElements(root: Element | ShadowRoot): Element[] {
  const out: Element[] = [];
  const walk = (node: Element | ShadowRoot) => {
    for (const child of Array.from(node.children)) {
      out.push(child);
      if (child.shadowRoot) walk(child.shadowRoot);
      walk(child);
    }
  };
  if (root instanceof Element && root.shadowRoot) walk(root.shadowRoot);
  else walk(root);
  return out;
}

const shadow = (el: Element) => el.shadowRoot!;
const byText = (el: Element, selector: string, text: string) =>
  deepElements(el).find((e) => e.matches(selector) && (e.textContent ?? '').trim() === text) as HTMLElement | undefined;

describe('<mcp-result-view>', () => {
  let client: McpClient;
  before(async () => (client = await connectedClient('legacy')));
  after(() => client.close());

  const show = async (result: CallToolResult, outputSchema?: object) => {
    const el = await fixture<McpResultView>(
      html`<mcp-result-view .client=${client} .result=${result} .outputSchema=${outputSchema}></mcp-result-view>`,
    );
    await el.updateComplete;
    return el;
  };

  it('renders text (whitespace kept), annotations, allow-listed image and audio, links and embedded resources', async () => {
    const el = await show(await client.callTool('all_content'));
    const root = shadow(el);
    const texts = [...root.querySelectorAll('[part~="text"]')].map((e) => e.textContent);
    expect(texts).to.include('line one\n  indented line two');
    expect(texts).to.include('embedded text');
    expect(getComputedStyle(root.querySelector('[part~="text"]')!).whiteSpace).to.equal('pre-wrap');
    expect(root.textContent).to.include('for assistant').and.include('priority 0.3');

    const img = root.querySelector('img[part="image"]') as HTMLImageElement;
    expect(img.src).to.match(/^data:image\/png;base64,/);
    expect(img.alt).to.equal('Image (image/png)');
    const audio = root.querySelector('audio[part="audio"]') as HTMLAudioElement;
    expect(audio.src).to.match(/^data:audio\/wav;base64,/);
    expect(audio.getAttribute('aria-label')).to.equal('Audio (audio/wav)');

    // An https link opens in a new tab without opener or referrer; a fixture:// one only reads.
    const open = root.querySelector('a[aria-label="Open doc"]') as HTMLAnchorElement;
    expect(open.href).to.equal('https://example.com/doc');
    expect(open.target).to.equal('_blank');
    expect(open.rel).to.equal('noopener noreferrer');
    expect(root.querySelectorAll('a[target="_blank"]').length).to.equal(1);

    // Binary contents: size and a download from an octet-stream blob: URL with a plain file name.
    const download = root.querySelector('a[part="download"]') as HTMLAnchorElement;
    expect(download.href).to.match(/^blob:/);
    expect(download.getAttribute('download')).to.equal('data.bin');
    expect(download.textContent).to.equal('Download data.bin');
    expect(root.textContent).to.include('4 B of binary data');
    const blob = await (await fetch(download.href)).blob();
    expect(blob.type).to.equal('application/octet-stream');
    expect([...new Uint8Array(await blob.arrayBuffer())]).to.deep.equal([1, 2, 3, 4]);

    await expect(el).to.be.accessible();
  });

  it('reads a resource link through the client on demand and shows its contents inline', async () => {
    const el = await show(await client.callTool('all_content'));
    const read = shadow(el).querySelector('button[aria-label="Read The greeting"]') as HTMLButtonElement;
    expect(read.textContent).to.equal('Read');
    expect(read.getAttribute('aria-expanded')).to.equal('false');
    const reading = oneEvent(el, 'mcp-resource-read');
    read.click();
    const event = (await reading) as CustomEvent;
    expect(event.detail.uri).to.equal('fixture://greeting');
    expect(event.detail.contents[0].text).to.equal('Hello from a resource');
    const nested = shadow(el).querySelector('mcp-result-view') as McpResultView;
    await waitUntil(() => nested.shadowRoot?.textContent?.includes('Hello from a resource'), 'contents shown');
    expect(read.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
    read.click();
    await el.updateComplete;
    expect(shadow(el).querySelector('mcp-result-view')).to.equal(null);
  });

  it('shows structuredContent as a tree, checks it against outputSchema, and shows raw JSON on demand', async () => {
    const tools = await client.listTools();
    const add = tools.find((t) => t.name === 'add')!;
    const el = await show(await client.callTool('add', { a: 2, b: 40 }), add.outputSchema);
    const root = shadow(el);
    expect(root.querySelector('h3')!.textContent).to.equal('Structured content');
    expect(root.querySelector('[part="tree"] dt')!.textContent).to.equal('sum');
    expect(root.querySelector('[part="tree"] dd')!.textContent).to.equal('42');
    expect(root.textContent).to.include('Matches the output schema');
    expect(root.querySelector('[role="alert"]')).to.equal(null);

    const toggle = byText(el, 'button', 'Show raw JSON')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(JSON.parse(root.querySelector('[part="raw"]')!.textContent!)).to.deep.equal({ sum: 42 });
    expect(toggle.textContent).to.equal('Hide raw JSON');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('flags structuredContent that does not match the schema, naming the place', async () => {
    const el = await show(await client.callTool('add', { a: 1, b: 1 }), {
      type: 'object',
      properties: { sum: { type: 'string' } },
      required: ['sum', 'note'],
    });
    const alert = shadow(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.include('does not match the tool’s output schema');
    expect(alert.textContent).to.include('/sum');
    expect(alert.textContent).to.include('note');
    await expect(el).to.be.accessible();
  });

  it('never fetches a network $ref in an output schema', async () => {
    performance.setResourceTimingBufferSize(100_000); // a full buffer would drop the entry we look for
    const target = `http://127.0.0.1:9/schema-${Date.now()}.json`;
    const el = await show(
      { content: [], structuredContent: { a: 1 } },
      { type: 'object', properties: { a: { $ref: target } } },
    );
    expect(shadow(el).textContent).to.include('Not checked against the output schema');
    // A fetch of our own to the same dead port: once it is in the timeline, one started earlier would be too.
    const probe = `http://127.0.0.1:9/probe-${Date.now()}`;
    await fetch(probe).catch(() => {});
    const fetched = () => performance.getEntriesByType('resource').map((e) => e.name);
    await waitUntil(() => fetched().includes(probe), 'the probe in the resource timeline');
    expect(fetched().some((name) => name.startsWith(target))).to.equal(false);
  });

  it('renders nested structured values as collapsible lists', async () => {
    const el = await show({
      content: [],
      structuredContent: { user: { name: 'Ada', tags: ['x', 'y'] }, ok: true, none: null },
    });
    const root = shadow(el);
    const details = root.querySelectorAll('details');
    expect(details.length).to.equal(2);
    expect(details[0].querySelector('summary')!.textContent).to.equal('{2}');
    expect(root.querySelector('[part="tree"]')!.textContent).to.include('Ada').and.include('true').and.include('null');
    expect(root.textContent).to.not.include('No content.');
    await expect(el).to.be.accessible();
  });

  it('shows an isError result as an alert and degrades on unknown content types', async () => {
    const el = await show({ isError: true, content: [{ type: 'text', text: 'boom' }, { type: 'hologram' } as never] });
    const alert = shadow(el).querySelector('[role="alert"]')!;
    expect(alert.textContent)
      .to.include('The tool reported an error')
      .and.include('boom')
      .and.include('Unsupported content type: hologram');
    await expect(el).to.be.accessible();
  });

  it('renders prompt messages with role labels and resource contents', async () => {
    const prompt = await client.getPrompt('greet', { name: 'Ada' });
    const el = await fixture<McpResultView>(html`<mcp-result-view .messages=${prompt.messages}></mcp-result-view>`);
    expect(shadow(el).querySelector('[part="role"]')!.textContent).to.equal('User');
    expect(shadow(el).querySelector('[part~="text"]')!.textContent).to.equal('Please greet Ada (friendly)');
    await expect(el).to.be.accessible();

    const { contents } = await client.readResource('fixture://greeting');
    el.messages = undefined;
    el.contents = contents;
    await el.updateComplete;
    expect(shadow(el).querySelector('[role="group"]')!.getAttribute('aria-label')).to.equal(
      'Contents of fixture://greeting',
    );
    expect(shadow(el).querySelector('[part~="text"]')!.textContent).to.equal('Hello from a resource');
  });

  it('reads `uri` itself and reloads on demand', async () => {
    const el = await fixture<McpResultView>(
      html`<mcp-result-view .client=${client} uri="fixture://items/beta"></mcp-result-view>`,
    );
    await waitUntil(() => shadow(el).textContent?.includes('Item beta'), 'read');
    await el.reload();
    await el.updateComplete;
    expect(shadow(el).querySelector('[part~="text"]')!.textContent).to.equal('Item beta');
    await expect(el).to.be.accessible();
  });

  it('runs no script and makes no live link from hostile content', async () => {
    delete (window as { __pwned?: unknown }).__pwned;
    const el = await show(await client.callTool('hostile_content'));
    await brokenImageFailed('x');
    expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
    const all = deepElements(el);
    expect(
      all.filter(
        (e) => e.localName === 'script' || e.localName === 'svg' || e.localName === 'iframe' || e.localName === 'b',
      ),
    ).to.deep.equal([]);
    expect(all.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on')))).to.deep.equal([]);
    expect(all.filter((e) => e.localName === 'img')).to.deep.equal([]);
    expect(all.some((e) => e instanceof HTMLAnchorElement && !/^(https?|blob):/.test(e.href))).to.equal(false);
    const root = shadow(el);
    expect(root.querySelector('[role="alert"]')).to.not.equal(null);
    expect(root.textContent).to.include('<img src=x onerror="window.__pwned=1">');
    expect(root.textContent).to.include('Not shown: image/svg+xml is not an allowed media type');
    expect(root.textContent).to.include('<script>window.__pwned=7</script>');
    expect((root.querySelector('a[part="download"]') as HTMLAnchorElement).getAttribute('download')).to.equal(
      'evil.html.bin',
    );
    await expect(el).to.be.accessible();
  });

  it('renders server-everything results: tiny image, resource links read on demand, embedded reference', async () => {
    const everything = new McpClient({ url: (await servers()).everythingHttp });
    await everything.connect();
    try {
      const image = await fixture<McpResultView>(
        html`<mcp-result-view .result=${await everything.callTool('get-tiny-image')}></mcp-result-view>`,
      );
      expect((shadow(image).querySelector('img') as HTMLImageElement).src).to.match(/^data:image\/png;base64,/);
      const links = await fixture<McpResultView>(
        html`<mcp-result-view .client=${everything} .result=${await everything.callTool('get-resource-links', { count: 2 })}></mcp-result-view>`,
      );
      const read = [...shadow(links).querySelectorAll('button')].find((b) =>
        b.getAttribute('aria-label')!.startsWith('Read Text Resource'),
      )!;
      read.click();
      await links.updateComplete;
      const nested = shadow(links).querySelector('mcp-result-view')!;
      await waitUntil(() => nested.shadowRoot?.querySelector('[part~="text"]'), 'text resource read');
      await expect(links).to.be.accessible();
      const ref = await fixture<McpResultView>(
        html`<mcp-result-view .result=${await everything.callTool('get-resource-reference', { resourceType: 'Text', resourceId: 1 })}></mcp-result-view>`,
      );
      expect(shadow(ref).querySelector('[part="resource"]')).to.not.equal(null);
    } finally {
      await everything.close();
    }
  });
});
