// Demo page logic: a hand-written UI around the headless McpClient (connect, tools, resources, prompts,
// progress, log) with inline <dialog>s answering sampling and elicitation. Server data only ever goes through textContent.

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('data-') || k.startsWith('aria-')) node.setAttribute(k, v);
    else node[k] = v;
  }
  node.append(...children.filter((c) => c != null));
  return node;
};

let McpClient;
let samplingRejected;
try {
  ({ McpClient, samplingRejected } = await import('/dist/client.js'));
} catch (e) {
  showConnError(`Could not load /dist/client.js (${e.message}). Run "npm run build" first, or use "npm start".`);
  $('connect').disabled = true;
}

/** @type {import('../dist/types/client').McpClient | undefined} */
let client;
let tools = [];
let selected;
let running;

// ---- initial server URL: ?url=… wins, then /demo-config.json from `npm start` ----------------

const urlInput = $('url');
const fromQuery = new URLSearchParams(location.search).get('url');
if (fromQuery) urlInput.value = fromQuery;
else {
  try {
    const config = await (await fetch('/demo-config.json', { cache: 'no-store' })).json();
    if (typeof config.mcpUrl === 'string') urlInput.value = config.mcpUrl;
  } catch { /* served some other way: the person types a URL */ }
}

// ---- connection -----------------------------------------------------------------------------

$('connect-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  await disconnect();
  showConnError('');
  const url = urlInput.value.trim();
  client = new McpClient({
    url,
    clientInfo: { name: 'mcp-elements-demo-page', version: '0.1.0' },
    onSampling,
    onElicitation,
  });
  const current = client;
  current.addEventListener('statechange', () => current === client && renderState());
  current.addEventListener('log', (e) => logLine(e.detail.level ?? 'info', `${e.detail.logger ? `${e.detail.logger}: ` : ''}${asText(e.detail.data)}`));
  current.addEventListener('notification', (e) => {
    const m = e.detail;
    if (m.method === 'notifications/message') return; // shown by the log listener
    const p = m.method === 'notifications/progress'
      ? ` ${m.params.progress}${m.params.total != null ? `/${m.params.total}` : ''}${m.params.message ? ` ${m.params.message}` : ''}` : '';
    logLine('notice', `${m.method}${p}`);
  });
  current.addEventListener('toolschanged', () => current === client && loadLists());
  current.addEventListener('error', (e) => logLine('error', e.detail?.message ?? String(e.detail)));

  renderState();
  logLine('client', `Connecting to ${url}`);
  try {
    await current.connect();
    if (current !== client) return;
    logLine('client', `Connected: ${current.era} era, protocol ${current.protocolVersion ?? '?'}`);
    renderState();
    await loadLists();
  } catch (e) {
    if (current !== client) return;
    showConnError(`Could not connect: ${e.message}`);
    logLine('error', e.message);
    renderState();
  }
});

$('disconnect').addEventListener('click', () => disconnect());

async function disconnect() {
  const old = client;
  if (!old) return;
  client = undefined;
  running?.abort();
  await old.close().catch(() => {});
  logLine('client', 'Disconnected');
  tools = [];
  selectTool(undefined);
  for (const id of ['tools', 'resources', 'prompts']) $(id).replaceChildren(el('li', { class: 'muted empty', text: '–' }));
  $('tool-count').textContent = '';
  renderState(old);
}

function renderState(c = client) {
  const state = c?.state ?? 'idle';
  const badge = $('state');
  badge.textContent = state;
  badge.dataset.state = state;
  $('era').textContent = c?.era ? `${c.era}${c.protocolVersion ? ` (${c.protocolVersion})` : ''}` : '–';
  const info = c?.serverInfo;
  $('server-info').textContent = info ? `${info.title ?? info.name} ${info.version ?? ''}`.trim() : '–';
  const live = !!client && ['connecting', 'ready', 'reconnecting'].includes(state);
  $('disconnect').disabled = !live;
  $('connect').textContent = live ? 'Reconnect' : 'Connect';
  updateRunButtons();
}

