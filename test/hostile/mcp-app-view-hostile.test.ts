// Views that misbehave, from servers/apps.mjs: a hostile one written with the official App class
// (tries the host's window, DOM, cookies and storage, top navigation, a message flood with malformed
// JSON-RPC, an app-invisible tool, a huge size, a javascript: link, and never answers teardown) and
// a silent one (asks ui/initialize but never says initialized). In both sandbox modes. The same view
// also asks for the camera, declares connect-src * behind a <head hidden in a comment, asks for
// fullscreen and a link without a click in it, sends a `system` message, a download named setup.exe,
// and a destructive call on mousedown (double-click bait).
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { McpToolForm } from '../../src/components/mcp-tool-form/mcp-tool-form.js';
import type { McpToolResultEvent } from '../../src/events/events.js';
import type { McpAppMessageEvent } from '../../src/components/mcp-app-view/events.js';
import {
  buttonNamed,
  freshStore,
  heartbeat,
  realClick,
  servers,
  toolFormFixture,
  type ServerUrls,
} from '../helpers.js';
import { appClick, appFrame, appRealClick, appTextIncludes } from '../apps-helpers.js';

/** The log notes the view's element left on the client (what <mcp-log-view> shows). */
function notesOf(form: McpToolForm): string[] {
  const notes: string[] = [];
  form.client!.addEventListener('log', (e) => notes.push(String((e as CustomEvent<{ data?: unknown }>).detail?.data)));
  return notes;
}

const findView = (form: McpToolForm) => form.shadowRoot!.querySelector('mcp-app-view') ?? undefined;

async function run(form: McpToolForm): Promise<McpToolResultEvent> {
  const done = oneEvent(form, 'mcp-tool-result') as unknown as Promise<McpToolResultEvent>;
  buttonNamed(form.shadowRoot!, 'Run').click();
  return done;
}

