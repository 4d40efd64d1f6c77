import './guard.js'; // first: it watches every shadow root from its creation
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import type { McpToolForm } from '../../src/components/mcp-tool-form/mcp-tool-form.js';
import type { McpToolCallEvent, McpToolResultEvent } from '../../src/events/events.js';
import { buttonNamed, expectTicking, freshStore, heartbeat, servers } from '../helpers.js';
import { deepQuery, deepText, expectSafe, Tally } from './guard.js';

// The whole widget, <mcp-client>, pointed at the hostile server, used as a person would: every
// tool run from its form, every resource read, every prompt got, the log read, the dialogs the
// server opens answered. After each step: no script ran, no unsafe node, no prototype polluted,
// and where the server failed, an error is on screen.

const tally = new Tally('<mcp-client> (widget)');
after(() => tally.report());

const SCRIPT = '<script>window.__pwned=1</script>';
const root = (el: Element) => el.shadowRoot!;
let el: McpClientElement;

async function openTab(name: string) {
  buttonNamed(root(el), name).click();
  await el.updateComplete;
}

/** Chooses a tool in the list and waits for its form. */
async function chooseTool(name: string): Promise<McpToolForm> {
  await openTab('Tools');
  const list = root(el).querySelector('mcp-tool-list')!;
  await waitUntil(() => list.shadowRoot!.querySelectorAll('[part~=tool]').length > 0, 'tools listed');
  const button = [...list.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=tool]')].find((b) =>
    b.querySelector('.name')!.textContent!.startsWith(`${name} `),
  )!;
  expect(button, `tool ${name} listed`).to.exist;
  button.click();
  await waitUntil(
    () =>
      root(el).querySelector('mcp-tool-form')?.definition?.name === name &&
      root(el).querySelector('mcp-tool-form')!.shadowRoot!.querySelector('mcp-schema-form'),
    `form of ${name}`,
  );
  return root(el).querySelector('mcp-tool-form')!;
}

