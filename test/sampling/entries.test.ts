// The handlers as the package ships them: package.json `exports` names built files that stand alone
// (they import nothing, so a page loads one file) and work, here against the stand-in provider.
import { expect } from '@open-wc/testing';
import { servers } from '../helpers.js';
import type * as OpenAiEntry from '../../src/sampling/openai.js';
import type * as BrowserEntry from '../../src/sampling/browser.js';

type Entry = { types: string; default: string };

describe('the sampling handler entries (dist/, built by rollup before the browser tests)', () => {
  it('package.json exports sampling/openai and sampling/browser as files that import nothing', async () => {
    const exports = (await (await fetch('/package.json')).json()).exports as Record<string, Entry>;
    for (const [name, file] of [
      ['./sampling/openai', './dist/sampling/openai.js'],
      ['./sampling/browser', './dist/sampling/browser.js'],
    ]) {
      expect(exports[name]?.default, name).to.equal(file);
      const response = await fetch(file.slice(1));
      expect(response.ok, `${file} is built`).to.equal(true);
      const code = await response.text();
      expect(/\bexport\s*\{/.test(code), `${file} exports`).to.equal(true);
      expect(code.match(/\bimport\s*[{*(]|\bfrom\s*["'][^"']*["']/)?.[0], `${file} imports nothing`).to.equal(
        undefined,
      );
    }
  });

  it('the built sampling/openai works against the stand-in provider', async () => {
    const { openaiSampling } = (await import(
      /* @vite-ignore */ `${location.origin}/dist/sampling/openai.js`
    )) as typeof OpenAiEntry;
    const tag = `entry-${Date.now()}`;
    const base = (await servers()).chatCompletions;
    await fetch(`${base}/_script/${tag}`, {
      method: 'POST',
      body: JSON.stringify([
        {
          json: {
            model: 'stand-in-model',
            choices: [{ index: 0, message: { role: 'assistant', content: 'built' }, finish_reason: 'length' }],
          },
        },
      ]),
    });
    const result = await openaiSampling({ baseUrl: `${base}/${tag}/v1`, model: 'm', stream: false })(
      { maxTokens: 3, messages: [{ role: 'user', content: { type: 'text', text: 'x' } }] },
      { signal: new AbortController().signal },
    );
    expect(result).to.deep.equal({
      role: 'assistant',
      model: 'stand-in-model',
      content: { type: 'text', text: 'built' },
      stopReason: 'maxTokens',
    });
  });

  it('the built sampling/browser, given a stand-in LanguageModel that says unavailable, rejects with NotSupportedError', async () => {
    const { browserSampling } = (await import(
      /* @vite-ignore */ `${location.origin}/dist/sampling/browser.js`
    )) as typeof BrowserEntry;
    const e = await browserSampling({
      languageModel: {
        availability: async () => 'unavailable',
        create: async () => ({ promptStreaming: () => new ReadableStream() }),
      },
    })(
      { maxTokens: 3, messages: [{ role: 'user', content: { type: 'text', text: 'x' } }] },
      { signal: new AbortController().signal },
    ).catch((x: Error) => x);
    expect((e as DOMException).name).to.equal('NotSupportedError');
  });
});
