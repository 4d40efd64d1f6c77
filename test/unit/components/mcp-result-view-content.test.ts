// What <mcp-result-view> does with content blocks before it shows or saves them (src/internal/content.ts).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import {
  annotationText,
  decodeBase64,
  formatBytes,
  safeFilename,
} from '../../../src/components/mcp-result-view/content.js';

describe('result content helpers', () => {
  it('safeFilename keeps only harmless characters', () => {
    expect(safeFilename('fixture://dir/a%20b.png')).to.equal('a_b.png');
    expect(safeFilename('file:///etc/../../.bashrc')).to.equal('bashrc');
    expect(safeFilename('javascript:')).to.equal('resource.bin');
    expect(safeFilename('x://host/')).to.equal('host');
    // Extensions a system might run or render as a page get .bin after them; data formats keep theirs.
    for (const [uri, saved] of [
      ['x://h/setup.exe', 'setup.exe.bin'],
      ['x://h/page.HTML', 'page.HTML.bin'],
      ['x://h/a.svg', 'a.svg.bin'],
      ['x://h/run.lnk', 'run.lnk.bin'],
      ['x://h/x.pdf.js', 'x.pdf.js.bin'],
      ['x://h/report.pdf', 'report.pdf'],
      ['x://h/data.csv', 'data.csv'],
    ])
      expect(safeFilename(uri), uri).to.equal(saved);
  });

  it("safeFilename drops the query and fragment, bad percent-escapes stay as text, and the fallback is the caller's", () => {
    expect(safeFilename('https://h/r/report.csv?token=secret#top')).to.equal('report.csv');
    expect(safeFilename('x://h/100%zz.txt')).to.equal('100_zz.txt');
    expect(safeFilename('x://h/...', 'data.json')).to.equal('data.json');
    expect(safeFilename('x://h/' + 'a'.repeat(300) + '.txt')).to.have.length(100);
  });

  it('decodes base64 with whitespace in it, and refuses what is not base64', () => {
    expect([...decodeBase64('aGV s\nbG8=')!]).to.deep.equal([...new TextEncoder().encode('hello')]);
    expect(decodeBase64('not base64!')).to.equal(undefined);
    expect(decodeBase64('')).to.have.length(0);
  });

  it('formats sizes as B, kB and MB', () => {
    expect([0, 999, 1000, 2100, 999_999, 3_400_000].map(formatBytes)).to.deep.equal([
      '0 B',
      '999 B',
      '1.0 kB',
      '2.1 kB',
      '1000.0 kB',
      '3.4 MB',
    ]);
  });

  it('tells who a block is for only when that is not the user, and its priority when it is a number', () => {
    const labels = { audience: (who: string) => `for ${who}`, priority: (p: number) => `priority ${p}` };
    expect(annotationText(undefined, labels)).to.deep.equal([]);
    expect(annotationText({ audience: ['user', 'assistant'] }, labels)).to.deep.equal([]);
    expect(annotationText({ audience: ['assistant'], priority: 0.5 }, labels)).to.deep.equal([
      'for assistant',
      'priority 0.5',
    ]);
    expect(annotationText({ priority: Number.NaN }, labels)).to.deep.equal([]);
  });
});
