// Deep JSON from a server, in the browser: Chromium's stack takes the 100,000-deep array that
// Node's smaller one does not (there decodeMessages' fallback, String() of the value, overflows),
// so this case stays here while the JSON-RPC fuzz suite runs in Node (test/unit/fuzz/jsonrpc.test.ts).
import { expect } from '@open-wc/testing';
import { McpFormatError } from '../../src/client.js';
import { decodeMessages } from '../../src/core/jsonrpc/messages.js';

describe('the JSON-RPC decoder on deep JSON', () => {
  it('fails JSON nested 100,000 deep with McpFormatError, not a stack overflow', () => {
    for (const text of [
      '['.repeat(100_000) + ']'.repeat(100_000),
      '{"jsonrpc":"2.0","id":1,"result":' + '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_001),
    ]) {
      let out: unknown[];
      try {
        out = decodeMessages(text);
      } catch (e) {
        expect(e, `${(e as Error)?.name}: ${(e as Error)?.message}`).to.be.instanceOf(McpFormatError);
        continue;
      }
      expect(out).to.have.length(1);
    }
  });
});
