import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import '../../src/components/mcp-tool-form/define.js';
import type { McpToolForm } from '../../src/components/mcp-tool-form/mcp-tool-form.js';
import { buttonNamed, controlByLabel, formOf, freshStore, servers, toolFormReady, typeInto } from '../helpers.js';
import { deepText } from './guard.js';

// Regex bombs: a hostile tool (servers/hostile.mjs, /bombs) whose input and output schemas hold
// patterns that backtrack exponentially (`^(a+)+$` against 40 characters would take days), with
// defaults and a result that trigger them. The page must stay on time: a 100 ms timer started just
// before the click that validates and renders fires without waiting for a regex.

/** Resolves with how late a `ms` timer started now fires. */
function lateness(ms = 100): Promise<number> {
  const start = performance.now();
  return new Promise((resolve) => setTimeout(() => resolve(performance.now() - start - ms), ms));
}

describe('regex bombs in server schemas', () => {
  afterEach(() => fixtureCleanup());

  it('checks the input and renders the result of a tool with catastrophic patterns while a 100 ms timer stays on time', async () => {
    const url = (await servers()).hostileBombs;
    const el = await fixture<McpToolForm>(html`<mcp-tool-form url=${url} tool="regex_bomb" .store=${freshStore('regex-bombs')}></mcp-tool-form>`);
    await toolFormReady(el);
    const form = formOf(el);
    await form.updateComplete;

    // A safe pattern is still checked, and the message names the server's pattern.
    typeInto(controlByLabel(form, 'word'), 'Not OK');
    let late = lateness();
    buttonNamed(el.shadowRoot!, 'Run').click();
    await form.updateComplete;
    expect(deepText(form.shadowRoot!)).to.include('Enter a value matching ^[a-z]+$.');
    expect(await late).to.be.below(1000);

    typeInto(controlByLabel(form, 'word'), 'fine');
    late = lateness();
    const done = oneEvent(el, 'mcp-tool-result');
    buttonNamed(el.shadowRoot!, 'Run').click();
    await done;
    await el.updateComplete;
    const view = el.shadowRoot!.querySelector('mcp-result-view')!;
    await view.updateComplete;
    expect(await late, 'ms the 100 ms timer was late').to.be.below(1000);
    const text = deepText(view.shadowRoot!);
    expect(text).to.include('bombs delivered');
    expect(text).to.match(/Not checked against the output schema: the pattern \^\([ab]\+\)\+\$ could take too long to check/);
  });
});
