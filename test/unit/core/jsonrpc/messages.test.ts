// JSON-RPC message kinds and the checks on one parsed message (src/core/jsonrpc/messages.ts);
// the decoder on arbitrary text is fuzzed in test/unit/fuzz/jsonrpc.test.ts.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { excerpt, McpFormatError } from '../../../../src/core/jsonrpc/errors.js';
import {
  isNotification,
  isRequest,
  isResponse,
  toMessage,
  type JsonRpcMessage,
} from '../../../../src/core/jsonrpc/messages.js';

const kinds = (m: JsonRpcMessage) => [isRequest(m), isNotification(m), isResponse(m)];

describe('JSON-RPC messages', () => {
  it('tells requests, notifications and responses apart; a null id makes no request', () => {
    expect(kinds({ jsonrpc: '2.0', id: 0, method: 'ping' })).to.deep.equal([true, false, false]);
    expect(kinds({ jsonrpc: '2.0', method: 'notifications/progress' })).to.deep.equal([false, true, false]);
    expect(kinds({ jsonrpc: '2.0', id: null, method: 'odd' } as unknown as JsonRpcMessage)).to.deep.equal([
      false,
      true,
      false,
    ]);
    expect(kinds({ jsonrpc: '2.0', id: 'a', result: {} })).to.deep.equal([false, false, true]);
    expect(kinds({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } })).to.deep.equal([
      false,
      false,
      true,
    ]);
  });

  it('refuses each kind of malformed message with McpFormatError and a reason', () => {
    const refused: [unknown, RegExp][] = [
      [{ jsonrpc: '1.0', id: 1, result: {} }, /Not a JSON-RPC 2.0 message/],
      [{ jsonrpc: '2.0', method: 'm', params: [1] }, /Invalid params in m/],
      [{ jsonrpc: '2.0', id: 1.5, method: 'm' }, /Invalid request id/],
      [{ jsonrpc: '2.0', result: {} }, /without a valid id/],
      [{ jsonrpc: '2.0', id: 1, error: { code: '1', message: 'x' } }, /Malformed JSON-RPC error object/],
      [{ jsonrpc: '2.0', id: 1, result: 'text' }, /neither result nor error/],
    ];
    for (const [value, reason] of refused)
      expect(() => toMessage(value), JSON.stringify(value)).to.throw(McpFormatError, reason);
  });

  it('keeps an excerpt of what was refused, shortened to 200 characters', () => {
    try {
      toMessage({ jsonrpc: '1.0', pad: 'x'.repeat(500) });
      expect.fail('accepted');
    } catch (e) {
      expect((e as McpFormatError).excerpt)
        .to.have.length(201)
        .and.match(/^\{"jsonrpc":"1.0".*…$/);
    }
    expect(excerpt('short')).to.equal('short');
  });
});
