// Tool calls the server runs as tasks, from <mcp-tool-form> inside <mcp-client>, against real servers:
// the 2026-07-28 tasks extension on the modern fixture (official 2.x server, servers/tasks-modern.mjs)
// and the 2025-11-25 flavour on server-everything 2026.8.31 (its simulate-research-query tool).
// Everything is found by role and accessible name; what the server saw comes from its own task_log tool.
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import type { McpToolForm } from '../../src/components/mcp-tool-form/mcp-tool-form.js';
import { McpClient, type KeyValueStore, type TaskRecord } from '../../src/client.js';
import {
  buttonNamed,
  connectedClient,
  controlByLabel,
  firstText,
  formOf,
  freshStore,
  servers,
  typeInto,
  widget,
} from '../helpers.js';

const shadow = (el: Element) => el.shadowRoot!;

/** The tool form shown in the widget, once its fields are there. */
async function shownForm(el: McpClientElement, tool?: string): Promise<McpToolForm> {
  const shown = () => shadow(el).querySelector<McpToolForm>('mcp-tool-form');
  await waitUntil(
    () => (!tool || shown()?.tool === tool) && shown()?.shadowRoot?.querySelector('mcp-schema-form'),
    `${tool ?? 'tool'} form shown`,
    { timeout: 10_000 },
  );
  const form = shown()!;
  await formOf(form).updateComplete;
  return form;
}

/** Picks a tool in the widget's list by its visible name, as a person would. */
async function openTool(el: McpClientElement, label: string): Promise<McpToolForm> {
  const list = shadow(el).querySelector('mcp-tool-list')!;
  const button = () => [...list.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes(label));
  await waitUntil(button, `${label} listed`, { timeout: 10_000 });
  button()!.click();
  return shownForm(el, /^[\w-]+$/.test(label) ? label : undefined);
}

const statusLine = (form: McpToolForm) =>
  form.shadowRoot!.querySelector('[part=task][role=status]')?.textContent?.trim() ?? '';
const resultText = (form: McpToolForm) =>
  form.shadowRoot!.querySelector('mcp-result-view')?.shadowRoot?.textContent ?? '';
const errorText = (form: McpToolForm) => form.shadowRoot!.querySelector('[part=error][role=alert]')?.textContent ?? '';

/** Every open dialog's shadow root and accessible name (aria-labelledby). */
function openDialog(host: McpClientElement): { root: ShadowRoot; name: string } | undefined {
  for (const d of shadow(host).querySelectorAll('mcp-elicitation-dialog')) {
    const dialog = shadow(d).querySelector('dialog[open]');
    if (!dialog) continue;
    const name = dialog
      .getAttribute('aria-labelledby')!
      .split(' ')
      .map((id) => shadow(d).getElementById(id)!.textContent!.trim())
      .join(' ');
    return { root: shadow(d), name };
  }
  return undefined;
}

/** Waits until the store keeps no task for this server (the record goes once the task ended). */
const noKeptTasks = (client: McpClient, url: string) =>
  waitUntil(
    async () => (await client.store!.flush(), (await client.store!.get(`mcp-tasks:${url}`)) === undefined),
    'no task kept',
  );

/**
 * The task the client keeps for this server, once its store has it (the record is written just after the first status).
 */
async function keptTask(client: McpClient, url: string): Promise<TaskRecord> {
  const kept = () => client.store!.get<TaskRecord[]>(`mcp-tasks:${url}`);
  await waitUntil(async () => (await client.store!.flush(), (await kept())?.length), 'the task kept', {
    timeout: 10_000,
  });
  return (await kept())![0];
}

/** Types arguments into the tool form's fields, found by their labels, as a person would. */
function fill(form: McpToolForm, fields: Record<string, string | number>): void {
  for (const [label, value] of Object.entries(fields)) typeInto(controlByLabel(formOf(form), label), String(value));
}

const run = (form: McpToolForm) => buttonNamed(form.shadowRoot!, 'Run').click();

/**
 * A widget on `store` that runs long_job with these arguments as a task, once the form's status starts with `status`
 * and the store keeps the task: where a page stands before it is cancelled or reloaded.
 */
