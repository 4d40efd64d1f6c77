import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import '../../src/components/dialogs.js'; // the dialogs load on first use; these tests open them directly
import type { McpElicitationDialog } from '../../src/components/mcp-elicitation-dialog/mcp-elicitation-dialog.js';
import { McpClient, type CallToolResult, type Tool } from '../../src/client.js';
import { QUEUE_LIMIT } from '../../src/internal/human-in-the-loop.js';
import {
  buttonNamed,
  buttonsActive,
  controlByLabel,
  firstText,
  formOf,
  realClick,
  servers,
  toolFormFixture,
  widget,
} from '../helpers.js';

// Dialog floods and click races: a server that asks again and again, a page-wide line of requests
// that must stay bounded, a person's double-click or second Enter landing on the next dialog or on
// a destructive tool's confirmation, and a server that lies about its name.

const shadow = (el: Element) => el.shadowRoot!;

/** Every open dialog inside the <mcp-client> elements on the page. */
const openDialogs = () =>
  [...document.querySelectorAll('mcp-client')].flatMap((host) =>
    [...shadow(host).querySelectorAll('mcp-sampling-dialog, mcp-elicitation-dialog')].filter((d) =>
      shadow(d).querySelector('dialog[open]'),
    ),
  );

/** The client's `error` events (what <mcp-log-view> shows) as text. */
function notes(client: McpClient): string[] {
  const seen: string[] = [];
  client.addEventListener('error', (e) => seen.push(String((e as CustomEvent<Error>).detail?.message)));
  return seen;
}

