// What both handler tests share: a connected <mcp-client> with a handler, and its open sampling dialog.
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import { freshStore } from '../helpers.js';

export const signal = () => new AbortController().signal;

/** A widget on `url`, set up by `handler` before it connects, with a store of its own. */
export async function widget(url: string, handler: (el: McpClientElement) => void): Promise<McpClientElement> {
  const el = await fixture<McpClientElement>(html`<mcp-client url=${url} .store=${freshStore('mcp-sampling-test')}></mcp-client>`);
  handler(el);
  await waitUntil(() => el.client?.state === 'ready', 'connected', { timeout: 15_000 });
  return el;
}

/** The open sampling dialog's shadow root inside the widget. */
export async function dialogOf(el: McpClientElement): Promise<ShadowRoot> {
  await waitUntil(() => el.shadowRoot!.querySelector('mcp-sampling-dialog')?.shadowRoot?.querySelector('dialog[open]'), 'the sampling dialog', { timeout: 10_000 });
  return el.shadowRoot!.querySelector('mcp-sampling-dialog')!.shadowRoot!;
}

export const hasButton = (root: ShadowRoot, name: string) => [...root.querySelectorAll('button')].some((b) => b.textContent!.trim() === name);