async function startLongJob(url: string, store: KeyValueStore, fields: Record<string, number>, status = 'Working') {
  const el = await widget(url, { store });
  const form = await openTool(el, 'long_job');
  fill(form, fields);
  run(form);
  await waitUntil(() => statusLine(form).startsWith(status), 'task working', { timeout: 10_000 });
  return { el, form, kept: await keptTask(el.client!, url) };
}

/** What the modern fixture's task server saw. */
async function taskLog(url: string): Promise<{
  created: string[];
  gets: number;
  askedAgain: number;
  misrouted: unknown[];
  updates: { taskId: string; inputResponses: Record<string, unknown> }[];
  cancelled: string[];
}> {
  const probe = new McpClient({ url });
  await probe.connect();
  try {
    return JSON.parse(firstText(await probe.callTool('task_log', {})));
  } finally {
    await probe.close();
  }
}

/** Records every status line the form shows while `until` is pending. */
async function statusesWhile(form: McpToolForm, until: () => unknown): Promise<string[]> {
  const seen: string[] = [];
  await waitUntil(
    () => {
      const s = statusLine(form);
      if (s && seen.at(-1) !== s) seen.push(s);
      return until();
    },
    'the task ended',
    { timeout: 20_000, interval: 20 },
  );
  return seen;
}

