// web-test-runner commands for MCP App tests: a view runs in an opaque-origin (or other-origin)
// iframe the test page cannot script, so these reach it through the browser (puppeteer frames),
// find controls by ARIA role and name, and click them with a real mouse (a user gesture).

const aria = (role, name) => `::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(role)}])`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The child frames still in the page: each frame element up to the page is connected. A view removed
 * by the last test's cleanup can linger in page.frames() for a moment, with its controls and its text,
 * and a click on it (or its "connected:") would be taken for the new view's.
 */
async function liveFrames(page) {
  const live = async (frame) => {
    if (frame === page.mainFrame()) return true;
    if (frame.detached) return false;
    const el = await frame.frameElement().catch(() => null);
    const connected = el ? await el.evaluate((e) => e.isConnected).catch(() => false) : false;
    await el?.dispose();
    return connected && live(frame.parentFrame());
  };
  const frames = page.frames().filter((f) => f !== page.mainFrame());
  const alive = await Promise.all(frames.map(live));
  return frames.filter((_, i) => alive[i]);
}

/** The first element matching role+name in any live child frame, waiting up to `timeout` ms. */
async function find(page, role, name, timeout = 15_000) {
  const end = Date.now() + timeout;
  for (;;) {
    for (const frame of await liveFrames(page)) {
      const el = await frame.$(aria(role, name)).catch(() => null);
      if (el) return el;
    }
    if (Date.now() > end) throw new Error(`No ${role} named ${JSON.stringify(name)} in any app frame`);
    await sleep(100);
  }
}

/** Waits until `el`'s box is the same in two frames running (at most 2 s): a click then lands where it was aimed. */
async function still(el) {
  const end = Date.now() + 2_000;
  let last = '';
  for (;;) {
    const box = JSON.stringify(await el.boundingBox());
    if (box === last || Date.now() > end) return;
    last = box;
    // Two frames of the view, or 100 ms where its frames are throttled (a cross-origin frame out of view has none).
    await Promise.race([
      el.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))).catch(() => {}),
      sleep(100),
    ]);
  }
}

export function appCommands() {
  return {
    name: 'mcp-app-commands',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('mcp-app-')) return undefined;
      const page = session.browser.getPage(session.id);
      if (command === 'mcp-app-click') {
        const el = await find(page, payload.role ?? 'button', payload.name);
        if (payload.real) {
          // The person's own click (a user activation in the view, and the focus): fullscreen and links need it.
          await el.click();
          return true;
        }
        if (!payload.popup) {
          // A click on the element itself, not at its coordinates: under load a view that resizes
          // itself can move the control between puppeteer's scroll and its mouse click.
          await el.evaluate((e) => e.click());
          return true;
        }
        // A new window is expected: report whether it can reach its opener, then close it. A real click (the view's
        // activation) lands at coordinates: under load the view can move between puppeteer's measure and the click, so
        // the click waits for the control to hold still and, when no window came within 5 s, is made again.
        const popup = page
          .browser()
          .waitForTarget((t) => t.type() === 'page' && t.url().startsWith(payload.popup), { timeout: 20_000 });
        let target;
        popup.then((t) => (target = t)).catch(() => {});
        for (let attempt = 0; attempt < 3 && !target; attempt++) {
          await still(el);
          await el.click();
          await Promise.race([popup, sleep(5_000)]).catch(() => {});
        }
        target = await popup;
        const opened = await target.page();
        const opener = await opened.evaluate(() => window.opener !== null);
        const url = opened.url();
        const openerTarget = !!target.opener();
        // A click made again may have opened a second window, late: none is left behind.
        for (const p of await page.browser().pages()) if (p.url().startsWith(payload.popup)) await p.close();
        return { url, opener, openerTarget };
      }
      if (command === 'mcp-app-fill') {
        const el = await find(page, payload.role ?? 'textbox', payload.name);
        // Select what the field holds with the keyboard (a triple click can land as separate clicks under load), then
        // type over it.
        // A click that missed (the view moved under load) would type elsewhere: what the field holds is checked, and
        // the fill made again if it is not what was asked.
        for (let attempt = 0; ; attempt++) {
          await still(el);
          await el.click();
          await page.keyboard.down('Control');
          await page.keyboard.press('KeyA');
          await page.keyboard.up('Control');
          await el.type(payload.value);
          const value = await el.evaluate((e) => e.value);
          if (value === payload.value) return true;
          if (attempt === 2) throw new Error(`The field holds ${JSON.stringify(value)} after 3 fills`);
        }
      }
      if (command === 'mcp-app-isolated') {
        // Whether every app frame runs in a process of its own (then a busy view cannot stall the page).
        const frames = await liveFrames(page);
        return frames.length > 0 && frames.every((f) => f.client !== page.mainFrame().client);
      }
      if (command === 'mcp-app-text') {
        // The text of every app frame (a proxy page has none of its own), to wait on from the test.
        const texts = await Promise.all(
          (await liveFrames(page)).map((f) => f.evaluate(() => document.body?.innerText ?? '').catch(() => '')),
        );
        return texts.join('\n');
      }
      return undefined;
    },
  };
}
