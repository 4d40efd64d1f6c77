// Helpers for MCP App tests: reach into a view's frame (which the page cannot script) through the
// test runner's browser commands, and find the pieces of <mcp-app-view> a person would see.
import { waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { McpAppView } from '../src/components/mcp-app-view/mcp-app-view.js';

/** Clicks the control with this role and name inside an app frame (a script click: no user activation, no focus). */
export const appClick = (name: string, role = 'button') => executeServerCommand('mcp-app-click', { name, role });

/** The person's own click on a control inside an app frame, with the mouse (activates the view and focuses it). */
export const appRealClick = (name: string, role = 'button') =>
  executeServerCommand('mcp-app-click', { name, role, real: true });

/** Clicks a control that opens a new window whose URL starts with `popup`; says whether that window has an opener. */
export const appClickPopup = (name: string, popup: string) =>
  executeServerCommand<{ url: string; opener: boolean; openerTarget: boolean }, object>('mcp-app-click', {
    name,
    role: 'button',
    popup,
  });

/** Types into the text field with this accessible name inside an app frame. */
export const appFill = (name: string, value: string) => executeServerCommand('mcp-app-fill', { name, value });

/** Waits until the text of the app frames includes `text`. */
export async function appTextIncludes(text: string, timeout = 15_000): Promise<string> {
  let last = '';
  await waitUntil(
    async () => (last = (await executeServerCommand<string, object>('mcp-app-text', {})) ?? '').includes(text),
    `app frame shows ${JSON.stringify(text)}`,
    { timeout, interval: 200 },
  );
  return last;
}

/** The first <mcp-app-view> under `root`, looking through shadow roots. */
export function findAppView(root: Element | ShadowRoot): McpAppView | undefined {
  const own = root instanceof Element && root.shadowRoot && findAppView(root.shadowRoot);
  if (own) return own;
  const found = root.querySelector('mcp-app-view') as McpAppView | null;
  if (found) return found;
  for (const el of root.querySelectorAll('*')) {
    const inner = el.shadowRoot && findAppView(el.shadowRoot);
    if (inner) return inner;
  }
  return undefined;
}

/** The view's iframe once it is shown, found by its accessible name. */
export async function appFrame(root: Element, title: string): Promise<{ view: McpAppView; frame: HTMLIFrameElement }> {
  let view: McpAppView | undefined;
  let frame: HTMLIFrameElement | null | undefined;
  await waitUntil(
    () =>
      (view = findAppView(root)) &&
      (frame = view.shadowRoot?.querySelector<HTMLIFrameElement>(`iframe[title="${title}"]`)),
    `iframe named ${title}`,
    { timeout: 15_000 },
  );
  return { view: view!, frame: frame! };
}

/**
 * Waits until the page's transient activation has lapsed (about 5 s after the last one). A view made while the page is
 * activated (as right after a Run click) gets no link or fullscreen for that long, and puppeteer's evaluate in a frame
 * (appClick, appTextIncludes) counts as a user gesture there, which activates the page too.
 */
export const pageActivationLapsed = () =>
  waitUntil(() => !navigator.userActivation.isActive, "the page's activation lapsed", { timeout: 10_000 });