/** Runs the chosen tool and waits for its outcome (mcp-tool-result: a result or an error) to be on screen. */
async function run(form: McpToolForm): Promise<string> {
  const done = new Promise<McpToolResultEvent>((resolve) =>
    form.addEventListener('mcp-tool-result', (e) => resolve(e as McpToolResultEvent), { once: true }),
  );
  buttonNamed(root(form), 'Run').click();
  await Promise.race([
    done,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${form.definition?.name}: no outcome`)), 25_000)),
  ]);
  await form.updateComplete;
  return deepText(root(form));
}

describe('hostile server: the whole widget', () => {
  before(async () => {
    // One widget for the whole suite, as a person would keep it open (fixture() would remove it after each test).
    el = document.createElement('mcp-client');
    el.store = freshStore('mcp-hostile-widget-test');
    el.url = (await servers()).hostile;
    document.body.append(el);
    await waitUntil(() => el.client?.state === 'ready' && root(el).querySelector('[role=tablist]'), 'connected', {
      timeout: 15_000,
    });
  });

  it('shows the server name and instructions as text', async () => {
    await el.updateComplete;
    expect(root(el).querySelector('[part=server]')!.textContent).to.contain(SCRIPT);
    expect(root(el).querySelector('[part=instructions]')!.textContent).to.contain('onerror=');
    expectSafe(tally, 'server info');
  });

  it('lists hostile tools as text, with only safe icons', async () => {
    const list = root(el).querySelector('mcp-tool-list')!;
    await waitUntil(() => list.shadowRoot!.querySelectorAll('[part~=tool]').length === 18, 'all tools listed');
    expect(list.shadowRoot!.textContent).to.contain(SCRIPT);
    const icons = [...list.shadowRoot!.querySelectorAll('img')].map((i) => i.getAttribute('src')!);
    expect(
      icons.every((s) => s.startsWith('data:image/svg+xml;base64,')),
      icons.join('\n'),
    ).to.equal(true);
    // Searching with markup is a plain substring search.
    const search = list.shadowRoot!.querySelector<HTMLInputElement>('[part=search]')!;
    search.value = '<svg onload';
    search.dispatchEvent(new Event('input'));
    await list.updateComplete;
    expect(list.shadowRoot!.querySelectorAll('[part~=tool]').length).to.equal(18);
    search.value = '';
    search.dispatchEvent(new Event('input'));
    await list.updateComplete;
    expectSafe(tally, 'tool list');
  });

  it('runs a tool whose result has script in every block and shows it as text', async () => {
    const form = await chooseTool('script_everywhere');
    const text = await run(form);
    expect(text).to.contain(SCRIPT);
    expect(deepQuery(root(form), 'mcp-result-view')).to.exist;
    expectSafe(tally, 'script_everywhere');
  });

  it('renders a 10 MB text result while the page keeps ticking', async () => {
    const beat = heartbeat();
    try {
      const form = await chooseTool('big_text');
      const during = beat.timeouts;
      const text = await run(form);
      expect(text.length).to.be.greaterThan(10_000_000);
      expect(beat.timeouts).to.be.greaterThan(during);
      await expectTicking(beat);
    } finally {
      beat.stop();
    }
    expectSafe(tally, 'big_text');
  });

  it('renders a 10 MB base64 image while the page keeps ticking', async () => {
    const beat = heartbeat();
    try {
      const form = await chooseTool('big_image');
      await run(form);
      const img = deepQuery<HTMLImageElement>(root(form), 'img[part=image]')!;
      expect(img.src.length).to.be.greaterThan(10_000_000);
      await expectTicking(beat);
    } finally {
      beat.stop();
    }
    expectSafe(tally, 'big_image');
  });

  it('shows a form for a 1,000-level schema without freezing', async () => {
    const beat = heartbeat();
    try {
      const form = await chooseTool('deep_schema');
      await expectTicking(beat);
      expect(deepText(root(form))).to.contain('level 1');
    } finally {
      beat.stop();
    }
    expectSafe(tally, 'deep_schema');
  });

  it('keeps __proto__ keys in the form, the arguments and the result as data', async () => {
    const form = await chooseTool('proto_keys');
    let sent: Record<string, unknown> | undefined;
    el.addEventListener('mcp-tool-call', (e) => (sent = (e as McpToolCallEvent).arguments), { once: true });
    const text = await run(form);
    expect(text).to.contain('proto ok');
    // The form sent the schema's defaults under own __proto__ and constructor keys, as data.
    expect(Object.getPrototypeOf(sent)).to.equal(Object.prototype);
    expect(JSON.stringify(sent)).to.contain('"__proto__":{"polluted":"yes"}');
    expectSafe(tally, 'proto_keys');
  });

  it('can cancel an endless progress stream; the page keeps ticking meanwhile', async () => {
    const beat = heartbeat();
    const form = await chooseTool('endless_progress');
    try {
      buttonNamed(root(form), 'Run').click();
      await waitUntil(
        () => root(form).querySelector('[part=progress]')?.textContent!.includes('step'),
        'progress shown',
        { timeout: 15_000 },
      );
      await expectTicking(beat, 20);
      expectSafe(tally, 'endless_progress running');
      buttonNamed(root(form), 'Cancel').click();
      await waitUntil(
        () => root(form).querySelector('[role=alert]')?.textContent!.includes('Cancelled'),
        'cancelled shown',
      );
    } finally {
      beat.stop();
    }
    const stats = async () => (await fetch(`${(await servers()).hostileControl}/stats`)).json();
    await waitUntil(async () => (await stats()).openStreams === 0, 'the server saw the stream closed', {
      timeout: 10_000,
    });
    expectSafe(tally, 'endless_progress cancelled');
  });

  const failing: [tool: string, onScreen: string | RegExp][] = [
    ['error_message', SCRIPT],
    ['jsonrpc_1_0', 'JSON-RPC 2.0'],
    ['array_answer', 'JSON-RPC 2.0'],
    ['number_answer', 'JSON-RPC 2.0'],
    ['null_result', 'neither result nor error'],
    ['wrong_id', 'did not contain its response'],
    ['wrong_id_sse', 'closed the response stream before answering'],
    ['endless_line', 'exceeded 16 MB'],
  ];
  for (const [tool, onScreen] of failing) {
    it(`shows a clear error for ${tool}`, async () => {
      const form = await chooseTool(tool);
      await run(form);
      const alert = root(form).querySelector('[role=alert]');
      expect(alert, `${tool}: no error on screen`).to.exist;
      expect(alert!.textContent).to.contain(onScreen);
      expectSafe(tally, tool);
    });
  }

  it('ignores responses to requests never sent and shows the real answer', async () => {
    const text = await run(await chooseTool('unsolicited'));
    expect(text).to.contain('the real answer');
    expectSafe(tally, 'unsolicited');
  });

  for (let which = 0; which < 6; which++) {
    it(`never offers to open an unsafe URL-mode elicitation URL (#${which})`, async () => {
      const form = await chooseTool('url_elicitation');
      form.values = { which };
      await form.updateComplete;
      buttonNamed(root(form), 'Run').click();
      const dialog = await waitUntil(
        () => root(el).querySelector('mcp-elicitation-dialog')?.shadowRoot?.querySelector('dialog[open]'),
        'dialog shown',
      ).then(() => root(el).querySelector('mcp-elicitation-dialog')!);
      expect(deepText(root(dialog))).to.contain('only http and https');
      expect(buttonNamed(root(dialog), 'Open').disabled).to.equal(true);
      expect(root(dialog).querySelector('a')).to.equal(null);
      expectSafe(tally, `url_elicitation ${which}`);
      buttonNamed(root(dialog), 'Decline').click();
      await waitUntil(() => deepText(root(form)).includes('elicitation answered'), 'answered');
      expect(deepText(root(form))).to.contain('decline');
    });
  }

  it('declining a -32042 with unsafe URLs shows the error', async () => {
    const form = await chooseTool('url_required');
    buttonNamed(root(form), 'Run').click();
    await waitUntil(
      () => root(el).querySelector('mcp-elicitation-dialog')?.shadowRoot?.querySelector('dialog[open]'),
      'dialog shown',
    );
    const dialog = root(el).querySelector('mcp-elicitation-dialog')!;
    expect(buttonNamed(root(dialog), 'Open').disabled).to.equal(true);
    expectSafe(tally, 'url_required dialog');
    buttonNamed(root(dialog), 'Decline').click();
    await waitUntil(() => root(form).querySelector('[role=alert]'), 'error shown');
    expect(root(form).querySelector('[role=alert]')!.textContent).to.contain('Open these first');
    expectSafe(tally, 'url_required');
  });

  it('shows a hostile elicitation form as text', async () => {
    const form = await chooseTool('form_elicitation');
    buttonNamed(root(form), 'Run').click();
    await waitUntil(
      () => root(el).querySelector('mcp-elicitation-dialog')?.shadowRoot?.querySelector('dialog[open]'),
      'dialog shown',
    );
    const dialog = root(el).querySelector('mcp-elicitation-dialog')!;
    expect(deepText(root(dialog))).to.contain(SCRIPT);
    expectSafe(tally, 'form_elicitation dialog');
    buttonNamed(root(dialog), 'Decline').click();
    await waitUntil(() => deepText(root(form)).includes('elicitation answered'), 'answered');
  });

  it('lists and reads hostile resources and templates as text', async () => {
    await openTab('Resources');
    const browser = root(el).querySelector('mcp-resource-browser')!;
    await waitUntil(() => browser.shadowRoot!.querySelectorAll('[part=resource]').length > 0, 'resources listed');
    // A template variable named __proto__ or constructor starts empty, not with what the prototype holds.
    for (const input of browser.shadowRoot!.querySelectorAll<HTMLInputElement>('[part=template] input'))
      expect(input.value, input.name).to.equal('');
    expectSafe(tally, 'resource list');
    const reads = [...browser.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=resource] button')].filter(
      (b) => b.textContent!.trim() === 'Read',
    );
    for (const [i, button] of reads.entries()) {
      button.click();
      await waitUntil(
        () =>
          deepQuery(browser.shadowRoot!, '[part=viewer] mcp-result-view') &&
          deepText(browser.shadowRoot!.querySelector('[part=viewer]')!).length > 0 &&
          !deepQuery(browser.shadowRoot!, '[part=viewer] [role=status]'),
        `resource ${i} read`,
      );
      expectSafe(tally, `resource ${i}`);
    }
  });

  it('lists and gets hostile prompts as text', async () => {
    await openTab('Prompts');
    const prompts = root(el).querySelector('mcp-prompt-list')!;
    await waitUntil(() => prompts.shadowRoot!.querySelectorAll('[part~=prompt]').length === 2, 'prompts listed');
    prompts.shadowRoot!.querySelector<HTMLButtonElement>('[part~=prompt]')!.click();
    await prompts.updateComplete;
    // Arguments named __proto__ and constructor start empty, not with what the prototype holds.
    const inputs = [...prompts.shadowRoot!.querySelectorAll<HTMLInputElement>('form input')];
    for (const input of inputs) expect(input.value, input.name).to.equal('');
    for (const input of inputs) {
      input.value = SCRIPT;
      input.dispatchEvent(new Event('input'));
    }
    buttonNamed(prompts.shadowRoot!, 'Get').click();
    await waitUntil(() => prompts.shadowRoot!.querySelector('mcp-result-view'), 'messages shown');
    expect(deepText(prompts.shadowRoot!)).to.contain(SCRIPT);
    expectSafe(tally, 'prompts');
  });

  it('leaves no prototype polluted and no script run after everything', async () => {
    expectSafe(tally, 'the end');
    el.remove();
    await el.client?.close();
  });
});
