// Tool calls the server runs as tasks, in both flavours, behind one API: `callTool` still resolves
// with the final CallToolResult. Loaded on first use (a result that is a task, or `client.tasks`),
// so pages whose servers never answer with a task do not carry it.
//   2026-07-28 extension (SEP-2663): `tools/call` answers `resultType: "task"`; `tasks/get` polls and
//     inlines `result` / `error` / `inputRequests`; input goes back with `tasks/update`; `tasks/cancel`.
//     Where the server agrees (TK-15), status is pushed on a `subscriptions/listen` stream of the task's own
//     (`notifications/tasks`), and polling stops until that stream ends.
//   2025-11-25: `tools/call` with `params.task` answers `{task}`; `tasks/get` polls; `tasks/result`
//     blocks until the end (and carries the server's elicitation/sampling tagged with the task);
//     `tasks/list`; `tasks/cancel`.
import {
  McpAbortError,
  McpError,
  McpHttpError,
  McpProtocolError,
  McpStreamLostError,
  McpTimeoutError,
} from '../jsonrpc/errors.js';
import type { Params } from '../jsonrpc/messages.js';
import type { CallToolResult, Implementation } from '../protocol/types.js';
import { ERROR } from '../protocol/versions.js';
import type { BatchedStore } from '../kv/batched.js';
import { tasksKey } from '../store/keys.js';
import type { TaskRecord } from '../store/records.js';
import { sleep } from '../util/sleep.js';
import type { RequestOptions } from './engine.js';
import type { Era } from './eras/era.js';
import { answerInput, type InputHandlers } from './input.js';

export type TaskStatus = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';
export type { TaskRecord };

/** Where a task stands, as `onTask` and the client's `task` event report it. */
export interface TaskState {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  /** The tool the task runs. */
  tool?: string;
  createdAt?: string;
  lastUpdatedAt?: string;
}

/** What a tool call may add for tasks. */
export interface TaskCallOptions extends RequestOptions {
  /**
   * Each status the task reports (working, input_required, completed, failed, cancelled), with the server's message.
   */
  onTask?: (task: TaskState) => void;
  /** 2025-11-25: run a tool whose `execution.taskSupport` is `optional` as a task (`required` ones always are). */
  task?: boolean;
  /**
   * The arguments to keep with the task in the store, when they differ from those sent (the tool form leaves secret
   * fields out).
   */
  keptArguments?: Record<string, unknown>;
}

/** `client.tasks`: lower-level control for hosts that want it. */
export interface TaskControl {
  /** The task's current state from the server. */
  get(taskId: string, options?: RequestOptions): Promise<TaskState>;
  /** Asks the server to cancel (cooperative); the task is forgotten here at once. */
  cancel(taskId: string, options?: RequestOptions): Promise<void>;
  /** 2025-11-25 servers only: the server's tasks, one page. */
  list(cursor?: string, options?: RequestOptions): Promise<{ tasks: TaskState[]; nextCursor?: string }>;
  /** Follows a kept task (after a reload) to its final result; one follower per task. */
  resume(taskId: string, options?: TaskCallOptions): Promise<CallToolResult>;
  /** The tasks kept for this server that have not ended, oldest first. */
  pending(): Promise<TaskRecord[]>;
}

/** What the tasks module needs of the client. */
export interface TaskClient {
  readonly url: string;
  readonly era?: Era;
  readonly state: string;
  readonly serverInfo?: Implementation;
  readonly options: InputHandlers;
  readonly store?: BatchedStore;
  request(method: string, params?: Params, options?: RequestOptions): Promise<Params>;
  dispatchEvent(event: Event): boolean;
  addEventListener(type: 'notification', listener: (e: CustomEvent) => void): void;
  removeEventListener(type: 'notification', listener: (e: CustomEvent) => void): void;
}

/** pollIntervalMs is the server's to suggest, within these bounds (0, negative, 10^9 and NaN are hostile). */
export const POLL = { min: 200, max: 10_000, fallback: 1_000 };
const interval = (t: Params) => {
  const ms = Number(t.pollIntervalMs ?? t.pollInterval);
  return Number.isFinite(ms) && ms > 0
    ? Math.min(POLL.max, Math.max(POLL.min, ms))
    : ms <= 0
      ? POLL.min
      : POLL.fallback;
};
/** Polls that fail on the way (5xx, cut stream, network) are tried again this many times. */
const POLL_RETRIES = 5;
/** How many input requests one task may make. */
const MAX_INPUTS = 50;
const TERMINAL = ['completed', 'failed', 'cancelled'];
const transient = (e: unknown) =>
  e instanceof McpStreamLostError ||
  e instanceof McpTimeoutError ||
  (e instanceof McpHttpError && (e.kind === 'network' || e.status >= 500));
