// Shared test helpers: where the loopback test servers live, stores of their own, and small waiting utilities.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { sendMouse } from '@web/test-runner-commands';
import { McpClient, type KeyValueStore, type McpClientOptions } from '../src/client.js';
import { idbStore } from '../src/store.js';
import type { McpClientElement } from '../src/components/mcp-client/mcp-client.js';
import type { McpToolForm } from '../src/components/mcp-tool-form/mcp-tool-form.js';

export interface ServerUrls {
  legacy: string;
  legacySse: string;
  /** The legacy server with the SDK's Origin check on, accepting only https://allowed.example: the test page gets 403. */
  legacyOriginChecked: string;
  modern: string;
  modernStrict: string;
  /** The modern server again, pushing task status on subscriptions/listen (TK-15). */
  modernPush: string;
  /** The same, cutting each push stream after its first push. */
  modernPushDrop: string;
  everythingHttp: string;
  everythingSse: string;
  proxy: string;
  proxyControl: string;
  noCors: string;
  zoo: string;
  /** An MCP server that requires a bearer token from the loopback OAuth server. */
  oauthMcp: string;
  oauthIssuer: string;
  /** Test controls of that OAuth server: GET /stats, POST /expire. */
  oauthControl: string;
  /**
   * The hostile fixture (servers/hostile.mjs): script everywhere, unsafe URLs, huge and endless answers, invalid
   * JSON-RPC.
   */
  hostile: string;
  /** Its controls: GET /stats (open endless streams, cancellations, the client's answers). */
  hostileControl: string;
  /** @modelcontextprotocol/server-debug, unmodified (legacy Streamable HTTP): a real MCP App. */
  debug: string;
  /** MCP Apps fixtures on a 2026-07-28 server (servers/apps.mjs): server-debug's view, a hostile and a silent view. */
  apps: string;
  /** The same server speaking only 2024-11-05 … 2025-11-25 (server/discover is "method not found"). */
  appsLegacy: string;
  /** Its controls: GET /control (calls per tool, the last client capabilities per era). */
  appsControl: string;
  /** The spec-mode sandbox proxy page, on an origin of its own. */
  sandbox: string;
  /** The hostile server with only regex_bomb: catastrophic regexes in both its schemas. */
  hostileBombs: string;
  /** The OAuth mix-up attack (servers/mixup.mjs): a hostile MCP server whose AS bounces to the honest one. */
  mixupMcp: string;
  /** The same hostile server, whose metadata names its AS by another host (localhost) than its own (127.0.0.1). */
  mixupFar: string;
  mixupIssuer: string;
  /**
   * POST /target {clientId, redirectUri}: whom it impersonates at the honest AS; GET /stats: what reached its token
   * endpoint.
   */
  mixupControl: string;
  /**
   * A stand-in for an LLM provider speaking chat completions (servers/chat-completions.mjs): `<url>/<tag>/v1` per test.
   */
  chatCompletions: string;
  /** Effect 4's McpServer (`effect/ai`) serving a skill, 2026-07-28 and 2025-11-25 (servers/skills.mjs). */
  skills: string;
  /** The same Effect server answering server/discover "method not found", so clients speak 2025-11-25. */
  skillsLegacy: string;
  /** Our server whose SKILL.md does not match its entry: append /size, /digest or /frontmatter. */
  skillsTampered: string;
  /** Its record: GET -> {reads: ["<mode> <uri>", ...]}. */
  skillsControl: string;
  /** An MCP server that takes DPoP-bound tokens only, and its authorization server (servers/oauth-dpop.mjs). */
  dpopMcp: string;
  dpopIssuer: string;
  dpopControl: string;
  dpopRsControl: string;
}

let urls: Promise<ServerUrls> | undefined;

/** URLs of the real MCP servers the test runner started on loopback. */
export function servers(): Promise<ServerUrls> {
  urls ??= fetch('/__servers.json').then((r) => r.json());
  return urls;
}

/** One request as the fault proxy in front of the legacy server logged it. */
export interface ProxyLogEntry {
  method: string;
  path: string;
  headers: Record<string, string>;
  status: number | null;
  bodyJsonRpcMethod: string | null;
  faults: string[];
  /** When the request came, and when its answer's status line left the proxy (ms since the epoch). */
  at: number;
  answeredAt: number | null;
}

/** Adds a fault rule to the proxy; resolves with its answer. */
export async function proxyFault(rule: object): Promise<unknown> {
  const response = await fetch((await servers()).proxyControl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  return response.json();
}

/** The requests the proxy has logged since its log was last cleared. */
export async function proxyLog(): Promise<ProxyLogEntry[]> {
  return (await fetch(`${(await servers()).proxyControl}/log`)).json();
}

let stores = 0;

/**
 * A store in an IndexedDB database no other test uses (the browser keeps IndexedDB between files,
 * and elements without a `store` fall back to the package's default database).
 */
export function freshStore(prefix: string): KeyValueStore {
  return idbStore(`${prefix}-${Date.now()}-${++stores}`);
}

/**
 * The store in the IndexedDB database `db`, emptied: for a file that names its database (a page it
 * opens reads the same one) and wants each test to start from nothing.
 */
export async function emptyStore(db: string): Promise<KeyValueStore> {
  const store = idbStore(db);
  for (const key of await store.keys()) await store.del(key);
  return store;
}

/** A headless client connected to one of the loopback servers (the caller closes it). */
export async function connectedClient(
  server: keyof ServerUrls,
  options: Omit<McpClientOptions, 'url'> = {},
): Promise<McpClient> {
  const client = new McpClient({ url: (await servers())[server], ...options });
  await client.connect();
  return client;
}

/**
 * A connected <mcp-client> on `url` (the caller registers the element). `store` goes in before it
 * connects (a fresh database unless given, so a test can hand the same store to a second widget as a
 * reload would); every other property (a handler, a rate limit) is set as soon as the element exists.
 */
export async function widget(url: string, properties: Partial<McpClientElement> = {}): Promise<McpClientElement> {
  const { store = freshStore('mcp-widget-test'), ...rest } = properties;
  const el = await fixture<McpClientElement>(html`<mcp-client url=${url} .store=${store}></mcp-client>`);
  Object.assign(el, rest);
  await waitUntil(() => el.client?.state === 'ready', 'connected', { timeout: 15_000 });
  return el;
}

/** A real click (the browser's own, trusted, so a popup may open) in the middle of `el`. */
export async function realClick(el: Element): Promise<void> {
  const r = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)] });
}