describe('tasks from <mcp-tool-form>, 2026-07-28 extension (modern fixture)', () => {
  it('a tool the server runs as a task goes from Run to its result; the status line shows the server’s status and message', async () => {
    const url = (await servers()).modern;
    const el = await widget(url);
    const form = await openTool(el, 'long_job');
    fill(form, { steps: 4, stepMs: 150 });
    const before = (await taskLog(url)).created.length;
    run(form);
    const seen = await statusesWhile(form, () => resultText(form).includes('done after 4 steps'));
    expect(
      seen.some((s) => /^Working — step \d of 4$/.test(s)),
      seen.join(' | '),
    ).to.equal(true);
    expect(statusLine(form)).to.equal('Completed — All steps done');
    expect((await taskLog(url)).created.length).to.equal(before + 1);
  });

  it('input_required is answered through the real elicitation dialog (once, however many polls), with tasks/update; the task completes', async () => {
    const url = (await servers()).modern;
    const el = await widget(url);
    const form = await openTool(el, 'long_job');
    fill(form, { steps: 2, stepMs: 100 });
    // The server takes 600 ms to show the answer: several polls still list the same input request.
    typeInto(controlByLabel(formOf(form), 'ackLagMs'), '600');
    controlByLabel(formOf(form), 'ask').click();
    let asked = 0;
    el.addEventListener('mcp-elicitation-request', () => asked++);
    const askedAgainBefore = (await taskLog(url)).askedAgain;
    run(form);
    await waitUntil(() => openDialog(el), 'the elicitation dialog', { timeout: 10_000 });
    const dialog = openDialog(el)!;
    expect(dialog.name).to.equal('modern-fixture asks for information');
    expect(statusLine(form)).to.equal('Waiting for your input — Waiting for your name');
    typeInto(controlByLabel(dialog.root.querySelector('mcp-schema-form')!, 'Your name'), 'Ada');
    buttonNamed(dialog.root, 'Submit').click();
    await waitUntil(() => resultText(form).includes('Hello, Ada! (2 steps)'), 'result with the answer', {
      timeout: 10_000,
    }).catch(async (e) => {
      throw new Error(
        `${e.message}: status=${statusLine(form)} error=${errorText(form)} result=${resultText(form).slice(0, 200)} log=${JSON.stringify(await taskLog(url))}`,
      );
    });
    const log = await taskLog(url);
    const mine = log.updates.filter((u) => u.taskId === log.created.at(-1));
    expect(log.askedAgain - askedAgainBefore, 'polls listed the answered request again').to.be.at.least(1);
    expect(asked, 'the same input request was shown once').to.equal(1);
    expect(mine).to.have.length(1);
    expect(Object.values(mine[0].inputResponses)).to.deep.equal([{ action: 'accept', content: { name: 'Ada' } }]);
    expect(openDialog(el)).to.equal(undefined);
  });

  it('Cancel sends tasks/cancel (the server sees it) and forgets the task; what was typed stays', async () => {
    const url = (await servers()).modern;
    const store = freshStore('mcp-tasks-test');
    const { el, form, kept } = await startLongJob(url, store, { steps: 100, stepMs: 200 });
    buttonNamed(form.shadowRoot!, 'Cancel').click();
    await waitUntil(() => errorText(form).includes('Cancelled'), 'cancelled');
    await waitUntil(async () => (await taskLog(url)).cancelled.includes(kept.taskId), 'the server saw tasks/cancel', {
      timeout: 10_000,
    });
    await noKeptTasks(el.client!, url);
    expect(controlByLabel(formOf(form), 'steps').value).to.equal('100');
  });

  it('a reload in the middle: a new widget on the same store lists the task, and its form follows the same task id to the result', async () => {
    const url = (await servers()).modern;
    const store = freshStore('mcp-tasks-test');
    const { el: first, kept } = await startLongJob(url, store, { steps: 10, stepMs: 250 }, 'Working — step');
    const created = (await taskLog(url)).created.length;
    first.remove(); // the page goes away: its client closes, the task goes on on the server

    const second = await widget(url, { store });
    await waitUntil(() => shadow(second).querySelector('[part=tasks]'), 'running tasks listed', { timeout: 10_000 });
    const section = shadow(second).querySelector('[part=tasks]')!;
    expect(section.getAttribute('aria-label')).to.equal('Running tasks');
    expect(section.textContent).to.contain('long_job').and.contain('Working');
    const form = await shownForm(second);
    await waitUntil(() => statusLine(form), 'the resumed form shows the task status');
    await expect(second).to.be.accessible();
    await waitUntil(() => resultText(form).includes('done after 10 steps'), 'the resumed task’s result', {
      timeout: 15_000,
    });
    const log = await taskLog(url);
    expect(log.created.length, 'no new task was started').to.equal(created);
    expect(log.created).to.include(kept.taskId);
    await waitUntil(() => !shadow(second).querySelector('[part=tasks]'), 'the ended task leaves the list');
    await noKeptTasks(second.client!, url);
  });

  it('opening another tool does not cancel a running task: back on its tool, the form shows its status and result', async () => {
    const url = (await servers()).modern;
    const el = await widget(url);
    let form = await openTool(el, 'long_job');
    fill(form, { steps: 8, stepMs: 250 });
    run(form);
    await waitUntil(() => statusLine(form).startsWith('Working — step'), 'task working', { timeout: 10_000 });
    const taskId = (await taskLog(url)).created.at(-1);
    await openTool(el, 'echo');
    form = await openTool(el, 'long_job');
    await waitUntil(() => statusLine(form).startsWith('Working — step'), 'its status on the new form', {
      timeout: 10_000,
    });
    await waitUntil(() => resultText(form).includes('done after 8 steps'), 'its result', { timeout: 10_000 });
    expect((await taskLog(url)).cancelled).not.to.include(taskId);
  });

  it('a secret field (apiKey) is sent with the call but not kept with the task in the store', async () => {
    const url = (await servers()).modern;
    const el = await widget(url);
    const form = await openTool(el, 'long_job');
    fill(form, { steps: 3, stepMs: 300, apiKey: 's3cret-value' });
    run(form);
    const kept = await keptTask(el.client!, url);
    expect(kept.arguments).to.include({ steps: 3, stepMs: 300 });
    expect(kept.arguments).to.not.have.property('apiKey');
    await waitUntil(() => resultText(form).includes('done after 3 steps'), 'its result', { timeout: 10_000 });
  });

  it('a task that fails shows the server’s JSON-RPC error as the call’s error', async () => {
    const el = await widget((await servers()).modern);
    const form = await openTool(el, 'long_job');
    fill(form, { steps: 1, stepMs: 50 });
    controlByLabel(formOf(form), 'fail').click();
    run(form);
    await waitUntil(() => errorText(form).includes('The job failed on step 1'), 'error shown', { timeout: 10_000 });
    expect(statusLine(form)).to.equal('Failed — It broke');
  });
});

