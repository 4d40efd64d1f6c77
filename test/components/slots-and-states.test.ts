// Hosts put their own content in the elements' slots and style them by custom state
// (`:state(connected)`…), without parsing the status text.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import '../../src/components/dialogs.js'; // the dialogs load on first use; these tests open them directly
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import type { McpToolForm } from '../../src/components/mcp-tool-form/mcp-tool-form.js';
import type { McpSamplingDialog } from '../../src/components/mcp-sampling-dialog/mcp-sampling-dialog.js';
import type { McpElicitationDialog } from '../../src/components/mcp-elicitation-dialog/mcp-elicitation-dialog.js';
import { buttonNamed, freshStore, servers } from '../helpers.js';

const shadow = (el: Element) => el.shadowRoot!;
const is = (el: Element, state: string) => el.matches(`:state(${state})`);
/** The states, of those listed in the manifest, an element is in. */
const statesOf = (el: Element, names: string[]) => names.filter((s) => is(el, s));
const CLIENT_STATES = ['connected', 'connecting', 'needs-auth', 'error'];

describe('slots and custom states', () => {
  it('<mcp-client>: header, empty and footer slots show the host content in place', async () => {
    const el =
      await fixture<McpClientElement>(html`<mcp-client .store=${freshStore('slots')} url=${(await servers()).legacy}>
      <img slot="header" alt="Acme" width="16" height="16" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" />
      <p slot="empty">Pick a tool on the left.</p>
      <small slot="footer">Calls are logged.</small>
    </mcp-client>`);
    await oneEvent(el, 'mcp-connected');
    await waitUntil(
      () => shadow(el).querySelector('mcp-tool-list')?.shadowRoot?.querySelector('button'),
      'tools listed',
    );
    const [logo, empty, footer] = [...el.children] as HTMLElement[];
    expect(logo.assignedSlot?.name).to.equal('header');
    expect(footer.assignedSlot?.name).to.equal('footer');
    expect(empty.assignedSlot?.name, 'shown while no tool is chosen').to.equal('empty');
    const hint = [...shadow(el).querySelectorAll('p')].find((p) => p.textContent === 'Choose a tool to see its form.')!;
    expect(hint.getClientRects().length, 'the default hint gives way to the host content').to.equal(0);
    expect(empty.getClientRects().length).to.be.greaterThan(0);
    // The logo sits before the server's name in the header, the footer below everything.
    const name = shadow(el).querySelector('[part=server]')!.getBoundingClientRect();
    expect(logo.getBoundingClientRect().right).to.be.at.most(name.left);
    expect(footer.getBoundingClientRect().top).to.be.at.least(
      shadow(el).querySelector('[role=tabpanel]')!.getBoundingClientRect().bottom - 1,
    );

    const list = shadow(el).querySelector('mcp-tool-list')!;
    [...list.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('echo'))!.click();
    await waitUntil(() => shadow(el).querySelector('mcp-tool-form'), 'form shown');
    await el.updateComplete;
    expect(empty.assignedSlot, 'a chosen tool replaces the empty content').to.equal(null);
  });

  it('<mcp-client>: connecting, connected and disconnected are states a host can style', async () => {
    const style = document.createElement('style');
    style.textContent =
      'mcp-client:state(connected) { outline: 3px solid rgb(0, 128, 0); } mcp-client:state(connecting) { outline: 3px dashed rgb(200, 120, 0); }';
    document.head.append(style);
    try {
      const el = await fixture<McpClientElement>(
        html`<mcp-client .store=${freshStore('states')} url=${(await servers()).legacy}></mcp-client>`,
      );
      const up = oneEvent(el, 'mcp-connected');
      const client = el.client!;
      if (client.state !== 'connecting')
        await new Promise<void>((resolve) =>
          client.addEventListener('statechange', function on() {
            if (client.state !== 'connecting') return;
            client.removeEventListener('statechange', on);
            resolve();
          }),
        );
      await el.updateComplete;
      expect(statesOf(el, CLIENT_STATES), `client ${el.client?.state}`).to.deep.equal(['connecting']);
      expect(getComputedStyle(el).outlineStyle).to.equal('dashed');
      await up;
      await el.updateComplete;
      expect(statesOf(el, CLIENT_STATES)).to.deep.equal(['connected']);
      expect(getComputedStyle(el).outlineColor).to.equal('rgb(0, 128, 0)');

      // A notification from the server comes out of the element as mcp-notification.
      const heard = oneEvent(el, 'mcp-notification');
      await el.client!.callTool('log_and_notify', {});
      expect(((await heard) as unknown as { message: { method: string } }).message.method).to.equal(
        'notifications/message',
      );

      const down = oneEvent(el, 'mcp-disconnected');
      buttonNamed(shadow(el), 'Disconnect').click();
      await down;
      await el.updateComplete;
      expect(statesOf(el, CLIENT_STATES)).to.deep.equal([]);
      expect(getComputedStyle(el).outlineStyle).to.equal('none');
    } finally {
      style.remove();
    }
  });

  it('<mcp-client>: error and needs-auth states', async () => {
    const { noCors, oauthMcp } = await servers();
    const broken = await fixture<McpClientElement>(
      html`<mcp-client .store=${freshStore('states')} url=${noCors}></mcp-client>`,
    );
    await oneEvent(broken, 'mcp-error');
    await broken.updateComplete;
    expect(statesOf(broken, CLIENT_STATES)).to.deep.equal(['error']);

    const locked = await fixture<McpClientElement>(
      html`<mcp-client .store=${freshStore('states')} url=${oauthMcp} redirect-uri="${location.origin}/cb"></mcp-client>`,
    );
    await oneEvent(locked, 'mcp-error');
    await locked.updateComplete;
    expect(statesOf(locked, CLIENT_STATES)).to.deep.equal(['needs-auth']);
    expect(buttonNamed(shadow(locked), 'Sign in')).to.exist;
  });

  it('<mcp-tool-form>: before-run and after-run slots sit in the actions row; running is a state', async () => {
    const el =
      await fixture<McpToolForm>(html`<mcp-tool-form .store=${freshStore('states')} url=${(await servers()).legacy} tool="slow" .values=${{ steps: 3, delayMs: 150 }}>
      <label slot="before-run"><input type="checkbox" checked /> I accept the costs</label>
      <a slot="after-run" href="#help">Help</a>
    </mcp-tool-form>`);
    await waitUntil(() => shadow(el).querySelector('[part=run]'), 'form shown', { timeout: 10_000 });
    const [before, after] = [...el.children] as HTMLElement[];
    expect(before.assignedSlot?.name).to.equal('before-run');
    expect(after.assignedSlot?.name).to.equal('after-run');
    const run = buttonNamed(shadow(el), 'Run').getBoundingClientRect();
    expect(before.getBoundingClientRect().right).to.be.at.most(run.left);
    expect(after.getBoundingClientRect().left).to.be.at.least(run.right);

    expect(is(el, 'running')).to.be.false;
    const done = oneEvent(el, 'mcp-tool-result');
    buttonNamed(shadow(el), 'Run').click();
    await waitUntil(() => is(el, 'running'), 'running while the call runs');
    expect(shadow(el).querySelector('[part=progress]')).to.exist;
    await done;
    await el.updateComplete;
    expect(is(el, 'running')).to.be.false;
  });

  /**
   * A dialog with a host icon and footer note, open: the icon sits beside the title (and out of the dialog's name), the
   * note under the buttons.
   */
  async function checkDialogSlots(el: McpSamplingDialog | McpElicitationDialog, name: string) {
    await waitUntil(() => shadow(el).querySelector('dialog')?.open, 'dialog shown');
    const dialog = shadow(el).querySelector('dialog')!;
    const [icon, note] = [...el.children] as HTMLElement[];
    expect(icon.assignedSlot?.name).to.equal('icon');
    expect(note.assignedSlot?.name).to.equal('footer');
    const title = shadow(el).getElementById(dialog.getAttribute('aria-labelledby')!)!;
    expect(title.textContent, 'the dialog keeps its name').to.equal(name);
    const [i, t] = [icon.getBoundingClientRect(), title.getBoundingClientRect()];
    expect(i.width, 'the icon is shown').to.be.greaterThan(0);
    expect(i.right, 'the icon is before the title').to.be.at.most(t.left);
    expect(i.top < t.bottom && i.bottom > t.top, 'on the title row').to.be.true;
    const actions = [...shadow(el).querySelectorAll('.actions')].at(-1)!.getBoundingClientRect();
    expect(note.getClientRects().length, 'the note is shown').to.be.greaterThan(0);
    expect(note.getBoundingClientRect().top, 'the note is under the buttons').to.be.at.least(actions.bottom);
    await expect(el).to.be.accessible();
  }
  const ICON = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';

  it('<mcp-sampling-dialog>: an icon beside the title and a footer note under the buttons', async () => {
    const el = await fixture<McpSamplingDialog>(html`<mcp-sampling-dialog activation-delay="0">
      <img slot="icon" alt="" width="16" height="16" src=${ICON} />
      <small slot="footer">Replies come from Acme's model.</small>
    </mcp-sampling-dialog>`);
    let rejected = false;
    const reply = el
      .open({
        params: { messages: [{ role: 'user', content: { type: 'text', text: 'Hi' } }], maxTokens: 10 },
        server: { name: 'fixture-server', version: '1' },
      })
      .catch(() => (rejected = true));
    await checkDialogSlots(el, 'Sampling request from fixture-server');
    buttonNamed(shadow(el), 'Reject').click();
    await reply;
    expect(rejected, 'Reject still answers the server').to.be.true;
  });

  it('<mcp-elicitation-dialog>: an icon beside the title and a footer note under the buttons', async () => {
    const el = await fixture<McpElicitationDialog>(html`<mcp-elicitation-dialog activation-delay="0">
      <img slot="icon" alt="" width="16" height="16" src=${ICON} />
      <small slot="footer">Answers go to Acme only.</small>
    </mcp-elicitation-dialog>`);
    const answer = el.open({
      params: {
        mode: 'form',
        message: 'Your name?',
        requestedSchema: { type: 'object', properties: { name: { type: 'string' } } },
      },
      server: { name: 'fixture-server', version: '1' },
    });
    await checkDialogSlots(el, 'fixture-server asks for information');
    buttonNamed(shadow(el), 'Cancel').click();
    expect(await answer).to.deep.equal({ action: 'cancel' });
  });
});
