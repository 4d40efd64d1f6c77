import { expect, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/mcp-tool-form/define.js';
import {
  buttonNamed,
  controlByLabel,
  expectTicking,
  formOf,
  freshStore,
  heartbeat,
  servers,
  toolFormFixture,
  typeInto,
} from '../helpers.js';
import { deepText } from './guard.js';

// Regex bombs: a hostile tool (servers/hostile.mjs, /bombs) whose input and output schemas hold
// patterns that backtrack exponentially (`^(a+)+$` against 40 characters would take days), with
// defaults and a result that trigger them. The page must stay responsive: after the click that
// validates and renders, it goes on taking turns and painting frames (one such regex would hold it
// for days). How long the checking takes is a figure in bench/big-inputs.mjs (regexbomb), not a bound here.

/** Waits until the page has painted `n` more frames since `beat` was at `from`. */
const painted = (beat: ReturnType<typeof heartbeat>, from: number, n = 2) =>
  waitUntil(() => beat.frames >= from + n, 'the page paints again', { timeout: 10_000 });

describe('regex bombs in server schemas', () => {
  let beat: ReturnType<typeof heartbeat>;
  beforeEach(() => (beat = heartbeat()));
  afterEach(() => (beat.stop(), fixtureCleanup()));

  it('checks the input and renders the result of a tool with catastrophic patterns while the page stays responsive', async () => {
    const url = (await servers()).hostileBombs;
    const el = await toolFormFixture(
      html`<mcp-tool-form url=${url} tool="regex_bomb" .store=${freshStore('regex-bombs')}></mcp-tool-form>`,
    );
    const form = formOf(el);

    // A safe pattern is still checked, and the message names the server's pattern.
    typeInto(controlByLabel(form, 'word'), 'Not OK');
    let frames = beat.frames;
    buttonNamed(el.shadowRoot!, 'Run').click();
    await form.updateComplete;
    expect(deepText(form.shadowRoot!)).to.include('Enter a value matching ^[a-z]+$.');
    await expectTicking(beat);
    await painted(beat, frames);

    typeInto(controlByLabel(form, 'word'), 'fine');
    frames = beat.frames;
    const done = oneEvent(el, 'mcp-tool-result');
    buttonNamed(el.shadowRoot!, 'Run').click();
    await done;
    await el.updateComplete;
    const view = el.shadowRoot!.querySelector('mcp-result-view')!;
    await view.updateComplete;
    await expectTicking(beat);
    await painted(beat, frames);
    const text = deepText(view.shadowRoot!);
    expect(text).to.include('bombs delivered');
    expect(text).to.match(
      /Not checked against the output schema: the pattern \^\([ab]\+\)\+\$ could take too long to check/,
    );
  });
});
