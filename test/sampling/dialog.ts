// What both handler tests share: the open sampling dialog inside a widget (helpers.ts makes the widget).
import { waitUntil } from '@open-wc/testing';
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