/** The server no longer knows the task (expired, purged, or lost in a restart). */
const unknownTask = (e: unknown) => e instanceof McpProtocolError && e.code === ERROR.invalidParams;

export class Tasks implements TaskControl {
  private readonly following = new Map<string, Promise<CallToolResult>>();

  constructor(private readonly client: TaskClient) {}

  /**
   * Follows the task a `tools/call` answered with (`resultType: "task"`, or 2025-11-25 `{task}`) to its final result.
   */
  follow(
    created: Params,
    tool: string,
    args: Record<string, unknown>,
    options: TaskCallOptions = {},
  ): Promise<CallToolResult> {
    const task = (created.task ?? created) as Params;
    if (typeof task.taskId !== 'string' || !task.taskId)
      return Promise.reject(new McpError(`The server answered ${tool} with a task that has no taskId`));
    const taskId = task.taskId;
    void this.update({
      taskId,
      tool,
      arguments: options.keptArguments ?? args,
      at: Date.now(),
      status: task.status as string,
      statusMessage: task.statusMessage as string | undefined,
    });
    return this.track(taskId, this.poll(task, tool, options));
  }

  async get(taskId: string, options: RequestOptions = {}): Promise<TaskState> {
    return stateOf(await this.client.request('tasks/get', { taskId }, options));
  }

  async cancel(taskId: string, options: RequestOptions = {}): Promise<void> {
    void this.drop(taskId);
    await this.client.request('tasks/cancel', { taskId }, options);
  }

  async list(cursor?: string, options: RequestOptions = {}): Promise<{ tasks: TaskState[]; nextCursor?: string }> {
    if (this.client.era === 'modern')
      throw new McpError('The 2026-07-28 tasks extension has no tasks/list; pending() lists the tasks kept here');
    const r = await this.client.request('tasks/list', cursor ? { cursor } : {}, options);
    return { tasks: ((r.tasks as Params[]) ?? []).map(stateOf), nextCursor: r.nextCursor as string | undefined };
  }

  resume(taskId: string, options: TaskCallOptions = {}): Promise<CallToolResult> {
    const running = this.following.get(taskId);
    if (running) return running;
    return this.track(
      taskId,
      (async () => {
        const kept = (await this.pending()).find((r) => r.taskId === taskId);
        let first: Params;
        try {
          first = await this.client.request('tasks/get', { taskId }, { signal: options.signal });
        } catch (error) {
          throw await this.lost(taskId, error);
        }
        return this.poll(first, kept?.tool ?? '', options);
      })(),
    );
  }

  async pending(): Promise<TaskRecord[]> {
    return (await this.client.store?.get<TaskRecord[]>(tasksKey(this.client.url))) ?? [...this.memory.values()];
  }

  // ---- inside --------------------------------------------------------------------------

  private memory = new Map<string, TaskRecord>();

  private track(taskId: string, run: Promise<CallToolResult>): Promise<CallToolResult> {
    const done = run.finally(() => this.following.delete(taskId));
    this.following.set(taskId, done);
    return done;
  }

