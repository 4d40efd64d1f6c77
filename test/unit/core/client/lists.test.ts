// The list requests (src/core/client/lists.ts): cursors followed, answers cached for a bounded
// ttlMs where the era allows it, and server items cleaned before the elements see them.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { coerceItems, Lists, MAX_TTL_MS, ttlOf } from '../../../../src/core/client/lists.js';
import type { Params } from '../../../../src/core/jsonrpc/messages.js';

/** An engine that answers each list request from `pages` (by cursor) and records what it was asked. */
function engine(pages: Record<string, Params>) {
  const asked: Params[] = [];
  return {
    asked,
    request: async (_method: string, params: Params) => {
      asked.push(params);
      return structuredClone(pages[(params.cursor as string | undefined) ?? 'first']);
    },
  };
}

describe('list requests', () => {
  it('clamps a server ttlMs: negative, NaN, Infinity and huge values cannot pin a cached answer', () => {
    expect(ttlOf(-5)).to.equal(0);
    expect(ttlOf(Number.NaN)).to.equal(0);
    expect(ttlOf('60000')).to.equal(0);
    expect(ttlOf(Number.POSITIVE_INFINITY)).to.equal(MAX_TTL_MS);
    expect(ttlOf(1e15)).to.equal(MAX_TTL_MS);
    expect(ttlOf(30_000)).to.equal(30_000);
  });

  it('follows every cursor, "" included, until a page has none; a given cursor gets one page', async () => {
    const e = engine({
      first: { tools: [{ name: 'a' }], nextCursor: '' },
      '': { tools: [{ name: 'b' }], nextCursor: 'c' },
      c: { tools: [{ name: 'c' }] },
    });
    const lists = new Lists(e, () => false);
    expect((await lists.all('tools/list', 'tools', {})).map((t) => (t as Tool).name)).to.deep.equal(['a', 'b', 'c']);
    expect(e.asked).to.deep.equal([{}, { cursor: '' }, { cursor: 'c' }]);
    expect((await lists.all('tools/list', 'tools', { cursor: '' })).map((t) => (t as Tool).name)).to.deep.equal(['b']);
  });

  it('serves a page again from memory within its ttlMs only while the era allows caching, until invalidated', async () => {
    const pages = { first: { tools: [{ name: 'a' }], ttlMs: 60_000 } };
    const cached = engine(pages);
    const lists = new Lists(cached, () => true);
    await lists.all('tools/list', 'tools', {});
    await lists.all('tools/list', 'tools', {});
    expect(cached.asked).to.have.length(1);
    lists.invalidate('prompts/');
    await lists.all('tools/list', 'tools', {});
    expect(cached.asked, 'another list made stale').to.have.length(1);
    lists.invalidate('tools/list');
    await lists.all('tools/list', 'tools', {});
    expect(cached.asked).to.have.length(2);

    const uncached = engine(pages);
    const plain = new Lists(uncached, () => false);
    await plain.all('tools/list', 'tools', {});
    await plain.all('tools/list', 'tools', {});
    expect(uncached.asked, 'an era without caching asks each time').to.have.length(2);
  });

  it('keeps only items with a name or uri, and drops fields of the wrong type and Lit-like keys', () => {
    const items = coerceItems([
      { name: 'ok', title: 'T', description: 42, inputSchema: 'nope', icons: {}, extra: 1 },
      {
        uri: 'file:///a',
        mimeType: 'text/plain',
        _$litType$: 1,
        annotations: { nested: { _$litStatic$: 1, keep: true } },
      },
      { title: 'no name' },
      'a string',
      null,
      [{ name: 'in an array' }],
    ]);
    expect(items).to.deep.equal([
      { name: 'ok', title: 'T', extra: 1 },
      { uri: 'file:///a', mimeType: 'text/plain', annotations: { nested: { keep: true } } },
    ]);
    expect(coerceItems({ name: 'not a list' })).to.deep.equal([]);
  });
});

type Tool = { name: string };
