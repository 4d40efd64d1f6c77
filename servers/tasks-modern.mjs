// The 2026-07-28 tasks extension (io.modelcontextprotocol/tasks, SEP-2663) on the official 2.x server,
// hand-written: @modelcontextprotocol/ext-tasks 0.2.x has no server side for it (its `./receiver` is the
// 2025-11-25 client-side receiver of task-augmented sampling/elicitation). Tools answer `tools/call`
// with `resultType: "task"`; `tasks/get`, `tasks/update` and `tasks/cancel` are custom-method handlers.
// Task state lives in `state` (shared by every per-request server instance), time-driven, so a poll
// after a page reload finds the same task. `task_log` tells a test what the server saw.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ProtocolError } from '@modelcontextprotocol/server';

const TASKS = 'io.modelcontextprotocol/tasks';
const text = (t) => ({ content: [{ type: 'text', text: t }] });
const NAME_SCHEMA = {
  type: 'object',
  properties: { name: { type: 'string', title: 'Your name' } },
  required: ['name'],
};

/** A fresh task store: `tasks` by id, and what the server saw (`log`). */
export const tasksState = () => ({
  tasks: new Map(),
  log: { created: [], gets: 0, askedAgain: 0, updates: [], cancelled: [], misrouted: [], pushed: 0 },
});

/** Advances a task by time: `steps` of `stepMs` each; `ask` pauses at the middle for the person's name. */
function advance(t) {
  // tasks/update is eventually consistent: the answer shows `ackLagMs` after it came (the same inputRequests until
  // then).
  if (t.status === 'input_required' && t.answer && Date.now() >= t.answeredAt + t.ackLagMs) {
    Object.assign(t, {
      status: 'working',
      statusMessage: 'Thanks',
      resumedAt: Date.now(),
      lastUpdatedAt: new Date().toISOString(),
    });
  }
  if (['completed', 'failed', 'cancelled'].includes(t.status) || t.status === 'input_required') return;
  const step = Math.min(t.steps, Math.floor((Date.now() - t.resumedAt) / t.stepMs) + t.doneSteps);
  if (t.ask && !t.answer && step >= Math.ceil(t.steps / 2)) {
    Object.assign(t, {
      status: 'input_required',
      doneSteps: step,
      statusMessage: 'Waiting for your name',
      lastUpdatedAt: new Date().toISOString(),
    });
    return;
  }
  const status = step >= t.steps ? (t.fail ? 'failed' : 'completed') : 'working';
  const message =
    status === 'working' ? `step ${step} of ${t.steps}` : status === 'failed' ? 'It broke' : 'All steps done';
  if (status !== t.status || message !== t.statusMessage)
    Object.assign(t, { status, statusMessage: message, lastUpdatedAt: new Date().toISOString() });
}

/** The task as `tasks/get` shows it: a DetailedTask with the status's inlined field. */
function detailed(t) {
  const base = {
    taskId: t.taskId,
    status: t.status,
    statusMessage: t.statusMessage,
    createdAt: t.createdAt,
    lastUpdatedAt: t.lastUpdatedAt,
    ttlMs: t.ttlMs,
    pollIntervalMs: t.pollIntervalMs,
  };
  if (t.status === 'completed')
    return {
      ...base,
      result: text(t.answer ? `Hello, ${t.answer}! (${t.steps} steps)` : `done after ${t.steps} steps`),
    };
  if (t.status === 'failed') return { ...base, error: { code: -32603, message: 'The job failed on step ' + t.steps } };
  if (t.status === 'input_required')
    return {
      ...base,
      inputRequests: {
        [t.askKey]: {
          method: 'elicitation/create',
          params: { mode: 'form', message: 'What is your name?', requestedSchema: NAME_SCHEMA },
        },
      },
    };
  return base;
}

/**
 * TK-15, the optional push (the SDK's listen handler knows no `taskIds`): answers a `subscriptions/listen` that asks
 * for `taskIds` with its own SSE stream: the acknowledgement, a `notifications/tasks` (a full DetailedTask) each time
 * one of those tasks changes, and the final response once they have all ended. `log.pushed` counts the pushes;
 * `dropAfter` cuts the stream after that many.
 */
export function streamTaskStatus(state, listen, res, { dropAfter = 0 } = {}) {
  const ids = listen.params?.notifications?.taskIds ?? [];
  const _meta = { 'io.modelcontextprotocol/subscriptionId': listen.id };
  const send = (m) => res.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', ...m })}\n\n`);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  send({ method: 'notifications/subscriptions/acknowledged', params: { notifications: { taskIds: ids }, _meta } });
  const last = new Map();
  let sent = 0;
  const timer = setInterval(() => {
    let open = 0;
    for (const id of ids) {
      const t = state.tasks.get(id);
      if (!t) continue;
      advance(t);
      const now = `${t.status} ${t.statusMessage}`;
      if (last.get(id) !== now) {
        last.set(id, now);
        state.log.pushed++;
        send({ method: 'notifications/tasks', params: { ...detailed(t), _meta } });
        // A stream cut without its final response, as a proxy or a restart would cut it.
        if (++sent === dropAfter) return (clearInterval(timer), res.destroy());
      }
      if (!['completed', 'failed', 'cancelled'].includes(t.status)) open++;
    }
    if (open) return;
    clearInterval(timer);
    send({ id: listen.id, result: { resultType: 'complete', _meta } });
    res.end();
  }, 20);
  res.on('close', () => clearInterval(timer));
}

