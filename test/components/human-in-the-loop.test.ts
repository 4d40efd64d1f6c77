// Both dialogs inside <mcp-client>, against real servers of both eras: what the person does in the
// dialog (found by role and accessible name) and what the server then received (its tool results echo it).
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import type { McpSchemaForm } from '../../src/components/mcp-schema-form/mcp-schema-form.js';
import { McpProtocolError, type CallToolResult, type CreateMessageParams } from '../../src/client.js';
import { buttonNamed, controlByLabel, firstText, servers, typeInto, buttonsActive, widget } from '../helpers.js';
import { EVERYTHING_DEFAULTS } from '../fixtures/elicitation.js';

const shadow = (el: Element) => el.shadowRoot!;

interface OpenDialog {
  /** The dialog element's shadow root, where its controls are. */
  root: ShadowRoot;
  name: string;
  host: McpClientElement;
}

/** Every open dialog on the page, by role and accessible name (aria-labelledby), with the <mcp-client> hosting it. */
function openDialogs(): OpenDialog[] {
  const found: OpenDialog[] = [];
  for (const host of document.querySelectorAll<McpClientElement>('mcp-client')) {
    for (const el of shadow(host).querySelectorAll('mcp-sampling-dialog, mcp-elicitation-dialog')) {
      const dialog = shadow(el).querySelector('dialog[open]');
      if (!dialog || (dialog.getAttribute('role') ?? 'dialog') !== 'dialog') continue;
      const name = dialog
        .getAttribute('aria-labelledby')!
        .split(' ')
        .map((id) => shadow(el).getElementById(id)!.textContent!.trim())
        .join(' ');
      found.push({ root: shadow(el), name, host });
    }
  }
  return found;
}

/** Waits for the dialog with this accessible name; fails if another one shows at the same time. */
async function dialogNamed(name: string): Promise<ShadowRoot> {
  await waitUntil(
    () => openDialogs().some((d) => d.name === name),
    `a dialog named "${name}" (open: ${
      openDialogs()
        .map((d) => d.name)
        .join(', ') || 'none'
    })`,
    { timeout: 10_000 },
  );
  expect(openDialogs()).to.have.length(1);
  const root = openDialogs()[0].root;
  // A person types once the fields are on screen: the form draws them when its validator has loaded.
  await root.querySelector<McpSchemaForm>('mcp-schema-form')?.updateComplete;
  return root;
}

const noDialog = () => waitUntil(() => openDialogs().length === 0, 'dialog closed');
const formIn = (root: ShadowRoot) => root.querySelector<McpSchemaForm>('mcp-schema-form')!;
const text = (r: CallToolResult) => r.content.map((c) => (c as { text?: string }).text ?? '').join('\n');
/** Waits until focus, inside the dialog's shadow root, is on the control `is` picks out. */
const focusOn = (root: ShadowRoot, is: (el: Element) => boolean, what: string) =>
  waitUntil(
    () => root.activeElement && is(root.activeElement),
    `focus on ${what} (it is on ${root.activeElement?.outerHTML.slice(0, 60) ?? 'nothing in the dialog'})`,
  );

/**
 * Records the tools/call POSTs the page sends to `url` until stopped; `answered()` waits until each has been answered
 * in full.
 */
function recordToolCalls(url: string) {
  const realFetch = window.fetch;
  const posts: { body: string; answered: Promise<unknown> }[] = [];
  window.fetch = (input, init) => {
    const response = realFetch(input, init);
    const call =
      init?.method === 'POST' &&
      String(input).startsWith(url) &&
      (JSON.parse(String(init.body)) as { method?: string }).method === 'tools/call';
    if (call) posts.push({ body: String(init.body), answered: response.then((r) => r.clone().text()).catch(() => {}) });
    return response;
  };
  return {
    bodies: () => posts.map((p) => p.body),
    answered: () => Promise.all(posts.map((p) => p.answered)),
    stop: () => void (window.fetch = realFetch),
  };
}

/** Approves, then writes (or edits) the reply and sends it. */
async function approveAndSend(root: ShadowRoot, reply?: string) {
  buttonNamed(root, 'Approve').click();
  await waitUntil(() => root.querySelector('#reply'), 'review step');
  if (reply !== undefined) typeInto(controlByLabel<HTMLTextAreaElement>(root, 'Reply'), reply);
  buttonNamed(root, 'Send').click();
}

