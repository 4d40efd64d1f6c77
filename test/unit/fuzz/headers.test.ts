import { describe, it } from 'node:test';
import { expect } from 'chai';
import fc from 'fast-check';
import { encodeHeaderValue } from '../../../src/core/protocol/headers.js';
import { check } from './fuzz.js';

// Mcp-Name and Mcp-Param-* values come from tool names and arguments: anything a person types.
// encodeHeaderValue must always produce a value fetch accepts and sends unchanged (visible ASCII,
// inner spaces and tabs allowed, no leading/trailing whitespace), and the =?base64?…?= sentinel
// must decode back to the input (HM-10).

const RUNS = 3000;

const SENTINEL = /^=\?base64\?(.*)\?=$/;
const FIELD_VALUE = /^[\x21-\x7e]([\x20-\x7e\t]*[\x21-\x7e])?$/;

const decodeSentinel = (encoded: string) =>
  new TextDecoder().decode(Uint8Array.from(atob(SENTINEL.exec(encoded)![1]), (c) => c.charCodeAt(0)));

/** String.prototype.toWellFormed (ES2024, newer than our lib setting): lone surrogates become U+FFFD. */
const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const input = fc.oneof(
  fc.string({ unit: 'binary' }), // any code point, lone surrogates included
  fc.string({ unit: 'binary-ascii' }), // control characters, DEL
  fc.string({ unit: fc.constantFrom(' ', '\t', 'a', '=', '?', 'é', '\r', '\n', '\0', '\x7f') }),
  fc.string().map((s) => `=?base64?${s}?=`), // looks like the sentinel already
  fc.string({ unit: 'grapheme' }),
);

describe('fuzz: header value encoding', () => {
  it(`always yields a sendable header value that decodes back to the input (${RUNS} cases)`, async () => {
    await check(
      'encodeHeaderValue',
      fc.property(input, (value) => {
        const out = encodeHeaderValue(value);
        if (value === '') return void expect(out).to.equal('');
        expect(out).to.match(FIELD_VALUE);
        expect(new Headers({ 'mcp-name': out }).get('mcp-name'), 'fetch sends it unchanged').to.equal(out);
        if (SENTINEL.test(out) && out !== value) {
          // TextEncoder turns a lone surrogate into U+FFFD, the only change the round trip may make.
          expect(decodeSentinel(out)).to.equal(wellFormed(value));
        } else {
          expect(out, 'plain values pass unchanged').to.equal(value);
        }
      }),
      RUNS,
    );
  });
});