function showConnError(message) {
  const p = $('conn-error');
  p.textContent = message;
  p.hidden = !message;
}

// ---- lists ----------------------------------------------------------------------------------

async function loadLists() {
  const c = client;
  if (!c) return;
  const caps = c.serverCapabilities ?? {};
  const [t, r, p] = await Promise.allSettled([
    caps.tools ? c.listTools() : Promise.resolve([]),
    caps.resources ? c.listResources() : Promise.resolve([]),
    caps.prompts ? c.listPrompts() : Promise.resolve([]),
  ]);
  if (c !== client) return;
  for (const [name, res] of [['tools', t], ['resources', r], ['prompts', p]]) {
    if (res.status === 'rejected') logLine('error', `Listing ${name} failed: ${res.reason?.message}`);
  }
  tools = t.value ?? [];
  renderTools();
  renderResources(r.value ?? []);
  renderPrompts(p.value ?? []);
}

function renderTools() {
  const list = $('tools');
  $('tool-count').textContent = tools.length ? `(${tools.length})` : '';
  if (!tools.length) return list.replaceChildren(el('li', { class: 'muted empty', text: 'This server has no tools.' }));
  list.replaceChildren(...tools.map((tool) => {
    const a = tool.annotations ?? {};
    const button = el('button', { type: 'button', class: 'item', 'data-name': tool.name, 'aria-pressed': String(tool.name === selected?.name) },
      el('span', { class: 'item-name', text: tool.title ?? a.title ?? tool.name }),
      a.destructiveHint === true ? el('span', { class: 'tag danger', text: 'destructive' }) : null,
      a.readOnlyHint === true ? el('span', { class: 'tag', text: 'read-only' }) : null,
      el('span', { class: 'item-desc muted', text: tool.description ?? '' }));
    button.addEventListener('click', () => selectTool(tool));
    return el('li', {}, button);
  }));
  if (selected) selectTool(tools.find((x) => x.name === selected.name));
}

function renderResources(resources) {
  const list = $('resources');
  if (!resources.length) return list.replaceChildren(el('li', { class: 'muted empty', text: 'No resources.' }));
  list.replaceChildren(...resources.map((res) => {
    const button = el('button', { type: 'button', class: 'item' },
      el('span', { class: 'item-name', text: res.title ?? res.name }),
      el('span', { class: 'item-desc muted', text: `${res.uri}${res.mimeType ? ` · ${res.mimeType}` : ''}` }));
    button.setAttribute('aria-label', `Read resource ${res.title ?? res.name}`);
    button.addEventListener('click', () => runAction(`Read ${res.uri}`, (signal) => client.readResource(res.uri, { signal }).then(renderReadResult)));
    return el('li', {}, button);
  }));
}

function renderPrompts(prompts) {
  const list = $('prompts');
  if (!prompts.length) return list.replaceChildren(el('li', { class: 'muted empty', text: 'No prompts.' }));
  list.replaceChildren(...prompts.map((prompt) => {
    const args = prompt.arguments ?? [];
    const button = el('button', { type: 'button', class: 'item' },
      el('span', { class: 'item-name', text: prompt.title ?? prompt.name }),
      el('span', { class: 'item-desc muted', text: `${prompt.description ?? ''}${args.length ? ` · args: ${args.map((x) => x.name + (x.required ? '*' : '')).join(', ')}` : ''}` }));
    button.setAttribute('aria-label', `Get prompt ${prompt.title ?? prompt.name}`);
    button.addEventListener('click', async () => {
      const values = await askPromptArgs(prompt);
      if (!values) return;
      runAction(`Get prompt ${prompt.name}`, (signal) => client.getPrompt(prompt.name, values, { signal }).then(renderPromptResult));
    });
    return el('li', {}, button);
  }));
}

// ---- running tools --------------------------------------------------------------------------

/** Friendly starting arguments for the demo server's tools; other tools get a skeleton from their schema. */
const PRESETS = {
  echo: { message: 'Hello, MCP!' },
  add: { a: 2, b: 40 },
  get_weather: { city: 'Lisbon' },
  countdown: { from: 5 },
  summarize: { text: 'The Model Context Protocol lets applications give language models tools, resources and prompts through one open protocol, over stdio or HTTP.' },
  book_table: { restaurant: 'Chez Panisse' },
  delete_note: { id: 'welcome' },
};

