import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import { buttonNamed, freshStore, realClick, servers } from '../helpers.js';

// <mcp-client> against an MCP server that needs OAuth (servers/oauth.mjs), signing in
// through the popup opened by a real click on its Sign in button.
const redirectUri = new URL('/test/core/auth-callback.html', location.href).href;

describe('<mcp-client> sign-in', () => {
  it('names the authorization server while signing in when it is on another host than the MCP server', async () => {
    // servers/mixup.mjs: /far names its AS as localhost:port while it is itself 127.0.0.1; that AS's sign-in page
    // closes itself.
    const { mixupFar, mixupIssuer } = await servers();
    const asHost = new URL(mixupIssuer).host.replace('127.0.0.1', 'localhost');
    const el = await fixture<McpClientElement>(
      html`<mcp-client url=${mixupFar} .auth=${{ redirectUri, popupClosedMs: 1500 }} .store=${freshStore('mcp-client-auth-far')}></mcp-client>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part=sign-in]'), 'sign-in asked', { timeout: 10_000 });
    await realClick(buttonNamed(el.shadowRoot!, 'Sign in'));
    const status = () => el.shadowRoot!.querySelector('[part=auth][role=status]')?.textContent ?? '';
    await waitUntil(() => status().includes(asHost), 'the AS host shown while signing in', {
      timeout: 10_000,
      interval: 20,
    });
    expect(status()).to.contain("not the MCP server's own host");
    // The window closed itself: the sign-in ends within popupClosedMs and Sign in is offered again.
    await waitUntil(() => el.shadowRoot!.querySelector('[part=sign-in]'), 'sign-in offered again', { timeout: 10_000 });
  });

  it('says only "Signing in" when the authorization server is on the MCP server\'s own host', async () => {
    const el = await fixture<McpClientElement>(
      html`<mcp-client url=${(await servers()).oauthMcp} redirect-uri=${redirectUri} .store=${freshStore('mcp-client-auth-near')}></mcp-client>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part=sign-in]'), 'sign-in asked', { timeout: 10_000 });
    const seen: string[] = [];
    const watch = () => seen.push(el.shadowRoot!.querySelector('[part=auth][role=status]')?.textContent ?? '');
    el.client!.addEventListener('authchange', () => void el.updateComplete.then(watch));
    await realClick(buttonNamed(el.shadowRoot!, 'Sign in'));
    await waitUntil(() => el.client?.state === 'ready', 'connected after sign-in', { timeout: 15_000 });
    expect(el.client!.authorizationServer, 'the issuer was found').to.be.a('string');
    expect(seen.filter((t) => t.startsWith('Signing in'))).to.not.be.empty;
    expect(seen.some((t) => t.includes(' at '))).to.equal(false);
  });

  it('asks to sign in, signs in with the Sign in button, lists tools, and signs out', async () => {
    const store = freshStore('mcp-client-auth-test');
    const el = await fixture<McpClientElement>(
      html`<mcp-client url=${(await servers()).oauthMcp} redirect-uri=${redirectUri} .store=${store}></mcp-client>`,
    );
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
    const el = await fixture<McpClientElement>(
      html`<mcp-client url=${(await servers()).oauthMcp} .store=${freshStore('mcp-client-auth-test')}></mcp-client>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part=auth]'), 'auth problem shown', { timeout: 10_000 });
    expect(el.shadowRoot!.querySelector('[part=auth]')!.textContent).to.contain('has not configured sign-in');
    expect([...el.shadowRoot!.querySelectorAll('button')].some((b) => b.textContent!.trim() === 'Sign in')).to.equal(
      false,
    );
  });
});
