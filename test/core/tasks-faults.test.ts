import { expect, waitUntil } from '@open-wc/testing';
import { McpClient, type TaskState } from '../../src/client.js';
import { firstText, freshStore, proxyFault, proxyLog, servers } from '../helpers.js';

// 2025-11-25 tasks (the legacy fixture's task_job, official SDK 1.x experimental tasks) through the
// fault proxy: polls that fail on the way, a server restart that loses the task, a hostile pollInterval.
// Each case ends with the task's result or a clear error, never an error loop.
describe('tasks through the fault proxy (2025-11-25, SDK 1.x fixture)', () => {
  let client: McpClient;
  let control: string;

  /**
   * Calls task_job as a task (steps of 200 ms); resolves once the server reported the task, with its id and the
   * call, which settles to its result or its error.
   */
  async function startTaskJob(steps: number) {
    const seen: TaskState[] = [];
    const call = client
      .callTool('task_job', { steps, stepMs: 200 }, { task: true, onTask: (t) => seen.push(t) })
      .catch((e) => e);
    await waitUntil(() => seen.length, 'the task reported', { timeout: 10_000 });
    return { taskId: seen[0].taskId, call };
  }

  beforeEach(async () => {
    const urls = await servers();
    control = urls.proxyControl;
    await fetch(control, { method: 'DELETE' });
    await fetch(`${control}/log`, { method: 'DELETE' });
    client = new McpClient({ url: urls.proxy, transport: 'streamable-http', store: freshStore('mcp-tasks-faults') });
    await client.connect();
    await client.listTools();
  });
  afterEach(() => client.close());

  it('runs an optional-task tool as a task when asked: params.task, tasks/get, then tasks/result', async () => {
    const statuses: string[] = [];
    expect(
      firstText(
        await client.callTool(
          'task_job',
          { steps: 2, stepMs: 50 },
          { task: true, onTask: (t) => statuses.push(t.status) },
        ),
      ),
    ).to.equal('task_job done after 2 steps');
    expect(statuses[0]).to.equal('working');
    expect((await proxyLog()).some((e) => e.bodyJsonRpcMethod === 'tasks/result')).to.equal(true);
  });

  it('client.tasks(): list (2025-11-25 tasks/list) shows a running task, get its status, cancel ends it on the server', async () => {
    const { taskId, call } = await startTaskJob(50);
    const tasks = await client.tasks();
    expect((await tasks.list()).tasks.map((t) => t.taskId)).to.include(taskId);
    expect((await tasks.get(taskId)).status).to.equal('working');
    await tasks.cancel(taskId);
    expect((await tasks.get(taskId)).status).to.equal('cancelled');
    expect((await call).name).to.equal('McpAbortError');
  });

  it('a poll that 500s is tried again; the task still ends with its result', async () => {
    await proxyFault({ match: { jsonrpcMethod: 'tasks/get' }, status: 500, body: 'upstream hiccup', times: 2 });
    const result = await client.callTool('task_job', { steps: 3, stepMs: 150 }, { task: true });
    expect(firstText(result)).to.equal('task_job done after 3 steps');
    expect((await proxyLog()).filter((e) => e.bodyJsonRpcMethod === 'tasks/get' && e.status === 500)).to.have.length(2);
  });

  it('a tasks/get whose stream is cut is tried again; the task still ends with its result', async () => {
    await proxyFault({ match: { jsonrpcMethod: 'tasks/get' }, cutAfterEvents: 0 });
    const result = await client.callTool('task_job', { steps: 3, stepMs: 150 }, { task: true });
    expect(firstText(result)).to.equal('task_job done after 3 steps');
    expect(
      (await proxyLog()).some((e) => e.bodyJsonRpcMethod === 'tasks/get' && e.faults.includes('cutAfterEvents')),
    ).to.equal(true);
  });

  it('a server restart mid-task loses the task: a readable error, and it is not kept', async () => {
    const { call } = await startTaskJob(30);
    await fetch(`${control}/restart`, { method: 'POST' });
    const error = await call;
    expect(error).to.be.instanceOf(Error);
    expect(error.message).to.match(/no longer knows task|not found/i);
    expect(await (await client.tasks()).pending()).to.deep.equal([]);
    // The client goes on working.
    expect(firstText(await client.callTool('echo', { message: 'after' }))).to.equal('Echo: after');
  });

  it('a hostile pollInterval (10^9 ms) is held to the ceiling: the task still ends', async () => {
    const result = await client.callTool('task_job', { steps: 1, stepMs: 20, pollInterval: 1e9 }, { task: true });
    expect(firstText(result)).to.equal('task_job done after 1 steps');
  });
});