function skeleton(schema) {
  const out = {};
  for (const [k, p] of Object.entries(schema?.properties ?? {})) {
    if (p.default !== undefined) out[k] = p.default;
    else if (Array.isArray(p.enum)) out[k] = p.enum[0];
    else out[k] = { number: 0, integer: 0, boolean: false, array: [], object: {} }[p.type] ?? '';
  }
  return out;
}

function selectTool(tool) {
  selected = tool;
  for (const b of $('tools').querySelectorAll('button.item')) {
    b.setAttribute('aria-pressed', String(b.dataset.name === tool?.name));
  }
  $('tool-name').textContent = tool ? tool.name : 'Choose a tool from the list.';
  $('tool-name').classList.toggle('muted', !tool);
  $('tool-desc').textContent = tool?.description ?? '';
  const args = $('args');
  if (tool && args.dataset.tool !== tool.name) {
    args.value = JSON.stringify(PRESETS[tool.name] ?? skeleton(tool.inputSchema), null, 2);
    args.dataset.tool = tool.name;
  }
  if (!tool) delete args.dataset.tool;
  $('args-error').hidden = true;
  updateRunButtons();
}

function updateRunButtons() {
  const ready = client?.state === 'ready';
  $('args').disabled = !selected;
  $('run').disabled = !ready || !selected || !!running;
  $('cancel').disabled = !running;
}

$('run-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!selected || !client) return;
  let args;
  try {
    args = JSON.parse($('args').value || '{}');
    if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new Error('Arguments must be a JSON object');
  } catch (e) {
    const p = $('args-error');
    p.textContent = `Invalid JSON: ${e.message}`;
    p.hidden = false;
    $('args').focus();
    return;
  }
  $('args-error').hidden = true;
  const tool = selected;
  if (tool.annotations?.destructiveHint === true && !(await confirmDestructive(tool))) return;
  runAction(`Call ${tool.name}`, (signal) => client.callTool(tool.name, args, { signal, onProgress: showProgress }).then(renderToolResult));
});

$('cancel').addEventListener('click', () => running?.abort());

async function runAction(label, action) {
  if (!client || running) return;
  const controller = new AbortController();
  running = controller;
  updateRunButtons();
  $('result').replaceChildren(el('p', { class: 'muted', text: `${label}…` }));
  $('result').setAttribute('aria-busy', 'true');
  logLine('client', label);
  const started = performance.now();
  try {
    await action(controller.signal);
    logLine('client', `${label}: done in ${Math.round(performance.now() - started)} ms`);
  } catch (e) {
    if (controller.signal.aborted) {
      $('result').replaceChildren(el('p', { class: 'muted', text: 'Cancelled.' }));
      logLine('client', `${label}: cancelled`);
    } else {
      $('result').replaceChildren(el('p', { class: 'error', text: `${e.name ?? 'Error'}: ${e.message}` }));
      logLine('error', `${label}: ${e.message}`);
    }
  } finally {
    running = undefined;
    $('result').removeAttribute('aria-busy');
    $('progress-box').hidden = true;
    updateRunButtons();
  }
}

function showProgress(p) {
  const box = $('progress-box');
  const bar = $('progress');
  box.hidden = false;
  if (typeof p.total === 'number' && p.total > 0) {
    bar.max = p.total;
    bar.value = p.progress;
  } else bar.removeAttribute('value');
  $('progress-text').textContent = `${p.progress}${p.total != null ? ` / ${p.total}` : ''}${p.message ? ` — ${p.message}` : ''}`;
}

// ---- rendering results (textContent only; images only as checked data: URLs) ---------------

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function imageNode(mimeType, data, alt) {
  if (!IMAGE_TYPES.has(mimeType) || typeof data !== 'string' || !BASE64.test(data)) {
    return el('p', { class: 'muted', text: `[image of type ${mimeType} not shown]` });
  }
  return el('img', { src: `data:${mimeType};base64,${data}`, alt: alt ?? 'Image from the server', class: 'content-image' });
}

