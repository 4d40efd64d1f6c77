// A server that does not accept the page's Origin answers 403 without a challenge (the MCP spec asks
// it to): that is a refusal the server's operator must lift, not a sign-in (issue 30). The server is
// the real SDK 1.x legacy fixture with the SDK's own Origin check on.
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import '../../src/components/mcp-client/define.js';
import { McpAuthError, McpClient } from '../../src/client.js';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import { freshStore, servers } from '../helpers.js';

describe('a server that refuses the page origin (403, no challenge)', () => {
  afterEach(() => fixtureCleanup());

  it('fails connect() with a refusal that names the origin, not a sign-in', async () => {
    const client = new McpClient({ url: (await servers()).legacyOriginChecked, store: freshStore('refused') });
    const error = await client.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(McpAuthError);
    const refusal = error as McpAuthError;
    expect(refusal.status).to.equal(403);
    expect(refusal.needsAuthorization).to.equal(false);
    expect(refusal.message).to.include(location.origin).and.include('operator must allow');
    expect(refusal.message).not.to.include('requires authorization');
    expect(client.authState).to.equal('none');
    await client.close();
  });

  it('<mcp-client> shows the refusal with Retry, not "sign in"', async () => {
    const el = await fixture<McpClientElement>(
      html`<mcp-client url=${(await servers()).legacyOriginChecked} redirect-uri="${location.origin}/cb" .store=${freshStore('refused')}></mcp-client>`,
    );
    const alert = () => el.shadowRoot!.querySelector('[role="alert"]');
    await waitUntil(() => alert(), 'a problem is shown', { timeout: 10_000 });
    expect(alert()!.textContent).to.include(location.origin).and.include('operator must allow');
    expect(el.shadowRoot!.textContent).not.to.match(/sign in/i);
    expect(el.matches(':state(error)'), 'state error').to.equal(true);
    expect(el.matches(':state(needs-auth)'), 'not needs-auth').to.equal(false);
  });
});
