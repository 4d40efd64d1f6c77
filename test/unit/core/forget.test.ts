// forgetServer() over a memory store: what it deletes for one server URL, and what it leaves to
// other servers that share an authorization server or a token's resource.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { memoryStore } from '../../../src/store.js';
import { bindingKey, registrationKey, tokenKey } from '../../../src/core/auth/keys.js';
import { forgetServer } from '../../../src/core/store/forget.js';
import { catalogueKey, eraKey, serverKey } from '../../../src/core/store/keys.js';
import { appendHistory, saveDraft } from '../../../src/core/store/records.js';

const as = { issuer: 'https://as.example' };
const binding = (resource: string) => ({
  resource,
  as,
  registration: { client_id: 'c', redirect_uri: 'https://app.example/cb' },
});

describe('forgetServer', () => {
  it('deletes every record of the server URL and nothing of another', async () => {
    const store = memoryStore();
    for (const url of ['https://a.example/mcp', 'https://b.example/mcp']) {
      await store.set(serverKey(url), { era: 'legacy', sessionId: 's' });
      await store.set(eraKey(url), 'legacy');
      await store.set(catalogueKey(url), { tools: [] });
      await appendHistory(store, url, { tool: 'echo', arguments: {}, at: 1, ok: true });
      await saveDraft(store, url, 'echo', { message: 'm' });
    }
    await forgetServer(store, 'https://a.example/mcp');
    expect((await store.keys()).filter((k) => k.includes('a.example'))).to.deep.equal([]);
    expect((await store.keys()).filter((k) => k.includes('b.example'))).to.have.length(5);
  });

  it('keeps a token and a registration that another server still uses', async () => {
    const store = memoryStore();
    // Two MCP servers on one origin whose metadata names the origin as the resource: one token for both.
    const shared = binding('https://h.example/');
    await store.set(bindingKey('https://h.example/a'), shared);
    await store.set(bindingKey('https://h.example/b'), shared);
    await store.set(tokenKey(shared), { access_token: 't' });
    await store.set(registrationKey(as.issuer), shared.registration);

    await forgetServer(store, 'https://h.example/a');
    expect(await store.keys()).to.have.members([
      bindingKey('https://h.example/b'),
      tokenKey(shared),
      registrationKey(as.issuer),
    ]);
    await forgetServer(store, 'https://h.example/b');
    expect(await store.keys()).to.deep.equal([]);
  });
});