function contentNode(block) {
  switch (block?.type) {
    case 'text': return el('pre', { class: 'text', text: block.text });
    case 'image': return imageNode(block.mimeType, block.data, 'Image returned by the tool');
    case 'audio': return el('p', { class: 'muted', text: `[audio: ${block.mimeType}]` });
    case 'resource_link': return el('p', {}, el('span', { class: 'tag', text: 'link' }), ' ', el('code', { text: block.uri }), block.name ? ` ${block.name}` : '');
    case 'resource': return resourceNode(block.resource);
    default: return el('pre', { class: 'text', text: JSON.stringify(block, null, 2) });
  }
}

function resourceNode(r) {
  const head = el('p', { class: 'muted' }, el('code', { text: r.uri }), r.mimeType ? ` · ${r.mimeType}` : '');
  if (typeof r.text === 'string') return el('div', {}, head, el('pre', { class: 'text', text: r.text }));
  if (typeof r.blob === 'string') {
    if (IMAGE_TYPES.has(r.mimeType)) return el('div', {}, head, imageNode(r.mimeType, r.blob, `Resource ${r.uri}`));
    return el('div', {}, head, el('p', { class: 'muted', text: `[binary, about ${Math.floor((r.blob.length * 3) / 4)} bytes]` }));
  }
  return el('div', {}, head);
}

function renderToolResult(result) {
  const nodes = [];
  if (result.isError) nodes.push(el('p', { class: 'error', text: 'The tool reported an error:' }));
  for (const block of result.content ?? []) nodes.push(contentNode(block));
  if (result.structuredContent !== undefined) {
    nodes.push(el('details', {}, el('summary', { text: 'structuredContent' }), el('pre', { class: 'text', text: JSON.stringify(result.structuredContent, null, 2) })));
  }
  if (!nodes.length) nodes.push(el('p', { class: 'muted', text: '(empty result)' }));
  $('result').replaceChildren(el('div', { class: result.isError ? 'is-error' : '' }, ...nodes));
}

function renderReadResult(result) {
  $('result').replaceChildren(...(result.contents ?? []).map(resourceNode));
}

function renderPromptResult(result) {
  const nodes = (result.messages ?? []).map((m) => messageNode(m));
  if (result.description) nodes.unshift(el('p', { class: 'muted', text: result.description }));
  $('result').replaceChildren(...nodes);
}

function messageNode(m) {
  const blocks = Array.isArray(m.content) ? m.content : [m.content];
  return el('div', { class: `message ${m.role}` }, el('span', { class: 'role', text: m.role }), ...blocks.map(contentNode));
}

// ---- the log --------------------------------------------------------------------------------

function asText(data) {
  return typeof data === 'string' ? data : JSON.stringify(data);
}

function logLine(kind, message) {
  const list = $('log');
  const time = new Date().toLocaleTimeString();
  list.append(el('li', { 'data-kind': kind }, el('time', { text: time }), el('span', { class: 'kind', text: kind }), el('span', { text: message })));
  while (list.children.length > 300) list.firstElementChild.remove();
  list.scrollTop = list.scrollHeight;
}
$('clear-log').addEventListener('click', () => $('log').replaceChildren());

// ---- dialogs: one at a time ----------------------------------------------------------------

let dialogQueue = Promise.resolve();
/** Runs `show` after any dialog already open has closed. */
function queued(show) {
  const next = dialogQueue.then(show, show);
  dialogQueue = next.catch(() => {});
  return next;
}

/** Shows `dialog` until it closes; resolves to its returnValue ('' on Escape or when `signal` aborts). */
function showDialog(dialog, signal) {
  return new Promise((resolve) => {
    dialog.returnValue = '';
    const onAbort = () => dialog.close('');
    signal?.addEventListener('abort', onAbort, { once: true });
    dialog.addEventListener('close', () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(dialog.returnValue);
    }, { once: true });
    dialog.showModal();
  });
}

