// Drafts and history survive a reload: what was typed into a tool form comes back, and each call
// is in the server's history (kept by <mcp-tool-form> in the client's store).
import { expect, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/mcp-tool-form/define.js';
import { McpClient, type KeyValueStore } from '../../src/client.js';
import { clearHistory, readHistory } from '../../src/core/store/records.js';
import { buttonNamed, controlByLabel, emptyStore, formOf, servers, toolFormFixture, typeInto } from '../helpers.js';

const DB = 'mcp-persistence-drafts-test';

describe('drafts and history', () => {
  let store: KeyValueStore;
  let url: string;
  beforeEach(async () => {
    url = (await servers()).legacy;
    store = await emptyStore(DB);
  });

  it('survive a reload: the typed arguments come back and the call is in the history', async () => {
    const first = new McpClient({ url, store });
    await first.connect();
    const el = await toolFormFixture(html`<mcp-tool-form tool="echo" .client=${first}></mcp-tool-form>`);
    typeInto(controlByLabel(formOf(el), 'message'), 'hello again');
    const done = oneEvent(el, 'mcp-tool-result');
    buttonNamed(el.shadowRoot!, 'Run').click();
    await done;
    typeInto(controlByLabel(formOf(el), 'message'), 'typed after the call');
    await first.detach(); // the page goes away
    fixtureCleanup();

    const second = new McpClient({ url, store });
    const again = await toolFormFixture(html`<mcp-tool-form tool="echo" .client=${second}></mcp-tool-form>`);
    await waitUntil(
      () => controlByLabel(formOf(again), 'message')?.value === 'typed after the call',
      'the draft restored',
      { timeout: 10_000 },
    );
    const history = await readHistory(second.store!, url);
    expect(history).to.have.length(1);
    expect(history[0]).to.include({ tool: 'echo', ok: true, summary: 'Echo: hello again' });
    expect(history[0].arguments).to.deep.equal({ message: 'hello again' });

    await clearHistory(second.store!, url);
    expect(await readHistory(second.store!, url)).to.deep.equal([]);
    await second.close();
  });
});