/** Counts event-loop turns (setTimeout 0) and animation frames until stopped. */
export function heartbeat() {
  const beat = { timeouts: 0, frames: 0, stop: () => {} };
  let on = true;
  const tick = () => {
    if (!on) return;
    beat.timeouts++;
    setTimeout(tick, 0);
  };
  const frame = () => {
    if (!on) return;
    beat.frames++;
    requestAnimationFrame(frame);
  };
  setTimeout(tick, 0);
  requestAnimationFrame(frame);
  beat.stop = () => void (on = false);
  return beat;
}

/** Waits until the heartbeat ticks `n` more times: the page is still taking turns (no time threshold). */
export async function expectTicking(
  beat: ReturnType<typeof heartbeat>,
  n = 10,
  message = 'the page stopped responding',
): Promise<void> {
  const from = beat.timeouts;
  await waitUntil(() => beat.timeouts >= from + n, message, { timeout: 20_000 });
}

/** Resolves with the detail of the next `type` event from target. */
export function nextEvent<T = unknown>(target: EventTarget, type: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs);
    target.addEventListener(
      type,
      (e) => {
        clearTimeout(timer);
        resolve((e as CustomEvent<T>).detail);
      },
      { once: true },
    );
  });
}

/**
 * Resolves once an image of our own with this src has failed to load: an <img src=…> with the same
 * URL injected earlier would have failed, and run any onerror handler, by then.
 */
export function brokenImageFailed(src = 'x'): Promise<void> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onerror = () => resolve();
    img.onload = () => reject(new Error(`${src} loaded: it cannot stand for a broken image`));
    img.src = src;
  });
}

/** Text of the first text block of a tool result. */
export const firstText = (result: { content: { type: string; text?: string }[] }) =>
  result.content.find((c) => c.type === 'text')?.text ?? '';

/** The control labelled `label` inside an element's shadow root (the label text without its required mark). */
export function controlByLabel<T extends HTMLElement = HTMLInputElement>(root: ShadowRoot | Element, label: string): T {
  const scope = 'shadowRoot' in root && root.shadowRoot ? root.shadowRoot : (root as ShadowRoot);
  const found = [...scope.querySelectorAll('label')].find((l) => l.textContent!.replace('*', '').trim() === label);
  if (!found) throw new Error(`no control labelled ${label}`);
  return scope.querySelector<T>(`#${CSS.escape(found.htmlFor)}`)!;
}

/** Types into an input as a person would (value + input event). */
export function typeInto(input: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** The button with this accessible text inside a shadow root. */
export function buttonNamed(root: ShadowRoot, name: string): HTMLButtonElement {
  const b = [...root.querySelectorAll('button')].find(
    (x) => x.textContent!.trim() === name || x.getAttribute('aria-label') === name,
  );
  if (!b) throw new Error(`no button named ${name}`);
  return b;
}

/** Clicks a real button (through the browser's input pipeline, so a popup may open) whose handler runs `action`. */
export async function clickTo<T>(label: string, action: () => Promise<T>): Promise<T> {
  const button = document.createElement('button');
  button.textContent = label;
  button.style.cssText = 'position:fixed;left:0;top:0;width:120px;height:40px;z-index:9999';
  document.body.append(button);
  let started: Promise<T> | undefined;
  button.addEventListener('click', () => (started = action()), { once: true });
  try {
    await realClick(button);
    expect(started, 'the click reached the button').to.exist;
    return await started!;
  } finally {
    button.remove();
  }
}

/** The schema form inside a tool form, and a wait for it to render. */
export const formOf = (el: McpToolForm) => el.shadowRoot!.querySelector('mcp-schema-form')!;
export const toolFormReady = (el: McpToolForm) =>
  waitUntil(() => el.shadowRoot!.querySelector('mcp-schema-form'), 'form rendered', { timeout: 10_000 });

/** The element of `template` on the page, once `selector` shows in its shadow root (what it lists has loaded). */
export async function fixtureShowing<T extends Element>(template: TemplateResult, selector: string): Promise<T> {
  const el = await fixture<T>(template);
  await waitUntil(() => el.shadowRoot!.querySelector(selector), `${selector} shown`, { timeout: 10_000 });
  return el;
}

/** The <mcp-tool-form> of `template` on the page, once its fields are rendered (the caller registers the element). */
export async function toolFormFixture(template: TemplateResult): Promise<McpToolForm> {
  const el = await fixture<McpToolForm>(template);
  await toolFormReady(el);
  await formOf(el).updateComplete;
  return el;
}

/**
 * Waits until a dialog's buttons take a person's clicks and keys: the activation delay after it (or its step) appeared
 * has passed.
 */
export const buttonsActive = (root: ShadowRoot) =>
  waitUntil(
    () => !root.querySelector('[aria-disabled="true"]'),
    'the dialog buttons are active (activation delay over)',
    { timeout: 10_000 },
  );
