// Which eras a `transport` option allows, and where the era found for a URL is remembered
// (src/core/client/eras/negotiate.ts). The negotiation itself runs against real servers in the browser suite.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { allows, declaredEra, eraCacheOf } from '../../../../src/core/client/eras/negotiate.js';
import { eraKey } from '../../../../src/core/store/keys.js';
import { memoryStore } from '../../../../src/store.js';

describe('era negotiation', () => {
  it('lets each transport option allow only its eras', () => {
    expect((['modern', 'legacy', 'sse'] as const).filter((e) => allows('auto', e))).to.deep.equal([
      'modern',
      'legacy',
      'sse',
    ]);
    expect((['modern', 'legacy', 'sse'] as const).filter((e) => allows('streamable-http', e))).to.deep.equal([
      'modern',
      'legacy',
    ]);
    expect((['modern', 'legacy', 'sse'] as const).filter((e) => allows('sse', e))).to.deep.equal(['sse']);
    expect(allows(undefined, 'sse'), 'auto by default').to.equal(true);
    expect(allows('auto', undefined), 'nothing cached').to.equal(false);
  });

  it('maps a declared protocol version to the era to try first, within what the transport option allows', () => {
    expect(declaredEra('2026-07-28')).to.equal('modern');
    expect(declaredEra('2025-11-25')).to.equal('legacy');
    expect(declaredEra('2025-03-26', 'streamable-http')).to.equal('legacy');
    expect(declaredEra('2025-11-25', 'sse')).to.equal('sse');
    expect(declaredEra('2024-11-05')).to.equal('sse');
    // Not a version this client speaks, or an era the transport option rules out: nothing is declared.
    expect(declaredEra('2099-01-01')).to.equal(undefined);
    expect(declaredEra('2026-07-28', 'sse')).to.equal(undefined);
    expect(declaredEra(undefined)).to.equal(undefined);
  });

  it('remembers the era per URL in the store when there is one, so a reload skips failed probes', async () => {
    const store = memoryStore();
    const cache = eraCacheOf(store);
    await cache.set('https://a.example/mcp', 'legacy');
    expect(await store.get(eraKey('https://a.example/mcp'))).to.equal('legacy');
    expect(await eraCacheOf(store).get('https://a.example/mcp'), 'a new client over the same store').to.equal('legacy');
    expect(await cache.get('https://b.example/mcp')).to.equal(undefined);
  });

  it("remembers it in memory, for the page's life, without a store", async () => {
    await eraCacheOf().set('https://memory.example/mcp', 'sse');
    expect(await eraCacheOf().get('https://memory.example/mcp')).to.equal('sse');
    expect(await eraCacheOf(memoryStore()).get('https://memory.example/mcp'), 'not in an unrelated store').to.equal(
      undefined,
    );
  });
});
