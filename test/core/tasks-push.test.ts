import { expect } from '@open-wc/testing';
import { McpClient } from '../../src/client.js';
import { firstText, freshStore, servers } from '../helpers.js';

// Task status pushed on subscriptions/listen (2026-07-28 tasks extension, TK-15) on the modern fixture
// (official 2.x server, servers/modern.mjs): /push acknowledges `taskIds` and pushes each change; /mcp is
// the SDK's own listen handler, which acknowledges no task ids, so the client polls. Either way each
// status reaches the page once.
describe('pushed task status (2026-07-28 tasks extension)', () => {
  let client: McpClient;
  afterEach(() => client?.close());

  interface TaskLog {
    gets: number;
    pushed: number;
  }
  const taskLog = async (): Promise<TaskLog> => JSON.parse(firstText(await client.callTool('task_log')));

  /** Runs long_job (steps of 500 ms; polls every 200 ms, the client's floor), with each status it reported. */
  async function runJob(url: string) {
    client = new McpClient({ url, store: freshStore('mcp-tasks-push') });
    await client.connect();
    const before = await taskLog();
    const statuses: string[] = [];
    const result = await client.callTool(
      'long_job',
      { steps: 3, stepMs: 500 },
      { onTask: (t) => statuses.push(`${t.status}: ${t.statusMessage}`) },
    );
    const after = await taskLog();
    return { result, statuses, gets: after.gets - before.gets, pushed: after.pushed - before.pushed };
  }

  it('follows a task by push where the server offers it: each change once, no polling after the catch-up', async () => {
    const { result, statuses, gets, pushed } = await runJob((await servers()).modernPush);
    expect(firstText(result)).to.equal('done after 3 steps');
    expect(statuses).to.deep.equal([
      'working: Started',
      'working: step 0 of 3',
      'working: step 1 of 3',
      'working: step 2 of 3',
      'completed: All steps done',
    ]);
    expect(pushed).to.be.at.least(4); // every change after the task started went out as a push
    expect(gets).to.be.at.most(1); // one tasks/get catches up once the server agreed; the rest is pushed
  });

  it('goes back to polling when the push stream drops, still reporting each change once', async () => {
    const { result, statuses, gets, pushed } = await runJob((await servers()).modernPushDrop);
    expect(firstText(result)).to.equal('done after 3 steps');
    expect(statuses.at(-1)).to.equal('completed: All steps done');
    expect(statuses).to.deep.equal([...new Set(statuses)]);
    expect(pushed).to.equal(1); // the stream was cut after its first push
    expect(gets).to.be.at.least(2); // the rest came from polls
  });

  it('polls where the server does not push task status, still reporting each change once', async () => {
    const { result, statuses, gets, pushed } = await runJob((await servers()).modern);
    expect(firstText(result)).to.equal('done after 3 steps');
    expect(statuses.at(-1)).to.equal('completed: All steps done');
    expect(statuses).to.deep.equal([...new Set(statuses)]); // no status twice
    expect(statuses).to.include.members(['working: step 1 of 3', 'working: step 2 of 3']);
    expect(gets).to.be.at.least(statuses.length - 1); // polled: each change after the first came from a tasks/get
    expect(pushed).to.equal(0);
  });
});