  /** Polls until the task ends; answers its input requests; cancels it on the server when the signal aborts. */
  private async poll(first: Params, tool: string, options: TaskCallOptions): Promise<CallToolResult> {
    const { signal } = options;
    const modern = this.client.era === 'modern';
    const taskId = first.taskId as string;
    const answered = new Set<string>();
    let t = first;
    let blocking: Promise<{ result: Params }> | undefined;
    let seen = '';
    let keep = false;
    let push: Push | undefined;
    try {
      for (let failures = 0; ;) {
        const status = t.status as TaskStatus;
        const state = { ...stateOf(t), tool };
        if (`${status} ${state.statusMessage}` !== seen) {
          seen = `${status} ${state.statusMessage}`;
          this.report(state, options);
        }
        if (status === 'cancelled')
          throw new McpAbortError(
            t.statusMessage ? `The task was cancelled: ${t.statusMessage}` : 'The task was cancelled',
          );
        if (modern) {
          if (status === 'completed') return t.result as unknown as CallToolResult;
          if (status === 'failed') throw errorOf(t.error, t.statusMessage);
          // Input this client cannot (or will not) give ends the task here and on the server.
          if (status === 'input_required')
            await this.answer(taskId, t.inputRequests as Params, answered, signal).catch((e) =>
              signal?.aborted
                ? Promise.reject(e)
                : this.cancel(taskId)
                    .catch(() => {})
                    .then(() => Promise.reject(e)),
            );
        } else if (status !== 'working' && !blocking) {
          // 2025-11-25: tasks/result waits for the end, and the server sends its questions meanwhile.
          blocking = this.client
            .request('tasks/result', { taskId }, { signal, timeout: 600_000 })
            .then((result) => ({ result }));
          blocking.catch(() => {});
        }
        const wait = sleep(Math.min(POLL.max, interval(t) * 2 ** failures), signal).then(() => undefined);
        // Pushed: once agreed, one tasks/get catches up on what changed before; then each push is the next status.
        // Undefined means "ask now": that catch-up, or the stream ended and polling takes over.
        let pushed: Params | undefined | false = false;
        if (modern) push ??= new Push(this.client, taskId); // not before the task is known to go on
        if (push && (await Promise.race([push.agreed(), wait]))) pushed = await push.next(signal);
        if (pushed) {
          t = pushed;
          continue;
        }
        const done = pushed === false && (await (blocking ? Promise.race([blocking, wait]) : wait));
        if (done) return done.result as unknown as CallToolResult;
        if (this.client.state === 'closed')
          throw new McpAbortError('The client was closed; the task goes on and a new client can resume it');
        try {
          t = await this.client.request('tasks/get', { taskId }, { signal });
          failures = 0;
        } catch (error) {
          if (!transient(error) || ++failures > POLL_RETRIES) throw await this.lost(taskId, error);
        }
      }
    } catch (error) {
      if (signal?.aborted) {
        // Cancelling is tasks/cancel in both flavours, never notifications/cancelled (SEP-2663).
        await this.cancel(taskId).catch(() => {});
        throw new McpAbortError('The task was cancelled');
      }
      // The network failed or this client closed (a reload): the task goes on, and its record stays to resume it.
      keep =
        transient(error) ||
        this.client.state === 'closed' ||
        (error instanceof McpAbortError && !TERMINAL.includes(t.status as string));
      throw error;
    } finally {
      push?.close();
      if (!keep) void this.drop(taskId);
    }
  }

  /** Answers the input requests not answered before (keys are unique over a task's life), then tells the server. */
  private async answer(
    taskId: string,
    requests: Params = {},
    answered: Set<string>,
    signal?: AbortSignal,
  ): Promise<void> {
    const inputResponses: Params = {};
    for (const [key, ask] of Object.entries(requests as Record<string, { method: string; params?: Params }>)) {
      if (answered.has(key)) continue;
      // A server that keeps asking (new keys every poll) is stopped: the person is not its answering machine.
      if (answered.size >= MAX_INPUTS)
        throw new McpError(`The task asked for input more than ${MAX_INPUTS} times; giving up on it`);
      answered.add(key);
      inputResponses[key] = await answerInput(this.client.options, ask?.method, ask?.params, {
        server: this.client.serverInfo,
        signal: signal ?? new AbortController().signal,
      });
    }
    if (Object.keys(inputResponses).length)
      await this.client.request('tasks/update', { taskId, inputResponses }, { signal });
  }

  /**
   * A tasks/get the server answers "unknown task" (-32602): the task is dropped with a readable note; any other error
   * passes through.
   */
  private async lost(taskId: string, error: unknown): Promise<unknown> {
    if (!unknownTask(error)) return error;
    await this.drop(taskId);
    const note = `The server no longer knows task ${taskId} (it expired or was lost): ${(error as Error).message}`;
    // Whoever lists the task (<mcp-client>'s running tasks) hears that it ended.
    this.client.dispatchEvent(
      new CustomEvent('task', { detail: { taskId, status: 'failed', statusMessage: note } satisfies TaskState }),
    );
    return new McpError(note);
  }

  private report(state: TaskState, options: TaskCallOptions): void {
    options.onTask?.(state);
    this.client.dispatchEvent(new CustomEvent('task', { detail: state }));
    if (!TERMINAL.includes(state.status))
      void this.update({ taskId: state.taskId, status: state.status, statusMessage: state.statusMessage });
  }