/** Registers the task tools and the tasks/* methods on one McpServer instance. */
export function registerTaskTools(server, state) {
  const find = (taskId) => {
    const t = state.tasks.get(taskId);
    if (!t) throw new ProtocolError(-32602, `Failed to retrieve task: Task not found (${taskId})`);
    return t;
  };

  // A tool that needs a client extension no client of ours declares: its calls are refused with
  // -32021 by the HTTP layer in servers/modern.mjs (the SDK would turn a thrown error into a result).
  server.registerTool(
    'needs_extension',
    {
      description: 'Refused with -32021: it needs the client extension com.example/telepathy',
      inputSchema: z.object({}),
    },
    async () => ({ content: [{ type: 'text', text: 'unreachable: the HTTP layer refuses this call' }] }),
  );

  server.registerTool(
    'long_job',
    {
      description:
        'A long job the server runs as a task (tasks extension): steps of stepMs each; ask=true pauses for your name; fail=true ends failed',
      inputSchema: z.object({
        steps: z.number().int().default(3),
        stepMs: z.number().int().default(200),
        ask: z.boolean().default(false),
        fail: z.boolean().default(false),
        pollIntervalMs: z.number().optional(),
        ackLagMs: z.number().int().default(0),
        apiKey: z.string().optional().describe('A secret the job would use (the client keeps it out of the store)'),
      }),
    },
    async ({ steps, stepMs, ask, fail, pollIntervalMs, ackLagMs }) => {
      // The per-request instance knows the capabilities this request's _meta declared.
      if (!server.server.getClientCapabilities()?.extensions?.[TASKS])
        throw new ProtocolError(-32021, 'Missing required client capability', {
          requiredCapabilities: { extensions: { [TASKS]: {} } },
        });
      const now = new Date().toISOString();
      const t = {
        taskId: randomUUID(),
        status: 'working',
        statusMessage: 'Started',
        createdAt: now,
        lastUpdatedAt: now,
        ttlMs: 600_000,
        pollIntervalMs: pollIntervalMs ?? 100,
        steps,
        stepMs,
        ask,
        fail,
        ackLagMs,
        askKey: `name-${randomUUID().slice(0, 8)}`,
        resumedAt: Date.now(),
        doneSteps: 0,
      };
      state.tasks.set(t.taskId, t);
      state.log.created.push(t.taskId);
      const { result: _result, error: _error, inputRequests: _asks, ...seed } = detailed(t);
      return { resultType: 'task', ...seed };
    },
  );

  server.registerTool(
    'task_log',
    {
      description:
        'What the task server saw: created task ids, tasks/get count, asks repeated after their answer, tasks/update answers, tasks/cancel ids, tasks/* without Mcp-Name = taskId',
    },
    async () => text(JSON.stringify(state.log)),
  );

  const byId = { params: z.object({ taskId: z.string() }).passthrough() };
  /** SEP-2663: tasks/* carry Mcp-Name = the task id, so a load balancer can route them; a mismatch is logged. */
  const routed = (method, taskId, ctx) => {
    const name = ctx.http?.req?.headers.get('mcp-name');
    if (name !== taskId) state.log.misrouted.push({ method, taskId, name });
  };
  server.server.setRequestHandler('tasks/get', byId, async ({ taskId }, ctx) => {
    routed('tasks/get', taskId, ctx);
    state.log.gets++;
    const t = find(taskId);
    advance(t);
    // Answered, not yet shown: the same ask again.
    if (t.status === 'input_required' && t.answer) state.log.askedAgain++;
    return detailed(t);
  });
  // The SDK lifts the MRTR field `inputResponses` out of params into ctx.mcpReq.inputResponses.
  server.server.setRequestHandler('tasks/update', byId, async ({ taskId, inputResponses: inParams }, ctx) => {
    routed('tasks/update', taskId, ctx);
    const inputResponses = inParams ?? ctx.mcpReq.inputResponses ?? {};
    const t = find(taskId);
    state.log.updates.push({ taskId, inputResponses });
    const answer = inputResponses[t.askKey];
    if (t.status === 'input_required' && answer && !t.answer) {
      t.answer = answer.action === 'accept' ? (answer.content?.name ?? '(no name)') : `(${answer.action})`;
      t.answeredAt = Date.now();
      advance(t);
    }
    return {};
  });
  server.server.setRequestHandler('tasks/cancel', byId, async ({ taskId }, ctx) => {
    routed('tasks/cancel', taskId, ctx);
    const t = find(taskId);
    state.log.cancelled.push(taskId);
    if (!['completed', 'failed'].includes(t.status))
      Object.assign(t, {
        status: 'cancelled',
        statusMessage: 'Cancelled by the client',
        lastUpdatedAt: new Date().toISOString(),
      });
    return {};
  });
}