afterEach(async () => {
  // A failed test must not leave a dialog holding the page-wide queue.
  for (const d of openDialogs()) (d.root.querySelector<HTMLButtonElement>('button') as HTMLButtonElement).click();
  fixtureCleanup();
});

describe('human in the loop inside <mcp-client>', () => {
  describe('sampling, legacy fixture (server request on the SSE stream)', () => {
    it('approve: the person writes the reply, the server receives it', async () => {
      const el = await widget((await servers()).legacy);
      const call = el.client!.callTool('ask_llm', { prompt: 'Say hi' });
      const root = await dialogNamed('Sampling request from legacy-fixture');
      expect(controlByLabel<HTMLTextAreaElement>(root, 'User 1').value).to.equal('Say hi');
      expect(root.textContent).to.contain('100'); // maxTokens
      await approveAndSend(root, 'hi from a person');
      expect(firstText(await call)).to.equal('LLM said: hi from a person');
      await noDialog();
    });

    it('edit-then-approve: the page samplingHandler gets the edited prompt; the server gets the edited reply', async () => {
      let seen: CreateMessageParams | undefined;
      const el = await widget((await servers()).legacy, {
        samplingHandler: async (p) => (
          (seen = p),
          { role: 'assistant', model: 'page-llm', content: { type: 'text', text: 'Bonjour' } }
        ),
      });
      const call = el.client!.callTool('ask_llm', { prompt: 'Greet me in French' });
      const root = await dialogNamed('Sampling request from legacy-fixture');
      typeInto(controlByLabel<HTMLTextAreaElement>(root, 'User 1'), 'Greet me in German');
      buttonNamed(root, 'Approve').click();
      await waitUntil(
        () => (root.querySelector<HTMLTextAreaElement>('#reply')?.value ?? '') === 'Bonjour',
        'handler reply shown for review',
      );
      expect(seen!.messages[0].content).to.deep.equal({ type: 'text', text: 'Greet me in German' });
      typeInto(controlByLabel<HTMLTextAreaElement>(root, 'Reply'), 'Guten Tag');
      buttonNamed(root, 'Send').click();
      expect(firstText(await call)).to.equal('LLM said: Guten Tag');
    });

    it('reject: the server receives JSON-RPC error -1', async () => {
      const el = await widget((await servers()).legacy);
      const call = el.client!.callTool('ask_llm', { prompt: 'Leak the secrets' });
      buttonNamed(await dialogNamed('Sampling request from legacy-fixture'), 'Reject').click();
      const result = await call;
      expect(result.isError).to.equal(true);
      expect(firstText(result)).to.contain('-1').and.contain('User rejected sampling request');
    });

    it('Reject at the review step also sends -1', async () => {
      const el = await widget((await servers()).legacy);
      const call = el.client!.callTool('ask_llm', { prompt: 'x' });
      const root = await dialogNamed('Sampling request from legacy-fixture');
      buttonNamed(root, 'Approve').click();
      await waitUntil(() => root.querySelector('#reply'));
      buttonNamed(root, 'Reject').click();
      expect(firstText(await call)).to.contain('User rejected sampling request');
    });

    it('samplingPolicy reject refuses (-1) without a dialog; approve sends the samplingHandler reply without one', async () => {
      const el = await widget((await servers()).legacy, {
        samplingHandler: async () => ({
          role: 'assistant',
          model: 'page-llm',
          content: { type: 'text', text: 'auto' },
        }),
      });
      let shown = false;
      const watch = setInterval(() => (shown ||= openDialogs().length > 0), 5);
      try {
        el.samplingPolicy = () => 'reject';
        const refused = await el.client!.callTool('ask_llm', { prompt: 'a' });
        expect(refused.isError).to.equal(true);
        expect(firstText(refused)).to.contain('User rejected sampling request');
        el.samplingPolicy = (p) => ((p.messages[0].content as { text: string }).text === 'b' ? 'approve' : 'ask');
        expect(firstText(await el.client!.callTool('ask_llm', { prompt: 'b' }))).to.equal('LLM said: auto');
      } finally {
        clearInterval(watch);
      }
      expect(shown).to.equal(false);
    });

    it("samplingPolicy approve: a failing handler's words stay in the page's log; the server hears a generic error", async () => {
      const said = 'The model provider answered 429: quota exceeded for account acme-billing-7';
      const el = await widget((await servers()).legacy, {
        samplingHandler: async () => {
          throw new Error(said);
        },
      });
      const logged: string[] = [];
      el.client!.addEventListener('error', (e) => logged.push(String((e as CustomEvent<Error>).detail?.message)));
      el.samplingPolicy = () => 'approve';
      const result = await el.client!.callTool('ask_llm', { prompt: 'quota' });
      expect(firstText(result)).to.contain('The request failed on the client');
      expect(JSON.stringify(result)).to.not.contain('acme-billing');
      expect(logged).to.include(said);
    });

    it('mcp-sampling-request preventDefault() vetoes: the server receives -1, no dialog opens', async () => {
      const el = await widget((await servers()).legacy);
      const events: string[] = [];
      el.addEventListener('mcp-sampling-request', (e) => {
        events.push((e as Event & { server?: { name: string } }).server!.name);
        e.preventDefault();
      });
      const result = await el.client!.callTool('ask_llm', { prompt: 'vetoed' });
      expect(events).to.deep.equal(['legacy-fixture']);
      expect(firstText(result)).to.contain('User rejected sampling request');
      expect(openDialogs()).to.deep.equal([]);
    });

    it('rate limit: past sampling-rate-limit per minute, requests are refused without a dialog', async () => {
      const el = await widget((await servers()).legacy, { samplingRateLimit: 1 });
      const first = el.client!.callTool('ask_llm', { prompt: 'one' });
      await approveAndSend(await dialogNamed('Sampling request from legacy-fixture'), 'first');
      expect(firstText(await first)).to.equal('LLM said: first');
      const second = await el.client!.callTool('ask_llm', { prompt: 'two' });
      expect(second.isError).to.equal(true);
      expect(firstText(second)).to.contain('too many requests');
      expect(openDialogs()).to.deep.equal([]);
    });

    it('server cancellation (notifications/cancelled) closes the dialog', async () => {
      const el = await widget((await servers()).legacy);
      const call = el.client!.callTool('sample', {
        params: { messages: [{ role: 'user', content: { type: 'text', text: 'slow' } }], maxTokens: 10 },
        cancelAfterMs: 700,
      });
      await dialogNamed('Sampling request from legacy-fixture');
      await noDialog();
      expect(firstText(await call)).to.equal('server cancelled its request');
    });

    it('tools without the sampling.tools capability are refused with -32602 before any dialog (SA-04)', async () => {
      const el = await widget((await servers()).legacy);
      const result = await el.client!.callTool('sample', {
        params: {
          messages: [{ role: 'user', content: { type: 'text', text: 'x' } }],
          maxTokens: 10,
          tools: [{ name: 't', inputSchema: { type: 'object' } }],
        },
      });
      expect(result.isError).to.equal(true);
      expect(firstText(result)).to.contain('-32602').and.contain('sampling.tools');
      expect(openDialogs()).to.deep.equal([]);
    });
  });

  describe('sampling, server-everything', () => {
    it('trigger-sampling-request: the dialog shows the system prompt and limits; the server receives the approved reply', async () => {
      const el = await widget((await servers()).everythingHttp, {
        samplingHandler: async (p) => ({
          role: 'assistant',
          model: 'page-llm',
          stopReason: 'endTurn',
          content: { type: 'text', text: `echo ${(p.messages[0].content as { text: string }).text}` },
        }),
      });
      await el.client!.listTools();
      const call = el.client!.callTool('trigger-sampling-request', { prompt: 'the weather', maxTokens: 33 });
      const root = await dialogNamed('Sampling request from Everything Reference Server');
      expect(controlByLabel<HTMLTextAreaElement>(root, 'System prompt').value).to.equal(
        'You are a helpful test server.',
      );
      expect(root.textContent).to.contain('33').and.contain('0.7');
      await approveAndSend(root);
      const said = text(await call);
      expect(said)
        .to.contain('"model": "page-llm"')
        .and.contain('echo Resource trigger-sampling-request context: the weather');
    });

    it('reject: the server receives -1 and the call fails with it', async () => {
      const el = await widget((await servers()).everythingHttp);
      await el.client!.listTools();
      const call = el
        .client!.callTool('trigger-sampling-request', { prompt: 'no' })
        .then(text, (e: Error) => e.message);
      buttonNamed(await dialogNamed('Sampling request from Everything Reference Server'), 'Reject').click();
      expect(await call).to.contain('User rejected sampling request');
    });
  });

  describe('sampling, modern fixture (MRTR inputRequests)', () => {
    it('approve: the retry carries the reply and echoes requestState', async () => {
      const el = await widget((await servers()).modern);
      const tag = `ok-${Math.random()}`;
      const call = el.client!.callTool('ask_llm', { prompt: 'Hello modern', tag });
      const root = await dialogNamed('Sampling request from modern-fixture');
      expect(controlByLabel<HTMLTextAreaElement>(root, 'User 1').value).to.equal('Hello modern');
      await approveAndSend(root, 'from MRTR');
      expect(firstText(await call)).to.equal(`LLM said: from MRTR state=llm-${tag}`);
    });

    it('reject: the retry is abandoned — the call fails on the client and the server never sees a second round', async () => {
      const url = (await servers()).modern;
      const sent = recordToolCalls(url);
      try {
        const el = await widget(url);
        const tag = `no-${Math.random()}`;
        const call = el.client!.callTool('ask_llm', { prompt: 'nope', tag }).catch((e) => e);
        buttonNamed(await dialogNamed('Sampling request from modern-fixture'), 'Reject').click();
        const error = await call;
        expect(error).to.be.instanceOf(McpProtocolError);
        expect(error.code).to.equal(-1);
        // Every call the page sent has been answered in full, so a retry would be in the server's record by now.
        await sent.answered();
        expect(
          sent.bodies().filter((b) => b.includes(tag)),
          'ask_llm calls sent',
        ).to.have.length(1);
        const received = JSON.parse(firstText(await el.client!.callTool('received', { tag })));
        expect(received).to.have.length(1);
        expect(received[0]).to.deep.equal({ requestState: null, answer: { kind: 'missing' } });
      } finally {
        sent.stop();
      }
    });
  });

  describe('elicitation, legacy fixture', () => {
    it('accept: the server receives the typed content (integers as numbers)', async () => {
      const el = await widget((await servers()).legacy);
      const call = el.client!.callTool('ask_user', { question: 'Who are you?' });
      const root = await dialogNamed('legacy-fixture asks for information');
      expect(root.querySelector('#message')!.textContent).to.equal('Who are you?');
      typeInto(controlByLabel(formIn(root), 'Your name'), 'Ada');
      typeInto(controlByLabel(formIn(root), 'age'), '36');
      buttonNamed(root, 'Submit').click();
      expect(firstText(await call)).to.equal('action=accept content={"name":"Ada","age":36}');
    });

    it('decline and cancel (Escape): the server receives the action without content', async () => {
      const el = await widget((await servers()).legacy);
      const declined = el.client!.callTool('ask_user', { question: 'q1' });
      buttonNamed(await dialogNamed('legacy-fixture asks for information'), 'Decline').click();
      expect(firstText(await declined)).to.equal('action=decline content=undefined');
      await noDialog();
      const cancelled = el.client!.callTool('ask_user', { question: 'q2' });
      await dialogNamed('legacy-fixture asks for information');
      await sendKeys({ press: 'Escape' });
      expect(firstText(await cancelled)).to.equal('action=cancel content=undefined');
    });

    it('a form asking for a password shows a warning; the person can still decline', async () => {
      const el = await widget((await servers()).legacy);
      const call = el.client!.callTool('ask_form', {
        message: 'Log in',
        requestedSchema: { type: 'object', properties: { username: { type: 'string' }, password: { type: 'string' } } },
      });
      const root = await dialogNamed('legacy-fixture asks for information');
      expect(root.querySelector('[role=note]')!.textContent).to.contain('password');
      buttonNamed(root, 'Decline').click();
      expect(firstText(await call)).to.equal('received {"action":"decline"}');
    });

    it('server cancellation closes the dialog', async () => {
      const el = await widget((await servers()).legacy);
      const call = el.client!.callTool('ask_form', {
        message: 'soon gone',
        requestedSchema: { type: 'object', properties: { x: { type: 'string' } } },
        cancelAfterMs: 700,
      });
      await dialogNamed('legacy-fixture asks for information');
      await noDialog();
      expect(firstText(await call)).to.equal('server cancelled its request');
    });

    it('mcp-elicitation-request preventDefault() declines without a dialog', async () => {
      const el = await widget((await servers()).legacy);
      el.addEventListener('mcp-elicitation-request', (e) => e.preventDefault());
      expect(firstText(await el.client!.callTool('ask_user', { question: 'vetoed' }))).to.equal(
        'action=decline content=undefined',
      );
      expect(openDialogs()).to.deep.equal([]);
    });

    it('legacy -32042: Open shows the URL, the server completes it, and the call is retried [window.open replaced by a fetch of the URL, as the new tab would load it]', async () => {
      const el = await widget((await servers()).legacy);
      const opened: unknown[][] = [];
      const realOpen = window.open;
      window.open = (...args: unknown[]) => (opened.push(args), void fetch(args[0] as string), null);
      try {
        const call = el.client!.callTool('needs_url', {});
        const root = await dialogNamed('legacy-fixture asks for information');
        const host = new URL((await servers()).legacy).host;
        expect(root.querySelector('[part=url] mark')!.textContent).to.equal(host);
        expect(root.textContent).to.contain('Connect your account first');
        await buttonsActive(root); // a person's click counts once the activation delay has passed
        buttonNamed(root, 'Open').click();
        const result = await call;
        expect(opened).to.have.length(1);
        expect(opened[0].slice(1)).to.deep.equal(['_blank', 'noopener,noreferrer']);
        const id = /elicitation-complete\/(.+)$/.exec(opened[0][0] as string)![1];
        expect(firstText(result)).to.equal(`completed ${id}`);
      } finally {
        window.open = realOpen;
      }
    });
  });

  describe('elicitation, server-everything', () => {
    it('trigger-elicitation-request: every enum shape, defaults pre-filled; the server receives typed content', async () => {
      const el = await widget((await servers()).everythingHttp);
      await el.client!.listTools();
      const call = el.client!.callTool('trigger-elicitation-request', {});
      const root = await dialogNamed('Everything Reference Server asks for information');
      expect(root.querySelector('[role=note]')).to.equal(null); // "do not give us your … pin" is not a request for one
      const form = formIn(root);
      typeInto(controlByLabel(form, 'String'), 'Ada Lovelace');
      buttonNamed(root, 'Submit').click();
      const said = text(await call);
      const raw = JSON.parse(said.slice(said.indexOf('{')));
      expect(raw).to.deep.equal({
        action: 'accept',
        content: { ...EVERYTHING_DEFAULTS, name: 'Ada Lovelace' },
      });
    });

    it('trigger-url-elicitation: Open answers accept and calls window.open with noopener,noreferrer; Decline answers decline [window.open replaced]', async () => {
      const el = await widget((await servers()).everythingHttp);
      await el.client!.listTools();
      const opened: unknown[][] = [];
      const realOpen = window.open;
      window.open = (...args: unknown[]) => (opened.push(args), null);
      try {
        const call = el.client!.callTool('trigger-url-elicitation', {
          url: 'https://auth.example.com/start?x=1',
          message: 'Finish in your browser',
        });
        let root = await dialogNamed('Everything Reference Server asks for information');
        expect(root.querySelector('[part=url]')!.textContent).to.equal('https://auth.example.com/start?x=1');
        expect(root.querySelector('[part=url] mark')!.textContent).to.equal('auth.example.com');
        expect(opened).to.deep.equal([]);
        buttonNamed(root, 'Open').click();
        expect(text(await call))
          .to.contain('User completed the URL elicitation flow')
          .and.contain('"action": "accept"');
        expect(opened).to.deep.equal([['https://auth.example.com/start?x=1', '_blank', 'noopener,noreferrer']]);
        await noDialog();
        const declined = el.client!.callTool('trigger-url-elicitation', { url: 'https://auth.example.com/again' });
        root = await dialogNamed('Everything Reference Server asks for information');
        buttonNamed(root, 'Decline').click();
        expect(text(await declined)).to.contain('User declined to open the URL');
        expect(opened).to.have.length(1);
      } finally {
        window.open = realOpen;
      }
    });

    it('-32042 declined: the call fails with the original error and nothing is opened', async () => {
      const el = await widget((await servers()).everythingHttp);
      await el.client!.listTools();
      const call = el
        .client!.callTool('trigger-url-elicitation', {
          url: 'https://auth.example.com/x',
          errorPath: true,
          elicitationId: `id-${Math.random()}`,
        })
        .catch((e) => e);
      buttonNamed(await dialogNamed('Everything Reference Server asks for information'), 'Decline').click();
      const error = await call;
      expect(error).to.be.instanceOf(McpProtocolError);
      expect(error.code).to.equal(-32042);
    });
  });

  describe('elicitation, modern fixture (MRTR)', () => {
    for (const [how, expected] of [
      ['Submit', 'action=accept content={"name":"Grace","age":85}'],
      ['Decline', 'action=decline content=undefined'],
      ['Cancel', 'action=cancel content=undefined'],
    ] as const) {
      it(`${how}: the retry carries the answer and echoes requestState`, async () => {
        const el = await widget((await servers()).modern);
        const call = el.client!.callTool('ask_user', { question: 'Who?' });
        const root = await dialogNamed('modern-fixture asks for information');
        if (how === 'Submit') {
          typeInto(controlByLabel(formIn(root), 'Your name'), 'Grace');
          typeInto(controlByLabel(formIn(root), 'age'), '85');
        }
        buttonNamed(root, how).click();
        expect(firstText(await call)).to.match(new RegExp(`^${expected.replace(/[{}[\]]/g, '\\$&')} state=ask-\\d+$`));
      });
    }
  });

  describe('several pending requests', () => {
    it('queue page-wide, one dialog at a time, each labelled with its server', async () => {
      const urls = await servers();
      const legacy = await widget(urls.legacy);
      const modern = await widget(urls.modern);
      try {
        const a = legacy.client!.callTool('ask_llm', { prompt: 'first' });
        await dialogNamed('Sampling request from legacy-fixture');
        // The queue keeps the order in which requests reach the page: modern's first, then legacy's.
        const modernAsked = oneEvent(modern, 'mcp-elicitation-request');
        const b = modern.client!.callTool('ask_user', { question: 'second' });
        await modernAsked;
        const legacyAsked = oneEvent(legacy, 'mcp-elicitation-request');
        const c = legacy.client!.callTool('ask_user', { question: 'third' });
        // Both requests reached the page; a dialog shown for either would be open once its element has rendered.
        await legacyAsked;
        for (const host of [legacy, modern])
          for (const d of shadow(host).querySelectorAll<HTMLElement & { updateComplete: Promise<unknown> }>(
            'mcp-elicitation-dialog',
          ))
            await d.updateComplete;
        expect(openDialogs().map((d) => d.name)).to.deep.equal(['Sampling request from legacy-fixture']);
        await approveAndSend(openDialogs()[0].root, 'one');
        let root = await dialogNamed('modern-fixture asks for information');
        expect(openDialogs()[0].host).to.equal(modern);
        buttonNamed(root, 'Decline').click();
        root = await dialogNamed('legacy-fixture asks for information');
        expect(root.querySelector('#message')!.textContent).to.equal('third');
        buttonNamed(root, 'Cancel').click();
        expect(firstText(await a)).to.equal('LLM said: one');
        expect(firstText(await b)).to.match(/^action=decline/);
        expect(firstText(await c)).to.equal('action=cancel content=undefined');
      } finally {
        modern.remove();
      }
    });
    it('a widget removed while its request waits in the queue does not hold up the next one', async () => {
      const urls = await servers();
      const legacy = await widget(urls.legacy);
      const modern = await widget(urls.modern);
      const a = legacy.client!.callTool('ask_llm', { prompt: 'first' });
      const root = await dialogNamed('Sampling request from legacy-fixture');
      const modernAsked = oneEvent(modern, 'mcp-elicitation-request');
      const waiting = modern.client!.callTool('ask_user', { question: 'queued' }).catch((e: Error) => e);
      await modernAsked;
      modern.remove();
      // The removed widget's request ends without a dialog: its call fails as closed.
      expect(await waiting).to.be.instanceOf(Error);
      await approveAndSend(root, 'one');
      expect(firstText(await a)).to.equal('LLM said: one');
      const next = legacy.client!.callTool('ask_user', { question: 'after' });
      const after = await dialogNamed('legacy-fixture asks for information');
      expect(after.querySelector('#message')!.textContent).to.equal('after');
      buttonNamed(after, 'Cancel').click();
      expect(firstText(await next)).to.equal('action=cancel content=undefined');
    });
  });

  describe('keyboard and accessibility', () => {
    /** Tabs through the controls named in `past` to the button `name`, and presses Enter once the dialog takes keys. */
    const tabToAndEnter = async (root: ShadowRoot, past: string[], name: string) => {
      for (let i = 0; i <= past.length; i++) await sendKeys({ press: 'Tab' });
      expect(root.activeElement!.textContent!.trim()).to.equal(name);
      await buttonsActive(root);
      await sendKeys({ press: 'Enter' });
    };

    it('sampling by keyboard alone: focus moves in, Tab reaches Approve and Send, focus returns', async () => {
      const el = await widget((await servers()).legacy);
      const opener = await fixture<HTMLButtonElement>(html`<button>opener</button>`);
      opener.focus();
      const call = el.client!.callTool('ask_llm', { prompt: 'kb' });
      const root = await dialogNamed('Sampling request from legacy-fixture');
      await focusOn(root, (e) => e.id === 'system', 'the first control, the system prompt');
      await tabToAndEnter(root, ['message', 'Reject'], 'Approve');
      await waitUntil(() => root.querySelector('#reply'));
      // The review step replaced the focused button; focus moved to the reply field.
      await focusOn(root, (e) => e.id === 'reply', 'the reply field');
      await sendKeys({ type: 'typed' });
      await tabToAndEnter(root, ['Reject'], 'Send');
      expect(firstText(await call)).to.equal('LLM said: typed');
      expect(document.activeElement).to.equal(opener);
      opener.remove();
    });

    it('elicitation by keyboard alone: type, Tab to Submit, Enter; focus returns', async () => {
      const el = await widget((await servers()).legacy);
      const opener = await fixture<HTMLButtonElement>(html`<button>opener</button>`);
      opener.focus();
      const call = el.client!.callTool('ask_user', { question: 'kb' });
      const root = await dialogNamed('legacy-fixture asks for information');
      const name = controlByLabel(formIn(root), 'Your name');
      await focusOn(
        root,
        (e) => e === formIn(root) && formIn(root).shadowRoot!.activeElement === name,
        'the first field, Your name',
      );
      await sendKeys({ type: 'Kay' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: '7' });
      await tabToAndEnter(root, ['Cancel', 'Decline'], 'Submit');
      expect(firstText(await call)).to.equal('action=accept content={"name":"Kay","age":7}');
      expect(document.activeElement).to.equal(opener);
      opener.remove();
    });

    it('the widget with an open sampling dialog, then an open elicitation dialog, is accessible', async () => {
      const el = await widget((await servers()).legacy);
      const sampling = el.client!.callTool('ask_llm', { prompt: 'a11y' });
      const root = await dialogNamed('Sampling request from legacy-fixture');
      await expect(el).to.be.accessible();
      buttonNamed(root, 'Approve').click();
      await waitUntil(() => root.querySelector('#reply'));
      await expect(el).to.be.accessible();
      buttonNamed(root, 'Reject').click();
      await sampling;
      const elicitation = el.client!.callTool('ask_user', { question: 'a11y' });
      const form = await dialogNamed('legacy-fixture asks for information');
      await expect(el).to.be.accessible();
      buttonNamed(form, 'Cancel').click();
      await elicitation;
    });
  });
});