  /** Keeps (or updates) a task's record in the store, or in memory without one. */
  private update(r: Partial<TaskRecord> & { taskId: string }): Promise<void> {
    return this.edit((list) => {
      const old = list.find((x) => x.taskId === r.taskId);
      if (!old) return r.tool ? [...list, r as TaskRecord] : list; // no tool: it ended meanwhile
      return list.map((x) => (x === old ? { ...old, ...r } : x));
    });
  }

  private drop(taskId: string): Promise<void> {
    return this.edit((list) => list.filter((r) => r.taskId !== taskId));
  }

  /** Read-modify-write of the kept list, one edit at a time. */
  private edit(change: (list: TaskRecord[]) => TaskRecord[]): Promise<void> {
    const run = async () => {
      const list = change(await this.pending());
      this.memory = new Map(list.map((r) => [r.taskId, r]));
      const store = this.client.store;
      if (store)
        await (list.length ? store.set(tasksKey(this.client.url), list) : store.del(tasksKey(this.client.url)));
    };
    return (this.edits = this.edits.then(run, run));
  }
  private edits: Promise<void> = Promise.resolve();
}

/**
 * TK-15, the optional push of the 2026-07-28 tasks extension: a `subscriptions/listen` stream for one task, asking for
 * `taskIds` only. The acknowledgement says whether the server agreed (U-14): one that lists the task turns polling off;
 * one of this filter's shape without it (the server does not push task status), an error or the stream's end leave
 * it to polling.
 */
class Push {
  private state?: Promise<boolean>;
  private agree!: (on: boolean) => void;
  private queue: Params[] = [];
  private wake?: () => void;
  private caughtUp = false;
  private readonly stop = new AbortController();
  private readonly onNotification = (e: CustomEvent) => {
    const { method, params = {} } = e.detail as { method: string; params?: Params };
    if (method === 'notifications/subscriptions/acknowledged') {
      const agreed = (params.notifications ?? {}) as Params;
      if ((agreed.taskIds as string[] | undefined)?.includes(this.taskId)) this.agree(true);
      else if (Object.keys(agreed).every((k) => k === 'taskIds')) this.agree(false);
    } else if (method === 'notifications/tasks' && ((params.task ?? params) as Params).taskId === this.taskId) {
      this.queue.push((params.task ?? params) as Params);
      this.wake?.();
    }
  };

  constructor(
    private readonly client: TaskClient,
    private readonly taskId: string,
  ) {
    this.state = new Promise((resolve) => (this.agree = resolve));
    client.addEventListener('notification', this.onNotification);
    // The stream lasts as long as the task; the engine's overall cap (maxTotalTimeout) ends it at worst.
    client
      .request(
        'subscriptions/listen',
        { notifications: { taskIds: [taskId] } },
        {
          signal: this.stop.signal,
          timeout: 600_000,
        },
      )
      .catch(() => {})
      .finally(() => this.close());
  }

  /** Resolves true while the server pushes this task's status; false once it will not. */
  agreed(): Promise<boolean> {
    return this.state ?? Promise.resolve(false);
  }

  /**
   * The next pushed status; undefined to ask the server now (the catch-up after the acknowledgement, or the stream
   * ended).
   */
  async next(signal?: AbortSignal): Promise<Params | undefined> {
    if (!this.caughtUp) return void (this.caughtUp = true);
    while (!this.queue.length && this.state) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        signal?.addEventListener('abort', () => resolve(), { once: true });
      });
      if (signal?.aborted) throw new McpAbortError();
    }
    return this.queue.shift();
  }

  close(): void {
    if (!this.state) return;
    this.state = undefined;
    this.agree(false);
    this.stop.abort();
    this.client.removeEventListener('notification', this.onNotification);
    this.wake?.();
  }
}

/** The public view of a task from either flavour's result (`{task}` or the task itself). */
function stateOf(r: Params): TaskState {
  const t = (r.task ?? r) as Params;
  const s: TaskState = { taskId: t.taskId as string, status: t.status as TaskStatus };
  for (const k of ['statusMessage', 'createdAt', 'lastUpdatedAt'] as const)
    if (typeof t[k] === 'string') s[k] = t[k] as string;
  return s;
}

/** A failed task's JSON-RPC error as the error a plain call would have thrown. */
function errorOf(error: unknown, message?: unknown): McpProtocolError {
  const e = (error ?? {}) as { code?: unknown; message?: unknown; data?: unknown };
  return new McpProtocolError(
    typeof e.code === 'number' ? e.code : -32603,
    String(e.message ?? message ?? 'The task failed'),
    e.data,
  );
}