describe('a missing client capability (-32021)', () => {
  it('names the capability the server requires, in words, and leaves the form usable', async () => {
    const el = await widget((await servers()).modern);
    const form = await openTool(el, 'needs_extension');
    run(form);
    await waitUntil(() => errorText(form).includes('com.example/telepathy'), 'error shown', { timeout: 10_000 });
    expect(errorText(form)).to.contain('The server needs a capability this client does not have');
    expect(buttonNamed(form.shadowRoot!, 'Run').disabled).to.equal(false);
  });
});

describe('tasks, 2026-07-28 extension: the client API', () => {
  let client: McpClient;
  beforeEach(async () => (client = await connectedClient('modern', { store: freshStore('mcp-tasks-test') })));
  afterEach(() => client.close());

  it('declares the extension in every request; callTool resolves with the final CallToolResult and reports each status to onTask', async () => {
    const statuses: string[] = [];
    const result = await client.callTool(
      'long_job',
      { steps: 2, stepMs: 50 },
      { onTask: (t) => statuses.push(t.status) },
    );
    expect(firstText(result)).to.equal('done after 2 steps');
    expect(statuses[0]).to.equal('working');
    expect(statuses.at(-1)).to.equal('completed');
    // Every tasks/get, tasks/update and tasks/cancel this file sent so far carried Mcp-Name = its task id.
    const log = await taskLog((await servers()).modern);
    expect(log.gets).to.be.greaterThan(0);
    expect(log.misrouted).to.deep.equal([]);
  });

  for (const hostile of [0, -5]) {
    it(`a hostile pollIntervalMs (${hostile}) is held to the floor: no flood of tasks/get`, async () => {
      const url = (await servers()).modern;
      /** The tasks/get the server saw while the same job ran, asking for `pollIntervalMs`. */
      const getsFor = async (pollIntervalMs: number) => {
        const before = (await taskLog(url)).gets;
        await client.callTool('long_job', { steps: 3, stepMs: 200, pollIntervalMs });
        return (await taskLog(url)).gets - before;
      };
      const atFloor = await getsFor(200);
      // No more polls than a server asking for the 200 ms floor itself gets (give or take a round); a 0 ms loop would
      // make hundreds.
      expect(await getsFor(hostile)).to.be.at.most(2 * atFloor + 2);
    });
  }

  it('input the client cannot give (no elicitation handler) fails the call clearly and cancels the task on the server', async () => {
    const url = (await servers()).modern;
    const seen: string[] = [];
    const error = await client
      .callTool('long_job', { steps: 2, stepMs: 50, ask: true }, { onTask: (t) => seen.push(t.taskId) })
      .catch((e) => e);
    expect(error.message).to.contain('Elicitation is not supported');
    expect((await taskLog(url)).cancelled).to.include(seen[0]);
  });

  it('an unknown task id is dropped with a readable note, not an error loop', async () => {
    const tasks = await client.tasks();
    const error = await tasks.resume('no-such-task').catch((e) => e);
    expect(error.message).to.match(/no longer knows task no-such-task/);
    expect(await tasks.pending()).to.deep.equal([]);
  });

  it('tasks/list is not part of the extension: a clear error', async () => {
    const error = await (await client.tasks()).list().catch((e) => e);
    expect(error.message).to.contain('no tasks/list');
  });
});

describe('tasks from <mcp-tool-form>, 2025-11-25 flavour (server-everything)', () => {
  it('a taskSupport "required" tool runs as a task; the clarification it asks for goes through the real elicitation dialog; the report arrives', async () => {
    const el = await widget((await servers()).everythingHttp);
    const form = await openTool(el, 'Simulate Research Query');
    typeInto(controlByLabel(formOf(form), 'topic'), 'python');
    controlByLabel(formOf(form), 'ambiguous').click();
    run(form);
    await waitUntil(() => statusLine(form).startsWith('Working'), 'task working', { timeout: 10_000 });
    await waitUntil(() => openDialog(el), 'the elicitation dialog', { timeout: 15_000 });
    const dialog = openDialog(el)!;
    const choice = controlByLabel<HTMLSelectElement>(dialog.root.querySelector('mcp-schema-form')!, 'Clarification');
    choice.value = [...choice.options].find((o) => o.textContent!.includes('snake'))!.value;
    choice.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    buttonNamed(dialog.root, 'Submit').click();
    await waitUntil(() => resultText(form).includes('Research Report: python (snake)'), 'the report', {
      timeout: 20_000,
    });
  });
});