for (const spec of [false, true]) {
  describe(`<mcp-app-view> with hostile views, ${spec ? 'spec' : 'opaque'} mode`, () => {
    let urls: ServerUrls;
    before(async () => {
      urls = await servers();
    });
    const formFor = (tool: string, policy?: object, url = urls.apps) =>
      toolFormFixture(
        html`<mcp-tool-form .store=${freshStore('mcp-app-hostile')} .appPolicy=${policy} url=${url} tool=${tool} sandbox-url=${spec ? urls.sandbox : ''}></mcp-tool-form>`,
      );
    const calls = async (tool: string): Promise<number> =>
      (await (await fetch(urls.appsControl)).json()).calls[tool] ?? 0;
    /** The hostile tool run in a form of its own, once its view is shown and connected. */
    const hostileConnected = async () => {
      const form = await formFor('hostile');
      await run(form);
      const shown = await appFrame(form, 'Hostile app');
      await appTextIncludes('connected: yes');
      return { form, ...shown };
    };

    it('cannot reach the host page: its window, DOM, cookies, storage or top navigation', async () => {
      document.cookie = 'host-secret=s3cret; SameSite=Strict';
      localStorage.setItem('host-secret', 's3cret');
      const before = { href: location.href, title: document.title };
      await hostileConnected();
      await appClick('Escape');
      const text = await appTextIncludes('navigate top:');
      for (const attempt of ['top location', 'parent document', 'host cookie', 'storage', 'write host', 'own cookie'])
        expect(text, attempt).to.include(`${attempt}: blocked`);
      expect(text).to.not.include('s3cret');
      expect(location.href).to.equal(before.href);
      expect(document.title).to.equal(before.title);
      expect(document.body.textContent).to.not.include('pwned');
      expect(document.cookie).to.not.include('pwned');
      expect(localStorage.getItem('pwned')).to.equal(null);
    });

    // Spec mode only for painting: the proxy's origin is another site, so the view runs in a process of
    // its own; an opaque srcdoc frame shares the page's process in Chromium (checked below), so a view
    // busy in a loop stalls the page whatever the host does (docs/guide/apps.md: "Sandbox modes").
    it(`a flood of messages and malformed JSON-RPC leaves the widget usable${spec ? ' and the page responsive (it keeps painting frames during it)' : ''}`, async () => {
      const { form } = await hostileConnected();
      expect(await executeServerCommand('mcp-app-isolated', {}), 'the view has a process of its own').to.equal(spec);
      const notes = notesOf(form);
      const beat = heartbeat();
      await appClick('Flood');
      const from = { timeouts: beat.timeouts, frames: beat.frames };
      let done = false;
      const watch = appTextIncludes('flood: done', 20_000).then(() => (done = true));
      // Spec mode: the page paints while the view floods (a page stalled by the flood would paint nothing until it
      // ended).
      if (spec)
        await waitUntil(() => done || beat.frames >= from.frames + 3, 'frames painted during the flood', {
          timeout: 20_000,
        });
      if (spec) expect(done, 'the page painted 3 frames before the flood ended').to.equal(false);
      await watch;
      beat.stop();
      expect(beat.timeouts - from.timeouts, 'timer turns the page took during the flood').to.be.greaterThan(5);
      // Opaque mode: the host's own limit drops the flood; spec mode: the proxy drops it before it reaches the page.
      if (!spec) expect(notes.some((n) => n.includes('messages in a second'))).to.equal(true);
      expect(notes.some((n) => n.includes('malformed'))).to.equal(true);
      const again = await run(form);
      expect(again.result?.content[0]).to.deep.include({ text: 'hostile ran' });
    });

    it('cannot call an app-invisible or unknown tool, grow past max-height, or open a javascript: link', async () => {
      const { form, frame } = await hostileConnected();
      const notes = notesOf(form);
      await appClick('Call secret');
      const text = await appTextIncludes('missing: refused');
      expect(text).to.include('secret: refused');
      const calls = (await (await fetch(urls.appsControl)).json()).calls;
      expect(calls.secret ?? 0).to.equal(0);
      expect(notes.some((n) => n.includes('"secret"') && n.includes('not visible to apps'))).to.equal(true);
      await appClick('Grow');
      await appTextIncludes('grow: sent');
      await waitUntil(() => frame.getBoundingClientRect().height === 800, 'capped at max-height', { timeout: 10_000 });
      expect(frame.getBoundingClientRect().width).to.be.at.most(form.getBoundingClientRect().width);
      await appClick('Open javascript link');
      await appTextIncludes('javascript link: refused');
    });

    it('runs a destructive tool only after the person allows it', async () => {
      const { view } = await hostileConnected();
      const calls = async () => (await (await fetch(urls.appsControl)).json()).calls.wipe ?? 0;
      const before = await calls();
      const ask = () => view.shadowRoot!.querySelector('[role=alertdialog]');
      await appClick('Call wipe');
      await waitUntil(ask, 'asked', { timeout: 10_000 });
      expect(ask()!.getAttribute('aria-label')).to.equal(
        'Hostile app wants to run Wipe, which may change or delete data. Allow it?',
      );
      buttonNamed(view.shadowRoot!, 'Deny').click();
      await appTextIncludes('wipe: refused');
      expect(await calls()).to.equal(before);
      await appClick('Call wipe');
      await waitUntil(ask, 'asked again', { timeout: 10_000 });
      buttonNamed(view.shadowRoot!, 'Allow').click();
      await appTextIncludes('wipe: ran');
      expect(await calls()).to.equal(before + 1);
    });

    it('a view that never answers ui/resource-teardown is removed after a bounded wait; the next run works', async () => {
      const form = await formFor('hostile');
      await run(form);
      const first = await appFrame(form, 'Hostile app');
      // The host asks for teardown only once the view said initialized, which its result shows (its own text may come
      // first).
      await appTextIncludes('result: received');
      const notes = notesOf(form);
      const again = await run(form);
      expect(again.result?.content[0]).to.deep.include({ text: 'hostile ran' });
      expect(notes.some((n) => n.includes('ui/resource-teardown'))).to.equal(true);
      // The next call has a view of its own, which starts again.
      const second = await appFrame(form, 'Hostile app');
      expect(second.view).to.not.equal(first.view);
      expect(first.frame.isConnected).to.equal(false);
      await appTextIncludes('connected: yes');
    });

    it('sends nothing to a view that never says initialized, even when there is something to send', async () => {
      const form = await formFor('silent');
      await run(form);
      const { view } = await appFrame(form, 'Silent app');
      await appTextIncludes('answers: 2');
      // A new result and a theme change would each be sent to an initialized view; the view's pings
      // keep getting answers, and an answer sent after them arrives after them.
      view.result = { content: [{ type: 'text', text: 'a later result' }] };
      view.theme = 'dark';
      await view.updateComplete;
      const answers = (text: string) => Number(/answers: (\d+)/.exec(text)?.[1] ?? 0);
      const answered = answers(await appTextIncludes('answers:'));
      let text = '';
      await waitUntil(
        async () => answers((text = await appTextIncludes('answers:'))) >= answered + 3,
        'three more answers',
        { timeout: 10_000 },
      );
      expect(text).to.not.include('ui/notifications');
    });

    it('gets no permission it asks for without the host policy (its frame is allowed nothing)', async () => {
      const { frame } = await hostileConnected();
      expect(frame.getAttribute('allow')).to.equal('');
      await appTextIncludes('camera: denied');
    });

    it('with the host policy, gets a permission only after the person says yes, asked once per view', async () => {
      const policy = { permissions: ['camera'] };
      const asked = (view: Element) => view.shadowRoot!.querySelector('[role=alertdialog]');
      const shown = async (form: McpToolForm) => {
        const done = run(form);
        let view: Element | undefined;
        await waitUntil(() => (view = findView(form)) && asked(view), 'asked', { timeout: 15_000 });
        expect(asked(view!)!.getAttribute('aria-label')).to.equal('Hostile app wants to use your camera. Allow it?');
        return { view: view!, done };
      };
      // Each mode its own server URL: the answer is kept per server and view for the life of the page.
      const denied = await formFor('hostile', policy, `${urls.apps}?deny-${spec}`);
      const first = await shown(denied);
      buttonNamed(first.view.shadowRoot!, 'Deny').click();
      await first.done;
      expect((await appFrame(denied, 'Hostile app')).frame.getAttribute('allow')).to.equal('');
      await appTextIncludes('camera: denied');
      await run(denied);
      const again = await appFrame(denied, 'Hostile app');
      expect(asked(again.view), 'not asked twice').to.equal(null);
      expect(again.frame.getAttribute('allow')).to.equal('');

      const allowed = await formFor('hostile', policy, `${urls.apps}?allow-${spec}`);
      const second = await shown(allowed);
      buttonNamed(second.view.shadowRoot!, 'Allow').click();
      expect((await appFrame(allowed, 'Hostile app')).frame.getAttribute('allow')).to.equal('camera');
      await appTextIncludes('camera: allowed');
    });

    it('reaches nothing beyond its capped CSP, though it declares connect-src * and hides <head in a comment', async () => {
      await hostileConnected();
      await appTextIncludes('result: received');
      await appClick('Fetch out');
      expect(await appTextIncludes('fetch out:')).to.include('fetch out: blocked');
    });

    it('gets no fullscreen and opens no link without a click in it, even right after the Run click, though it takes the focus', async () => {
      const form = await formFor('hostile');
      const done = oneEvent(form, 'mcp-tool-result');
      // The person's own click on Run: the page is activated for a few seconds.
      await realClick(buttonNamed(form.shadowRoot!, 'Run'));
      await done;
      const { view } = await appFrame(form, 'Hostile app');
      await appTextIncludes('result: received');
      const dialog = view.shadowRoot!.querySelector('dialog')!;
      await appClick('Sneak fullscreen');
      expect(await appTextIncludes('sneak fullscreen:')).to.include('sneak fullscreen: inline');
      expect(dialog.matches(':modal')).to.equal(false);
      await appClick('Sneak link');
      expect(await appTextIncludes('sneak link:')).to.include('sneak link: refused');
      // (A click in the view itself is what it takes: the Fullscreen and Open Link tests of mcp-app-view.test.ts.)
    });

    it('cannot send a message as anyone but the user', async () => {
      const { form } = await hostileConnected();
      const roles: string[] = [];
      form.addEventListener('mcp-app-message', (e) => roles.push(e.role));
      const next = oneEvent(form, 'mcp-app-message') as unknown as Promise<McpAppMessageEvent>;
      await appClick('System message');
      // The view's next (user) message arrives after the refused one would have.
      const e = await next;
      expect(e.content).to.deep.equal([{ type: 'text', text: 'after the system message' }]);
      expect(roles).to.deep.equal(['user']);
      expect(await appTextIncludes('system message:')).to.include('system message: refused');
    });

    it('a download gets a safe name, and a second confirmation never replaces the one shown', async () => {
      const { view } = await hostileConnected();
      const ask = () => view.shadowRoot!.querySelector('[role=alertdialog]');
      await appClick('Download');
      await waitUntil(ask, 'asked', { timeout: 10_000 });
      const text = 'Hostile app wants to save the file setup.exe.bin. Save it?';
      expect(ask()!.getAttribute('aria-label')).to.equal(text);
      const before = await calls('wipe');
      await appClick('Call wipe');
      await appTextIncludes('wipe: refused');
      expect(ask()!.getAttribute('aria-label'), 'the download is still asked').to.equal(text);
      buttonNamed(view.shadowRoot!, 'Deny').click();
      await appTextIncludes('download: refused');
      expect(await calls('wipe')).to.equal(before);
    });

    it('a double click cannot approve: the Allow that appears under the second click takes no click for a moment', async () => {
      const { view } = await hostileConnected();
      // Longer than the default, so the test's own click surely lands within it.
      view.activationDelay = 4000;
      const ask = () => view.shadowRoot!.querySelector('[role=alertdialog]');
      const before = await calls('wipe');
      await appRealClick('Bait wipe');
      await waitUntil(ask, 'asked', { timeout: 10_000 });
      const allow = buttonNamed(view.shadowRoot!, 'Allow');
      expect(allow.getAttribute('aria-disabled')).to.equal('true');
      await realClick(allow);
      expect(ask(), 'still asked after the click that came too soon').to.not.equal(null);
      await waitUntil(() => allow.getAttribute('aria-disabled') === 'false', 'the guard ends', { timeout: 10_000 });
      await realClick(buttonNamed(view.shadowRoot!, 'Deny'));
      await appTextIncludes('bait: refused');
      expect(await calls('wipe')).to.equal(before);
    });
  });
}
