// A standalone <mcp-tool-form url=…> makes its client the way <mcp-client> does (one factory): it
// has a store, so it keeps drafts and history like a form inside <mcp-client>.
import { expect, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/mcp-tool-form/define.js';
import type { KeyValueStore, Tool } from '../../src/client.js';
import { readDraft, readHistory } from '../../src/core/store/records.js';
import { buttonNamed, controlByLabel, emptyStore, formOf, servers, toolFormFixture, typeInto } from '../helpers.js';

const DB = 'mcp-tool-form-standalone-test';

describe('<mcp-tool-form url> standalone', () => {
  let store: KeyValueStore;
  let url: string;
  beforeEach(async () => {
    url = (await servers()).legacy;
    store = await emptyStore(DB);
  });
  afterEach(() => fixtureCleanup());

  it('keeps the draft and the call history in its store, and a new form there restores the draft', async () => {
    const el = await toolFormFixture(html`<mcp-tool-form url=${url} tool="echo" .store=${store}></mcp-tool-form>`);
    typeInto(controlByLabel(formOf(el), 'message'), 'standalone call');
    const done = oneEvent(el, 'mcp-tool-result');
    buttonNamed(el.shadowRoot!, 'Run').click();
    await done;
    await waitUntil(
      async () => (await readHistory(store, url)).length === 1,
      'the call reached the history in the store',
    );
    expect((await readHistory(store, url))[0]).to.include({ tool: 'echo', ok: true, summary: 'Echo: standalone call' });

    typeInto(controlByLabel(formOf(el), 'message'), 'typed after the call');
    await waitUntil(
      async () => (await readDraft(store, url, 'echo'))?.message === 'typed after the call',
      'the draft reached the store',
    );
    fixtureCleanup(); // the page goes away

    const again = await toolFormFixture(html`<mcp-tool-form url=${url} tool="echo" .store=${store}></mcp-tool-form>`);
    await waitUntil(
      () => controlByLabel(formOf(again), 'message')?.value === 'typed after the call',
      'the draft restored',
      { timeout: 10_000 },
    );
  });

  it("has a store without being given one (the elements' default IndexedDB store)", async () => {
    // With the definition given the form never connects, so the default database is only read; the
    // URL is one no other test uses, so no session of another test file is shared through it.
    const echo: Tool = { name: 'echo', inputSchema: { type: 'object', properties: { message: { type: 'string' } } } };
    const nowhere = 'https://standalone.invalid/mcp';
    const el = await toolFormFixture(
      html`<mcp-tool-form url=${nowhere} tool="echo" .definition=${echo}></mcp-tool-form>`,
    );
    expect(el.client?.url).to.equal(nowhere);
    expect(el.client?.store).to.exist;
  });
});