function onSampling(params, { server, signal }) {
  return queued(async () => {
    if (signal.aborted) throw new Error('Cancelled by the server');
    const dialog = $('sampling-dialog');
    $('sampling-server').textContent = server?.title ?? server?.name ?? 'The server';
    const system = $('sampling-system');
    system.hidden = !params.systemPrompt;
    system.textContent = params.systemPrompt ? `System prompt: ${params.systemPrompt}` : '';
    $('sampling-messages').replaceChildren(...(params.messages ?? []).map(messageNode));
    const reply = $('sampling-reply');
    reply.value = '';
    const rejectButton = $('sampling-reject');
    const onReject = () => dialog.close('reject');
    rejectButton.addEventListener('click', onReject);
    logLine('input', 'Sampling request: waiting for you');
    const answer = await showDialog(dialog, signal).finally(() => rejectButton.removeEventListener('click', onReject));
    if (signal.aborted) throw new Error('Cancelled by the server');
    if (answer !== 'approve') {
      logLine('input', 'Sampling rejected');
      throw samplingRejected();
    }
    logLine('input', 'Sampling approved');
    return { role: 'assistant', content: { type: 'text', text: reply.value }, model: 'you (human in the loop)', stopReason: 'endTurn' };
  });
}

function onElicitation(params, { server, signal }) {
  return queued(async () => {
    if (signal.aborted) return { action: 'cancel' };
    const who = server?.title ?? server?.name ?? 'The server';
    if (params.mode === 'url') return urlElicitation(params, who, signal);
    const dialog = $('elicit-dialog');
    const form = $('elicit-form');
    $('elicit-title').textContent = `${who} asks you`;
    $('elicit-message').textContent = params.message ?? '';
    const schema = params.requestedSchema ?? { properties: {} };
    const fields = buildFields(schema);
    $('elicit-fields').replaceChildren(...fields.map((f) => f.node));
    $('elicit-submit').hidden = false;
    logLine('input', 'Elicitation request: waiting for you');

    const onSubmit = (e) => {
      e.preventDefault();
      dialog.close('accept');
    };
    const onDecline = () => dialog.close('decline');
    const onCancel = () => dialog.close('cancel');
    form.addEventListener('submit', onSubmit);
    $('elicit-decline').addEventListener('click', onDecline);
    $('elicit-cancel').addEventListener('click', onCancel);
    try {
      const action = (await showDialog(dialog, signal)) || 'cancel';
      logLine('input', `Elicitation: ${action}`);
      if (action !== 'accept') return { action };
      const content = {};
      for (const f of fields) {
        const v = f.read();
        if (v !== undefined) content[f.name] = v;
      }
      return { action: 'accept', content };
    } finally {
      form.removeEventListener('submit', onSubmit);
      $('elicit-decline').removeEventListener('click', onDecline);
      $('elicit-cancel').removeEventListener('click', onCancel);
    }
  });
}

/** URL-mode elicitation: show the address as text; opening it (in a new tab, no opener) is the consent. */
async function urlElicitation(params, who, signal) {
  const dialog = $('elicit-dialog');
  const form = $('elicit-form');
  $('elicit-title').textContent = `${who} asks you to open a page`;
  $('elicit-message').textContent = params.message ?? '';
  let safe = false;
  try {
    safe = ['https:', 'http:'].includes(new URL(params.url).protocol);
  } catch { /* not a URL */ }
  $('elicit-fields').replaceChildren(el('div', {}, el('p', {}, el('code', { class: 'url', text: params.url ?? '' })),
    safe ? null : el('p', { class: 'error', text: 'This is not an http(s) address, so it will not be opened.' })));
  $('elicit-submit').hidden = !safe;
  $('elicit-submit').textContent = 'Open page';
  const onSubmit = (e) => {
    e.preventDefault();
    window.open(params.url, '_blank', 'noopener,noreferrer');
    dialog.close('accept');
  };
  const onDecline = () => dialog.close('decline');
  const onCancel = () => dialog.close('cancel');
  form.addEventListener('submit', onSubmit);
  $('elicit-decline').addEventListener('click', onDecline);
  $('elicit-cancel').addEventListener('click', onCancel);
  try {
    return { action: (await showDialog(dialog, signal)) || 'cancel' };
  } finally {
    $('elicit-submit').textContent = 'Submit';
    form.removeEventListener('submit', onSubmit);
    $('elicit-decline').removeEventListener('click', onDecline);
    $('elicit-cancel').removeEventListener('click', onCancel);
  }
}

