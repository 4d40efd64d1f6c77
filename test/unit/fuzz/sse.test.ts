import { describe, it } from 'node:test';
import { expect } from 'chai';
import fc from 'fast-check';
import { readSse, type SseEvent } from '../../../src/core/transport/sse.js';
import { check } from './fuzz.js';

// The SSE path as the transports use it: bytes from fetch, split anywhere (even inside a UTF-8
// sequence or between CR and LF), through readSse. Whatever the chunking, the events that come
// out are exactly the events written: ids, types, multi-line data, CR/LF/CRLF line ends, comments,
// a BOM, priming events (an id and empty data), retry hints.

const RUNS = { events: 400, stop: 200, trailing: 200 };

/** Text for one SSE field value: any well-formed Unicode but CR and LF (and NUL for ids, which the parser drops). */
const value = (noNul = false) =>
  fc
    .string({
      unit: fc.oneof(
        fc.constantFrom(' ', ':', '\t', 'é', '€', '😀', '\u2028', '{', '"'),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      ),
      maxLength: 12,
    })
    .map((s) => s.replace(noNul ? /[\r\n\0]/g : /[\r\n]/g, ''));

interface Written {
  id?: string;
  event?: string;
  data: string[];
  retry?: number;
  comments: string[];
  idAfterData: boolean;
  ends: ('\n' | '\r\n' | '\r')[];
  bareData: boolean;
}

const eventArb: fc.Arbitrary<Written> = fc.record({
  id: fc.option(value(true), { nil: undefined }),
  event: fc.option(
    value().filter((s) => s !== ''),
    { nil: undefined },
  ),
  data: fc.array(value(), { minLength: 1, maxLength: 4 }),
  retry: fc.option(fc.nat({ max: 100_000 }), { nil: undefined }),
  comments: fc.array(value(), { maxLength: 2 }),
  idAfterData: fc.boolean(),
  ends: fc.array(fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const), { minLength: 12, maxLength: 12 }),
  bareData: fc.boolean(),
});

/** A priming event as MCP servers send it: an id and one empty data line. */
const primingArb: fc.Arbitrary<Written> = fc
  .record({ id: fc.integer({ min: 0, max: 1e6 }).map(String), ends: eventArb.map((e) => e.ends) })
  .map(({ id, ends }) => ({
    id,
    data: [''],
    comments: [],
    idAfterData: false,
    ends,
    bareData: false,
  }));

/** One field line; a value starting with a space needs the optional space after the colon kept. */
const field = (name: string, v: string, spaced: boolean) => `${name}:${spaced || v.startsWith(' ') ? ' ' : ''}${v}`;

/** Serialises events, choosing line ends so a CR is never followed by a separate LF line (that pair is one CRLF). */
function serialise(events: Written[], bom: boolean): string {
  let text = bom ? '\uFEFF' : '';
  for (const e of events) {
    const lines: string[] = [...e.comments.map((c) => `:${c}`)];
    const data = e.data.map((d, i) => (d === '' && e.bareData ? 'data' : field('data', d, i % 2 === 0)));
    const id = e.id === undefined ? [] : [field('id', e.id, true)];
    if (!e.idAfterData) lines.push(...id);
    if (e.event !== undefined) lines.push(field('event', e.event, false));
    lines.push(...data);
    if (e.idAfterData) lines.push(...id);
    if (e.retry !== undefined) lines.push(`retry: ${e.retry}`);
    lines.forEach((line, i) => (text += line + e.ends[i % e.ends.length]));
    // The blank line that ends the event: after a CR it must not start with LF.
    const blank = e.ends[11];
    text += text.endsWith('\r') && blank !== '\r' ? '\r\n' : blank;
  }
  return text;
}

const expected = (events: Written[]): SseEvent[] =>
  events.map((e) => ({ id: e.id, event: e.event, data: e.data.join('\n') }));
const normalise = (events: SseEvent[]) => events.map((e) => ({ id: e.id, event: e.event, data: e.data }));

/** The bytes split at the given points (any byte offset, so inside UTF-8 sequences and CRLF pairs too). */
function chunked(bytes: Uint8Array, cuts: number[], everyByte: boolean): ReadableStream<Uint8Array> {
  const points = everyByte
    ? [...bytes.keys()]
    : [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    if (p > from) chunks.push(bytes.slice(from, p));
    from = Math.max(from, p);
  }
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

const streamArb = fc.record({
  events: fc.array(fc.oneof({ weight: 4, arbitrary: eventArb }, { weight: 1, arbitrary: primingArb }), {
    maxLength: 8,
  }),
  bom: fc.boolean(),
  cuts: fc.array(fc.nat(), { maxLength: 24 }),
  everyByte: fc.boolean(),
});

describe('fuzz: the SSE reader', () => {
  it(`yields the same events whatever the chunking (${RUNS.events} cases)`, async () => {
    await check(
      'sse events survive any chunking',
      fc.asyncProperty(streamArb, async ({ events, bom, cuts, everyByte }) => {
        const out: SseEvent[] = [];
        const retries: number[] = [];
        await readSse(chunked(new TextEncoder().encode(serialise(events, bom)), cuts, everyByte), {
          onEvent: (e) => void out.push(e),
          onRetry: (ms) => retries.push(ms),
        });
        expect(normalise(out)).to.deep.equal(expected(events));
        expect(retries).to.deep.equal(events.filter((e) => e.retry !== undefined).map((e) => e.retry));
      }),
      RUNS.events,
    );
  });

  it(`stops right after the event the caller waited for (${RUNS.stop} cases)`, async () => {
    const arb = streamArb.chain((s) =>
      fc.record({ s: fc.constant(s), stopAt: fc.nat({ max: Math.max(0, s.events.length - 1) }) }),
    );
    await check(
      'sse stops at the awaited event',
      fc.asyncProperty(arb, async ({ s, stopAt }) => {
        fc.pre(s.events.length > 0);
        const out: SseEvent[] = [];
        await readSse(chunked(new TextEncoder().encode(serialise(s.events, s.bom)), s.cuts, s.everyByte), {
          onEvent: (e) => out.push(e) === stopAt + 1,
        });
        expect(normalise(out)).to.deep.equal(expected(s.events).slice(0, stopAt + 1));
      }),
      RUNS.stop,
    );
  });

  it(`drops an event left unfinished when the stream ends (${RUNS.trailing} cases)`, async () => {
    const arb = fc.record({
      s: streamArb,
      tail: fc.array(value(), { minLength: 1, maxLength: 3 }),
      end: fc.constantFrom('', '\n', '\r\n'),
    });
    await check(
      'sse drops an unfinished last event',
      fc.asyncProperty(arb, async ({ s, tail, end }) => {
        const text = serialise(s.events, s.bom) + tail.map((t) => `data: ${t}`).join('\n') + end;
        const out: SseEvent[] = [];
        await readSse(chunked(new TextEncoder().encode(text), s.cuts, s.everyByte), {
          onEvent: (e) => void out.push(e),
        });
        expect(normalise(out)).to.deep.equal(expected(s.events));
      }),
      RUNS.trailing,
    );
  });
});
