// What <mcp-log-view> shows of a log entry's data (src/internal/log.ts).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { dataText, LEVELS } from '../../../src/components/mcp-log-view/log.js';

describe('log entry text', () => {
  it('turns data into text', () => {
    expect(dataText('a\nb')).to.equal('a\nb');
    expect(dataText({ a: 1 })).to.equal('{\n  "a": 1\n}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(dataText(cyclic)).to.equal('[object Object]');
  });

  it('shows values JSON has no text for, and markup as the text it is', () => {
    expect(dataText(undefined)).to.equal('undefined');
    expect(dataText(10n)).to.equal('10');
    expect(dataText('<img src=x onerror=alert(1)>')).to.equal('<img src=x onerror=alert(1)>');
  });

  it('orders the severities of RFC 5424 from debug to emergency', () => {
    expect(LEVELS.indexOf('warning')).to.be.lessThan(LEVELS.indexOf('error'));
    expect([LEVELS[0], LEVELS[LEVELS.length - 1]]).to.deep.equal(['debug', 'emergency']);
  });
});
