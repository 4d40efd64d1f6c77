// The React 18, React 19, Vue 3 and Angular apps in test/apps/, built with Vite by scripts/build-apps.mjs
// (npm test runs it), each in a frame, driven by role and name as a person would: a tool form with
// a preset and a locked argument, and the result event reaching the framework's state.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { buttonNamed, controlByLabel, servers } from '../helpers.js';

/** Opens an app's built page in a frame and resolves with its document once the tool form is ready. */
async function openApp(name: string): Promise<{ doc: Document; frame: HTMLIFrameElement }> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:800px;height:600px';
  frame.src = `/test/apps/${name}/dist/index.html?server=${encodeURIComponent((await servers()).legacy)}`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const doc = frame.contentDocument!;
  await waitUntil(
    () =>
      doc
        .querySelector('mcp-tool-form')
        ?.shadowRoot?.querySelector('mcp-schema-form')
        ?.shadowRoot?.querySelector('input'),
    `${name}: the tool form rendered`,
    { timeout: 15_000 },
  );
  return { doc, frame };
}

for (const [app, heading] of [
  ['react18', 'React 18.3.1'],
  ['react19', 'React 19.3.1'],
  ['vue', 'Vue 3.5.45'],
  ['angular', 'Angular 22.2.6'],
] as const) {
  describe(`the ${app} app`, () => {
    it('shows the preset, keeps the locked argument fixed, and gets the result into its own state', async () => {
      const { doc, frame } = await openApp(app);
      try {
        expect(doc.querySelector('h1')!.textContent).to.equal(heading);
        const toolForm = doc.querySelector('mcp-tool-form')!;
        const fields = toolForm.shadowRoot!.querySelector('mcp-schema-form')!;
        const a = controlByLabel(fields, 'a');
        const b = controlByLabel(fields, 'b');
        expect(b.value, 'the locked preset').to.equal('2');
        expect(b.readOnly, 'a locked argument cannot be edited').to.be.true;

        a.focus();
        a.select();
        await sendKeys({ type: '40' });
        buttonNamed(toolForm.shadowRoot!, 'Run').focus();
        await sendKeys({ press: 'Enter' });
        const status = doc.querySelector('[role=status]')!;
        await waitUntil(
          () => status.textContent!.includes('The server says'),
          `${app}: the result reached the app's state`,
          { timeout: 15_000 },
        );
        expect(status.textContent).to.equal('The server says 42');
        // The form still holds what the person typed after the app re-rendered.
        expect(controlByLabel(fields, 'a').value).to.equal('40');
      } finally {
        frame.remove();
      }
    });
  });
}