describe('dialog floods and click races', () => {
  afterEach(() => fixtureCleanup());

  it('ignores a real click on Submit that lands while the dialog is appearing, and takes one after the pause', async () => {
    const el = await fixture<McpElicitationDialog>(
      html`<mcp-elicitation-dialog activation-delay="4000"></mcp-elicitation-dialog>`,
    );
    let answer: unknown;
    void el
      .open({
        params: {
          mode: 'form',
          message: 'Name?',
          requestedSchema: { type: 'object', properties: { name: { type: 'string', default: 'Ada' } } },
        } as never,
      })
      .then((r) => (answer = r));
    await el.updateComplete;
    const submit = buttonNamed(shadow(el), 'Submit');
    expect(submit.getAttribute('aria-disabled')).to.equal('true');
    await realClick(submit); // the second click of a double-click meant for the previous dialog
    await el.updateComplete;
    expect(answer).to.equal(undefined);
    expect(shadow(el).querySelector('dialog')!.open).to.equal(true);
    await buttonsActive(shadow(el));
    await realClick(submit);
    await waitUntil(() => answer, 'answered');
    expect(answer).to.deep.equal({ action: 'accept', content: { name: 'Ada' } });
  });

  it('answers elicitations beyond the per-server rate limit with cancel at once, and notes it in the log', async () => {
    const el = await widget((await servers()).modern, { elicitationRateLimit: 2 });
    const seen = notes(el.client!);
    for (let i = 0; i < 2; i++) {
      const call = el.client!.callTool('ask_user', { question: `q${i}` });
      await waitUntil(() => openDialogs().length === 1, 'dialog shown');
      buttonNamed(shadow(openDialogs()[0]), 'Cancel').click();
      expect(firstText(await call)).to.match(/^action=cancel/);
    }
    let third: CallToolResult | undefined;
    void el.client!.callTool('ask_user', { question: 'q3' }).then((r) => (third = r));
    await waitUntil(() => third || openDialogs().length, 'the third request answered or shown');
    expect(openDialogs(), 'dialogs shown for the third request').to.have.length(0);
    expect(firstText(third!)).to.match(/^action=cancel/);
    expect(seen.join('\n')).to.include('sent too many requests');
  });

  it(`keeps at most ${QUEUE_LIMIT} requests waiting on the page; the rest are answered cancel at once, with a note`, async () => {
    const el = await widget((await servers()).modern, { elicitationRateLimit: 100 });
    const seen = notes(el.client!);
    const results: (CallToolResult | undefined)[] = [];
    const calls = Array.from({ length: QUEUE_LIMIT + 2 }, (_, i) =>
      el.client!.callTool('ask_user', { question: `flood ${i}` }).then((r) => (results[i] = r)),
    );
    await waitUntil(() => results.filter(Boolean).length === 2, 'the two beyond the limit answered at once', {
      timeout: 15_000,
    });
    expect(results.filter(Boolean).map((r) => firstText(r!).split(' ')[0])).to.deep.equal([
      'action=cancel',
      'action=cancel',
    ]);
    expect(seen.filter((n) => n.includes('Too many requests are waiting'))).to.have.length(2);
    expect(openDialogs()).to.have.length(1);
    // The person works through the line: one dialog at a time, each of the queued ones.
    for (let shown = 0; shown < QUEUE_LIMIT; shown++) {
      await waitUntil(() => openDialogs().length === 1, `dialog ${shown + 1} shown`);
      buttonNamed(shadow(openDialogs()[0]), 'Decline').click();
      await waitUntil(() => results.filter(Boolean).length === 3 + shown, `answer ${shown + 1} sent`);
    }
    await Promise.all(calls);
    expect(results.filter((r) => firstText(r!).startsWith('action=decline'))).to.have.length(QUEUE_LIMIT);
  });

  it('shows who is asking: the claimed name without bidi or control characters and capped, beside the host we connected to', async () => {
    const el = await fixture<McpElicitationDialog>(html`<mcp-elicitation-dialog></mcp-elicitation-dialog>`);
    const claimed = `\u202Egnp.exe\u202C\u0007Your Bank\u200F${'!'.repeat(300)}`;
    void el.open({
      params: { mode: 'form', message: 'PIN?', requestedSchema: { type: 'object', properties: {} } } as never,
      server: { name: claimed, version: '1' },
      host: 'evil.example:8443',
    } as never);
    await el.updateComplete;
    const title = shadow(el).getElementById('title')!.textContent!;
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(title).to.not.match(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u0000-\u001F]/);
    expect(title).to.include('gnp.exeYour Bank');
    expect([...title].length).to.be.below(100);
    expect(shadow(el).querySelector('[part=origin]')!.textContent).to.equal('Server at evil.example:8443');
  });

  it('inside <mcp-client>, a dialog names the host of the server URL, whatever the server calls itself', async () => {
    const url = (await servers()).hostile;
    const el = await widget(url);
    void el.client!.callTool('form_elicitation', {}).catch(() => {});
    await waitUntil(() => openDialogs().length === 1, 'dialog shown');
    const dialog = openDialogs()[0];
    expect(shadow(dialog).querySelector('[part=origin]')!.textContent).to.equal(`Server at ${new URL(url).host}`);
    expect([...shadow(dialog).getElementById('title')!.textContent!].length).to.be.below(100);
    buttonNamed(shadow(dialog), 'Cancel').click();
  });

  it('a second Enter in a field does not pass a destructive tool\u2019s confirmation', async () => {
    const client = new McpClient({ url: (await servers()).legacy });
    await client.connect();
    try {
      const tool: Tool = {
        name: 'echo',
        annotations: { destructiveHint: true },
        inputSchema: { type: 'object', properties: { message: { type: 'string' } } },
      };
      const el = await toolFormFixture(
        html`<mcp-tool-form tool="echo" .definition=${tool} .client=${client}></mcp-tool-form>`,
      );
      let calls = 0;
      el.addEventListener('mcp-tool-call', () => calls++);
      controlByLabel(formOf(el), 'message').focus();
      await sendKeys({ type: 'boom' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.shadowRoot!.querySelector('[part=confirm]'), 'the confirmation shown');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(calls).to.equal(0);
      const confirm = buttonNamed(el.shadowRoot!, 'Run anyway');
      await waitUntil(() => confirm.getAttribute('aria-disabled') === 'false', 'the confirmation takes clicks');
      await realClick(confirm);
      await waitUntil(() => calls === 1, 'the tool runs after a deliberate confirmation');
    } finally {
      await client.close();
    }
  });
});