describe('tasks, 2025-11-25 flavour (server-everything): cancel and reload', () => {
  it('Cancel sends tasks/cancel: the server reports the task cancelled', async () => {
    const url = (await servers()).everythingHttp;
    const el = await widget(url);
    const form = await openTool(el, 'Simulate Research Query');
    typeInto(controlByLabel(formOf(form), 'topic'), 'tides');
    run(form);
    await waitUntil(() => statusLine(form).startsWith('Working'), 'task working', { timeout: 10_000 });
    const { taskId } = await keptTask(el.client!, url);
    buttonNamed(form.shadowRoot!, 'Cancel').click();
    await waitUntil(() => errorText(form).includes('Cancelled'), 'cancelled');
    // Asked on the same session: the server's own view of the task.
    await waitUntil(
      async () => (await (await el.client!.tasks()).get(taskId)).status === 'cancelled',
      'the server has it cancelled',
      { timeout: 10_000 },
    );
  });

  it('a reload in the middle: the kept session and task id are taken up by a new widget, which shows the report', async () => {
    const url = (await servers()).everythingHttp;
    const store = freshStore('mcp-tasks-test');
    const first = new McpClient({ url, store, onElicitation: async () => ({ action: 'decline' }) });
    await first.connect();
    await first.listTools();
    const statuses: string[] = [];
    const abandoned = first
      .callTool('simulate-research-query', { topic: 'tides' }, { onTask: (t) => statuses.push(t.status) })
      .catch((e) => e);
    await waitUntil(() => statuses.includes('working'), 'task working', { timeout: 10_000 });
    const kept = await keptTask(first, url);
    await first.detach(); // as a reload does: the session stays on the server and in the store
    expect((await abandoned).name).to.equal('McpAbortError');

    const second = await widget(url, { store });
    const form = await shownForm(second);
    await waitUntil(() => resultText(form).includes('Research Report: tides'), 'the resumed task’s report', {
      timeout: 20_000,
    });
    expect(second.client!.state).to.equal('ready');
    await noKeptTasks(second.client!, url);
    expect(kept.tool).to.equal('simulate-research-query');
  });
});

describe('tasks kept across reloads: finished and unknown ones', () => {
  it('a task that finished while the page was away shows its result once, then is gone', async () => {
    const url = (await servers()).modern;
    const store = freshStore('mcp-tasks-test');
    const { el: first, kept } = await startLongJob(url, store, { steps: 2, stepMs: 300 });
    first.remove();
    // Meanwhile the server finishes it (asked by another client: the extension keys tasks by id alone).
    const probe = new McpClient({ url });
    await probe.connect();
    await waitUntil(
      async () => (await (await probe.tasks()).get(kept.taskId)).status === 'completed',
      'finished on the server',
      { timeout: 10_000 },
    );
    await probe.close();

    const second = await widget(url, { store });
    const shown = await shownForm(second);
    await waitUntil(() => resultText(shown).includes('done after 2 steps'), 'the result, shown once', {
      timeout: 10_000,
    });
    await noKeptTasks(second.client!, url);
    second.remove();
    const third = await widget(url, { store });
    await third.updateComplete;
    expect(shadow(third).querySelector('[part=tasks]')).to.equal(null);
    expect(shadow(third).querySelector('mcp-tool-form')).to.equal(null);
  });

  it('a kept task the server does not know (expired) is dropped with a readable note, not an error loop', async () => {
    const url = (await servers()).modern;
    const store = freshStore('mcp-tasks-test');
    // What an earlier page kept of a task the server has since purged.
    await store.set(`mcp-tasks:${url}`, [
      { taskId: 'expired-task', tool: 'long_job', arguments: {}, at: Date.now() - 86_400_000, status: 'working' },
    ]);
    const el = await widget(url, { store });
    const form = await shownForm(el);
    await waitUntil(() => errorText(form).includes('no longer knows task expired-task'), 'a readable note', {
      timeout: 10_000,
    });
    await waitUntil(() => !shadow(el).querySelector('[part=tasks]'), 'not listed as running');
    await noKeptTasks(el.client!, url);
  });
});
