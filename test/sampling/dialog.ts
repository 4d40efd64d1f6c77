// What both handler tests share: the open sampling dialog inside a widget (helpers.ts makes the widget).
import { fixtureCleanup, waitUntil } from '@open-wc/testing';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';

export const signal = () => new AbortController().signal;

/** The open sampling dialog's shadow root inside the widget. */
export async function dialogOf(el: McpClientElement): Promise<ShadowRoot> {
  await waitUntil(
    () => el.shadowRoot!.querySelector('mcp-sampling-dialog')?.shadowRoot?.querySelector('dialog[open]'),
    'the sampling dialog',
    { timeout: 10_000 },
  );
  return el.shadowRoot!.querySelector('mcp-sampling-dialog')!.shadowRoot!;
}

export const hasButton = (root: ShadowRoot, name: string) =>
  [...root.querySelectorAll('button')].some((b) => b.textContent!.trim() === name);

/** After each test: refuse any sampling request a widget still shows (its danger button), then drop the fixtures. */
export function refuseOpenDialogsAndCleanUp(): void {
  for (const el of document.querySelectorAll('mcp-client'))
    el.shadowRoot
      ?.querySelector('mcp-sampling-dialog')
      ?.shadowRoot?.querySelector<HTMLButtonElement>('dialog[open] button.danger')
      ?.click();
  fixtureCleanup();
}
