import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../src/index.js';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import { buttonNamed, freshStore, servers } from '../helpers.js';

// <mcp-client> against an MCP server that needs OAuth (servers/oauth.mjs), signing in
// through the popup opened by a real click on its Sign in button.
const redirectUri = new URL('/test/core/auth-callback.html', location.href).href;

/** Clicks an element through the browser's input pipeline, so popups are allowed. */
async function realClick(el: HTMLElement) {
  const r = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)] });
}

describe('<mcp-client> sign-in', () => {
  it('asks to sign in, signs in with the Sign in button, lists tools, and signs out', async () => {
    const store = freshStore('mcp-client-auth-test');
    const el = await fixture<McpClientElement>(html`<mcp-client url=${(await servers()).oauthMcp} redirect-uri=${redirectUri} .store=${store}></mcp-client>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=auth]'), 'sign-in asked', { timeout: 10_000 });
    expect(el.shadowRoot!.querySelector('[part=auth]')!.textContent).to.contain('needs you to sign in');
    await expect(el).to.be.accessible();

    await realClick(buttonNamed(el.shadowRoot!, 'Sign in'));
    await waitUntil(() => el.client?.state === 'ready', 'connected after sign-in', { timeout: 15_000 });
    await el.updateComplete;
    const list = el.shadowRoot!.querySelector('mcp-tool-list')!;
    await waitUntil(() => list.shadowRoot!.textContent!.includes('whoami'), 'protected tools listed');

    buttonNamed(el.shadowRoot!, 'Sign out').click();
    await waitUntil(() => el.client?.authState !== 'signed-in', 'signed out');
    expect(await store.keys('mcp-auth-token:')).to.deep.equal([]);
  });

  it('says sign-in is not configured when the page gave no redirect URI', async () => {
    const el = await fixture<McpClientElement>(html`<mcp-client url=${(await servers()).oauthMcp} .store=${freshStore('mcp-client-auth-test')}></mcp-client>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=auth]'), 'auth problem shown', { timeout: 10_000 });
    expect(el.shadowRoot!.querySelector('[part=auth]')!.textContent).to.contain('has not configured sign-in');
    expect([...el.shadowRoot!.querySelectorAll('button')].some((b) => b.textContent!.trim() === 'Sign in')).to.equal(false);
  });
});
