import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import { McpClient } from '../../src/client.js';
import { catalogueKey } from '../../src/core/store/keys.js';
import { freshStore, servers } from '../helpers.js';

// Server values of the wrong type (objects where strings belong, objects shaped like Lit templates,
// items that are not items) are coerced or dropped before they are stored or rendered, so a bad
// catalogue cannot break the widget, now or after a reload.
const TEMPLATE = { _$litType$: 1, strings: ['<img src=x onerror="window.__pwned=1">'], values: [] };

const toolNames = (el: McpClientElement) =>
  [...el.shadowRoot!.querySelector('mcp-tool-list')!.shadowRoot!.querySelectorAll('[part~=tool] .name')].map((n) =>
    n.textContent!.trim(),
  );

describe('server values of the wrong type', () => {
  afterEach(() => fixtureCleanup());

  it('lists a server whose tools have objects for strings and template-shaped values, and again from the store after a reload', async () => {
    const url = (await servers()).hostileBombs;
    const store = freshStore('bad-catalogue');
    for (let load = 0; load < 2; load++) {
      const el = await fixture<McpClientElement>(html`<mcp-client url=${url} .store=${store}></mcp-client>`);
      await waitUntil(
        () => el.shadowRoot!.querySelector('mcp-tool-list')?.shadowRoot?.querySelectorAll('[part~=tool]').length === 2,
        `tools listed (load ${load + 1})`,
        { timeout: 15_000 },
      );
      expect(toolNames(el).map((n) => n.split(' ')[0])).to.have.members(['regex_bomb', 'bad_types']);
      expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
      fixtureCleanup();
    }
  });

  it('coerces a catalogue that an earlier version or a bad server left in the store', async () => {
    const store = freshStore('bad-kept-catalogue');
    const url = (await servers()).noCors;
    await store.set(catalogueKey(url), {
      tools: [
        { name: 'kept', title: TEMPLATE, description: { no: 1 }, annotations: 'x', icons: 'y' },
        'junk',
        { name: 7 },
        null,
      ],
      prompts: 'nope',
    });
    const client = new McpClient({ url, store });
    await client.connect().catch(() => {}); // the catalogue is restored before the network answers
    await client.close();
    expect(client.catalogue.tools).to.deep.equal([{ name: 'kept' }]);
    expect(client.catalogue.prompts).to.deep.equal([]);
  });
});