let fieldSeq = 0;
/** Form controls for a flat requestedSchema; each field knows how to read its typed value back. */
function buildFields(schema) {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => {
    const id = `elicit-field-${++fieldSeq}`;
    const label = el('label', { htmlFor: id, text: `${prop.title ?? name}${required.has(name) ? ' *' : ''}` });
    const help = prop.description ? el('small', { class: 'muted', id: `${id}-help`, text: prop.description }) : null;
    const options = Array.isArray(prop.oneOf) ? prop.oneOf.map((o) => [o.const, o.title ?? String(o.const)])
      : Array.isArray(prop.enum) ? prop.enum.map((v, i) => [v, prop.enumNames?.[i] ?? String(v)]) : null;
    let input;
    let read;
    if (prop.type === 'boolean') {
      input = el('input', { type: 'checkbox', id, checked: prop.default === true });
      read = () => input.checked;
      const node = el('div', { class: 'field check' }, input, label, help);
      if (help) input.setAttribute('aria-describedby', help.id);
      return { name, node, read };
    }
    if (options) {
      input = el('select', { id, required: required.has(name) },
        required.has(name) && prop.default === undefined ? el('option', { value: '', text: 'Choose…' }) : null,
        !required.has(name) ? el('option', { value: '', text: '(none)' }) : null,
        ...options.map(([v, t], i) => el('option', { value: String(i), text: t, selected: v === prop.default })));
      read = () => (input.value === '' ? undefined : options[Number(input.value)][0]);
    } else if (prop.type === 'number' || prop.type === 'integer') {
      input = el('input', { type: 'number', id, required: required.has(name), step: prop.type === 'integer' ? '1' : 'any' });
      if (prop.minimum !== undefined) input.min = String(prop.minimum);
      if (prop.maximum !== undefined) input.max = String(prop.maximum);
      if (prop.default !== undefined) input.value = String(prop.default);
      read = () => (input.value === '' ? undefined : Number(input.value));
    } else {
      const type = { date: 'date', email: 'email', uri: 'url' }[prop.format] ?? 'text';
      input = el('input', { type, id, required: required.has(name) });
      if (prop.minLength !== undefined) input.minLength = prop.minLength;
      if (prop.maxLength !== undefined) input.maxLength = prop.maxLength;
      if (typeof prop.default === 'string') input.value = prop.default;
      read = () => (input.value === '' ? undefined : input.value);
    }
    if (help) input.setAttribute('aria-describedby', help.id);
    return { name, node: el('div', { class: 'field' }, label, input, help), read };
  });
}

async function confirmDestructive(tool) {
  $('confirm-text').textContent = `"${tool.title ?? tool.name}" is marked as destructive: ${tool.description ?? 'it may change or delete data.'}`;
  return (await queued(() => showDialog($('confirm-dialog')))) === 'yes';
}

/** Asks for a prompt's arguments with the elicitation dialog (all strings). */
async function askPromptArgs(prompt) {
  const args = prompt.arguments ?? [];
  if (!args.length) return {};
  const r = await onElicitation({
    mode: 'form',
    message: `Arguments for the prompt "${prompt.title ?? prompt.name}"`,
    requestedSchema: {
      type: 'object',
      properties: Object.fromEntries(args.map((a) => [a.name, { type: 'string', title: a.title ?? a.name, description: a.description }])),
      required: args.filter((a) => a.required).map((a) => a.name),
    },
  }, { server: { name: 'This page' }, signal: new AbortController().signal });
  return r.action === 'accept' ? r.content : undefined;
}

renderState();
