import { expect, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/mcp-tool-form/define.js';
import { McpClient, type Tool } from '../../src/client.js';
import { readDraft, readHistory } from '../../src/core/store/records.js';
import { buttonNamed, controlByLabel, formOf, freshStore, servers, toolFormFixture, typeInto } from '../helpers.js';

// Secret fields (writeOnly, format: password, names like password/token/apiKey): typed as
// passwords, sent to the tool, but never written to the drafts or the call history in the store.
describe('secret fields in tool forms', () => {
  afterEach(() => fixtureCleanup());

  it('renders secrets as password inputs and keeps them out of drafts and history', async () => {
    const store = freshStore('secrets');
    const client = new McpClient({ url: (await servers()).legacy, store });
    await client.connect();
    try {
      const tool: Tool = {
        name: 'echo',
        inputSchema: {
          type: 'object',
          properties: {
            message: { type: 'string' },
            apiKey: { type: 'string' },
            pin: { type: 'string', format: 'password' },
            blob: { type: 'string', writeOnly: true, title: 'Blob' },
            nested: { type: 'object', properties: { refresh_token: { type: 'string' } } },
          },
        },
      };
      const el = await toolFormFixture(
        html`<mcp-tool-form tool="echo" .definition=${tool} .client=${client}></mcp-tool-form>`,
      );
      const form = formOf(el);
      for (const label of ['apiKey', 'pin', 'Blob', 'refresh_token'])
        expect(controlByLabel(form, label).type, label).to.equal('password');
      expect(controlByLabel(form, 'message').type).to.equal('text');
      for (const label of ['apiKey', 'pin', 'Blob', 'refresh_token'])
        typeInto(controlByLabel(form, label), `s3cret-${label}`);
      typeInto(controlByLabel(form, 'message'), 'hello');
      await waitUntil(async () => (await readDraft(store, client.url, 'echo'))?.message === 'hello', 'the draft saved');
      const done = oneEvent(el, 'mcp-tool-result');
      buttonNamed(el.shadowRoot!, 'Run').click();
      await done;
      await waitUntil(async () => (await readHistory(store, client.url)).length === 1, 'the call in the history');
      const kept = JSON.stringify([await readDraft(store, client.url, 'echo'), await readHistory(store, client.url)]);
      expect(kept).to.include('hello');
      expect(kept).to.not.include('s3cret');
    } finally {
      await client.close();
    }
  });
});
