// What every hostile-input test checks, whatever the server sent: no script ran, nothing in any
// shadow root can run script or navigate to a script URL (checked by a sweep and, for nodes that
// come and go, by a MutationObserver on every shadow root), no prototype was polluted, and the
// page kept running (a heartbeat ticked). Each check counts as one case in the suite's tally.
import { expect } from '@open-wc/testing';

type Pwned = { __pwned?: unknown; polluted?: unknown };

/** Tags that must never appear in what the elements render from server data. */
const FORBIDDEN_TAGS = new Set([
  'script',
  'iframe',
  'object',
  'embed',
  'frame',
  'frameset',
  'base',
  'meta',
  'svg',
  'math',
  'foreignobject',
]);
/** Attributes that take a URL. */
const URL_ATTRS = [
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'srcset',
  'poster',
  'data',
  'background',
  'ping',
];
/** URLs that run script or show a page of the attacker's making. */
const BAD_URL = /^\s*(javascript|vbscript|data:\s*text\/html|data:\s*application\/(x?html|xhtml\+xml))/i;

/** Problems the MutationObserver saw between sweeps (nodes that were inserted and removed again). */
const seen: string[] = [];

/** The test runner's own page (its script tags): present before any test, not ours to judge. */
const harness = new WeakSet<Element>(document.querySelectorAll('*'));

/** The problems of one element, if any. */
function problemsOf(el: Element): string[] {
  const out: string[] = [];
  if (harness.has(el)) return out;
  const tag = el.localName;
  if (FORBIDDEN_TAGS.has(tag)) out.push(`<${tag}> element`);
  for (const a of el.getAttributeNames()) {
    if (a.toLowerCase().startsWith('on')) out.push(`<${tag} ${a}> event-handler attribute`);
    const v = el.getAttribute(a) ?? '';
    if (URL_ATTRS.includes(a.toLowerCase()) && BAD_URL.test(v.replace(/[\t\n\r]/g, '')))
      out.push(`<${tag} ${a}="${v.slice(0, 60)}">`);
  }
  // Properties a template may have set without an attribute.
  const href = (el as HTMLAnchorElement).href;
  if (typeof href === 'string' && BAD_URL.test(href)) out.push(`<${tag}>.href = ${href.slice(0, 60)}`);
  const src = (el as HTMLImageElement).src;
  if (typeof src === 'string' && BAD_URL.test(src)) out.push(`<${tag}>.src = ${src.slice(0, 60)}`);
  return out;
}

function collect(records: MutationRecord[]): void {
  for (const r of records) {
    if (r.type === 'attributes') seen.push(...problemsOf(r.target as Element));
    for (const n of r.addedNodes)
      if (n instanceof Element) for (const el of [n, ...n.querySelectorAll('*')]) seen.push(...problemsOf(el));
  }
}
const observer = new MutationObserver(collect);
const observe = (root: Node) => observer.observe(root, { subtree: true, childList: true, attributes: true });

// Watch every shadow root from the moment it exists: this module is imported before the elements.
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init: ShadowRootInit) {
  const root = attach.call(this, init);
  observe(root);
  return root;
};
observe(document);

/** Every element of the document, inside every (open) shadow root, depth first. */
export function allElements(root: Document | ShadowRoot | Element = document): Element[] {
  const out: Element[] = [];
  const walk = (node: Document | ShadowRoot | Element) => {
    for (const el of node.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root);
  return out;
}

/** Text of an element including everything in its shadow roots. */
export function deepText(root: Element | ShadowRoot): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (const c of node.childNodes) walk(c);
  };
  walk(root);
  return text;
}

/** The first element matching `selector` anywhere below root, through shadow roots. */
export function deepQuery<T extends Element = HTMLElement>(
  root: Document | ShadowRoot | Element,
  selector: string,
): T | undefined {
  return allElements(root).find((e) => e.matches(selector)) as T | undefined;
}

/** The names of Object.prototype, Array.prototype, Function.prototype and String.prototype, to compare. */
function prototypes(): string {
  return JSON.stringify(
    [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) =>
      Object.getOwnPropertyNames(p).sort(),
    ),
  );
}
const pristine = prototypes();

/** A tally of cases, printed by `report()`. */
export class Tally {
  count = 0;
  constructor(readonly suite: string) {}
  /** Prints the suite's count (CI logs read it). */
  report(): void {
    console.log(`hostile: ${this.suite}: ${this.count} cases`);
  }
}

/** Asserts nothing ran, nothing dangerous is (or was) in the page and no prototype changed; counts one case. */
export function expectSafe(tally: Tally, what: string): void {
  tally.count++;
  const w = window as unknown as Pwned;
  expect(w.__pwned, `${what}: script ran`).to.equal(undefined);
  expect(({} as Pwned).polluted, `${what}: Object.prototype polluted`).to.equal(undefined);
  expect(([] as unknown as Pwned).polluted, `${what}: Array.prototype polluted`).to.equal(undefined);
  expect(prototypes(), `${what}: a built-in prototype changed`).to.equal(pristine);
  collect(observer.takeRecords());
  const now = allElements().flatMap(problemsOf);
  const transient = seen.splice(0);
  expect([...now, ...transient], `${what}: unsafe nodes`).to.deep.equal([]);
}
