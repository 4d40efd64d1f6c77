import { describe, it } from 'node:test';
import { expect } from 'chai';
import fc from 'fast-check';
import { McpFormatError } from '../../../src/core/jsonrpc/errors.js';
import { decodeMessages, type JsonRpcMessage } from '../../../src/core/jsonrpc/messages.js';
import { check } from './fuzz.js';

// The JSON-RPC decoder is the first code to touch untrusted server text. Whatever the text, it
// either returns well-formed messages or throws McpFormatError (never a TypeError or RangeError
// that would escape as a bare error), and every valid message or batch comes back unchanged.

const RUNS = { strings: 3000, json: 2000, mutated: 2000, roundTrip: 1000 };

const id = fc.oneof(fc.string({ maxLength: 8 }), fc.integer());
const params = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 });
const request = fc.record(
  { jsonrpc: fc.constant('2.0' as const), id, method: fc.string({ maxLength: 20 }), params },
  { requiredKeys: ['jsonrpc', 'id', 'method'] },
);
const notification = fc.record(
  { jsonrpc: fc.constant('2.0' as const), method: fc.string({ maxLength: 20 }), params },
  { requiredKeys: ['jsonrpc', 'method'] },
);
const result = fc.record({ jsonrpc: fc.constant('2.0' as const), id, result: params });
const error = fc.record({
  jsonrpc: fc.constant('2.0' as const),
  id: fc.oneof(id, fc.constant(null)),
  error: fc.record(
    { code: fc.integer(), message: fc.string({ maxLength: 20 }), data: fc.jsonValue({ maxDepth: 2 }) },
    { requiredKeys: ['code', 'message'] },
  ),
});
const message = fc.oneof(request, notification, result, error) as fc.Arbitrary<JsonRpcMessage>;

/** Almost-messages: right shape, wrong types in places, to reach every branch of the checks. */
const nearMessage = fc.record(
  {
    jsonrpc: fc.oneof(fc.constant('2.0'), fc.constant('1.0'), fc.jsonValue({ maxDepth: 1 })),
    id: fc.oneof(id, fc.constant(null), fc.double(), fc.jsonValue({ maxDepth: 1 })),
    method: fc.oneof(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })),
    params: fc.oneof(params, fc.jsonValue({ maxDepth: 2 })),
    result: fc.oneof(params, fc.jsonValue({ maxDepth: 2 })),
    error: fc.oneof(
      fc.record({ code: fc.jsonValue({ maxDepth: 1 }), message: fc.jsonValue({ maxDepth: 1 }) }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  },
  { requiredKeys: [] },
);

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown) => typeof v === 'string' || Number.isInteger(v);

/** What a caller may rely on for each decoded message. */
function wellFormed(m: JsonRpcMessage): boolean {
  const v = m as unknown as Record<string, unknown>;
  if (!isObject(v) || v.jsonrpc !== '2.0') return false;
  if (typeof v.method === 'string')
    return (v.params === undefined || isObject(v.params)) && (v.id == null || isId(v.id));
  if (!(v.id === null || isId(v.id))) return false;
  if (isObject(v.error))
    return (
      typeof (v.error as Record<string, unknown>).code === 'number' &&
      typeof (v.error as Record<string, unknown>).message === 'string'
    );
  return isObject(v.result);
}

/** Decodes; passes if the text gave well-formed messages or McpFormatError, fails on anything else. */
function decodesSafely(text: string): JsonRpcMessage[] | McpFormatError {
  try {
    const messages = decodeMessages(text);
    for (const m of messages) expect(wellFormed(m), JSON.stringify(m)).to.equal(true);
    return messages;
  } catch (e) {
    if (e instanceof McpFormatError) return e;
    throw new Error(
      `decodeMessages threw ${(e as Error)?.name}: ${(e as Error)?.message} for ${JSON.stringify(text).slice(0, 200)}`,
    );
  }
}

/** A text with a random edit: truncated, a character replaced, or a character inserted. */
const mutated = fc
  .record({
    text: fc.oneof(message, fc.array(message, { maxLength: 3 })).map((m) => JSON.stringify(m)),
    at: fc.nat(),
    kind: fc.constantFrom('truncate', 'replace', 'insert'),
    ch: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  })
  .map(({ text, at, kind, ch }) => {
    const i = at % (text.length + 1);
    return kind === 'truncate'
      ? text.slice(0, i)
      : kind === 'replace'
        ? text.slice(0, i) + ch + text.slice(i + 1)
        : text.slice(0, i) + ch + text.slice(i);
  });

describe('fuzz: the JSON-RPC decoder', () => {
  it(`only ever throws McpFormatError on arbitrary text (${RUNS.strings} cases)`, async () => {
    await check(
      'decodeMessages on arbitrary strings',
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.json(),
          fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '1', 'n', 'e', '-', '.', ' ') }),
        ),
        (text) => {
          decodesSafely(text);
        },
      ),
      RUNS.strings,
    );
  });

  it(`accepts exactly the well-formed messages among arbitrary and near-miss JSON (${RUNS.json} cases)`, async () => {
    await check(
      'decodeMessages on arbitrary JSON',
      fc.property(fc.oneof(fc.jsonValue(), nearMessage, fc.array(nearMessage, { maxLength: 3 })), (value) => {
        const text = JSON.stringify(value);
        const parsed = JSON.parse(text); // what the wire carries (-0 becomes 0)
        const out = decodesSafely(text);
        if (!(out instanceof McpFormatError)) expect(out).to.deep.equal(Array.isArray(parsed) ? parsed : [parsed]);
      }),
      RUNS.json,
    );
  });

  it(`fails truncated or corrupted messages cleanly (${RUNS.mutated} cases)`, async () => {
    await check(
      'decodeMessages on mutated messages',
      fc.property(mutated, (text) => void decodesSafely(text)),
      RUNS.mutated,
    );
  });

  it(`round-trips valid messages and batches (${RUNS.roundTrip} cases)`, async () => {
    await check(
      'decodeMessages round trip',
      fc.property(fc.oneof(message, fc.array(message, { minLength: 1, maxLength: 4 })), (value) => {
        const parsed = JSON.parse(JSON.stringify(value)); // what the wire carries (-0 becomes 0)
        expect(decodeMessages(JSON.stringify(value))).to.deep.equal(Array.isArray(parsed) ? parsed : [parsed]);
      }),
      RUNS.roundTrip,
    );
  });
});
