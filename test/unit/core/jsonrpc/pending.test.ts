// The table of requests awaiting an answer (src/core/jsonrpc/pending.ts): ids, exactly-once
// settlement, timeouts that progress extends up to a maximum, abort. Timers are node:test's mock
// timers, so no test waits for real time.
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { expect } from 'chai';
import { McpAbortError, McpProtocolError, McpTimeoutError } from '../../../../src/core/jsonrpc/errors.js';
import { PendingTable } from '../../../../src/core/jsonrpc/pending.js';

/** Where a settled promise ended, without waiting for one that has not. */
async function outcome<T>(p: Promise<T>): Promise<{ value?: T; error?: Error } | 'pending'> {
  const settled = p.then(
    (value) => ({ value }),
    (error: Error) => ({ error }),
  );
  return Promise.race([settled, new Promise<'pending'>((r) => setImmediate(() => r('pending')))]);
}

describe('the pending table', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'] }));
  afterEach(() => mock.timers.reset());

  it('gives each request a new id and settles it once, on its own answer', async () => {
    const t = new PendingTable();
    const [a, b] = [t.allocateId(), t.allocateId()];
    expect(a).to.not.equal(b);
    const pa = t.add(a, 'tools/list', { timeout: 1000 }, () => {});
    const pb = t.add(b, 'tools/call', { timeout: 1000 }, () => {});
    expect(t.size).to.equal(2);
    expect(t.settle({ jsonrpc: '2.0', id: b, error: { code: -32602, message: 'bad', data: { why: 1 } } })).to.equal(
      true,
    );
    expect(t.settle({ jsonrpc: '2.0', id: b, result: {} }), 'a duplicate answer').to.equal(false);
    expect(t.settle({ jsonrpc: '2.0', id: 99, result: {} }), 'an answer to nothing').to.equal(false);
    expect(t.settle({ jsonrpc: '2.0', id: a, result: { tools: [] } })).to.equal(true);
    expect(await pa).to.deep.equal({ tools: [] });
    const error = (await outcome(pb)) as { error: McpProtocolError };
    expect(error.error).to.be.instanceOf(McpProtocolError).and.include({ code: -32602, message: 'bad' });
    expect(error.error.data).to.deep.equal({ why: 1 });
    expect(t.size).to.equal(0);
  });

  it('times a silent request out, tells the caller to give up on it, and progress restarts the clock', async () => {
    const t = new PendingTable();
    const gaveUp: Error[] = [];
    const p = t.add(1, 'tools/call', { timeout: 1000 }, (e) => gaveUp.push(e));
    mock.timers.tick(900);
    t.touch(1, (e) => gaveUp.push(e));
    mock.timers.tick(900);
    expect(await outcome(p)).to.equal('pending');
    mock.timers.tick(100);
    const { error } = (await outcome(p)) as { error: McpTimeoutError };
    expect(error).to.be.instanceOf(McpTimeoutError).and.include({ method: 'tools/call', ms: 1900 });
    expect(gaveUp).to.deep.equal([error]);
    expect(t.has(1)).to.equal(false);
  });

  it('ends a request at maxTotalTimeout however much progress arrives', async () => {
    const t = new PendingTable();
    const p = t.add(1, 'tools/call', { timeout: 1000, maxTotalTimeout: 2500 }, () => {});
    for (let i = 0; i < 4; i++) {
      mock.timers.tick(600);
      t.touch(1, () => {});
    }
    // 2,400 ms in: the last touch leaves 100 ms, not another 1,000.
    mock.timers.tick(100);
    expect(((await outcome(p)) as { error: Error }).error).to.be.instanceOf(McpTimeoutError);
  });

  it('fails a request on abort with the reason given, at once when already aborted', async () => {
    const t = new PendingTable();
    const gaveUp: Error[] = [];
    const ac = new AbortController();
    const p = t.add(1, 'tools/call', { timeout: 1000, signal: ac.signal }, (e) => gaveUp.push(e));
    ac.abort('The person pressed Cancel');
    const { error } = (await outcome(p)) as { error: Error };
    expect(error).to.be.instanceOf(McpAbortError).and.have.property('message', 'The person pressed Cancel');
    expect(gaveUp).to.have.length(1);
    const early = t.add(2, 'ping', { timeout: 1000, signal: AbortSignal.abort() }, () => {});
    expect(((await outcome(early)) as { error: Error }).error.message).to.equal('The request was cancelled');
    expect(t.size).to.equal(0);
  });

  it('fails every waiting request when the connection closes, and a late answer finds nothing', async () => {
    const t = new PendingTable();
    const ps = [1, 2, 3].map((id) => t.add(id, 'ping', { timeout: 1000 }, () => {}));
    const closed = new Error('closed');
    t.rejectAll(closed);
    for (const p of ps) expect(((await outcome(p)) as { error: Error }).error).to.equal(closed);
    expect(t.settle({ jsonrpc: '2.0', id: 1, result: {} })).to.equal(false);
    mock.timers.tick(5000); // the timers went with the entries
  });
});
