// custom-elements.json against the elements' real behaviour: every tag is defined; every event it
// lists is an event class of that name and flags, and some test waits for it; every attribute
// reaches its property with the listed default; every slot is in the element's template; every
// --mcp-* property the theming guide documents is listed, and setting it changes a computed style.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import * as index from '../../src/index.js';
// <mcp-app-view> loads on first use, so its class and events are not among the index's exports.
import { McpAppView } from '../../src/components/mcp-app-view/mcp-app-view.js';
import * as appEvents from '../../src/components/mcp-app-view/events.js';
import '../../src/components/mcp-app-view/define.js';
// The dialogs load on first use too (loadDialogs()).
import * as dialogs from '../../src/components/dialogs.js';
import { McpSkillList } from '../../src/components/mcp-skill-list/mcp-skill-list.js';
import * as skillEvents from '../../src/events/skills.js';
import '../../src/components/mcp-skill-list/define.js';
// So does <mcp-workspace> (its chunk starts loading at once).
import { McpWorkspaceElement } from '../../src/components/mcp-workspace/mcp-workspace.js';
import * as workspaceEvents from '../../src/components/mcp-workspace/events.js';
import '../../src/components/mcp-workspace/define.js';
import type { McpClientElement } from '../../src/components/mcp-client/mcp-client.js';
import type { McpLogView } from '../../src/components/mcp-log-view/mcp-log-view.js';
import type { McpToolForm } from '../../src/components/mcp-tool-form/mcp-tool-form.js';
import { freshStore, servers } from '../helpers.js';

interface Decl {
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: { name: string; fieldName?: string; default?: string; type?: { text: string } }[];
  events?: { name?: string; type?: { text: string }; cancelable?: boolean; detail?: { text: string } }[];
  cssProperties?: { name: string; description?: string }[];
  slots?: { name: string; description?: string }[];
  cssStates?: { name: string }[];
}

const pkg = {
  ...index,
  McpAppView,
  ...appEvents,
  ...dialogs,
  McpSkillList,
  ...skillEvents,
  McpWorkspaceElement,
  ...workspaceEvents,
};
let manifest: { modules: { path: string; declarations?: Decl[] }[] };
const elements = () =>
  manifest.modules.flatMap((m) =>
    (m.declarations ?? []).filter((d) => d.customElement).map((d) => ({ ...d, path: m.path })),
  );

/** Every element under `root`, through shadow roots. */
function deep(root: ParentNode, out: Element[] = []): Element[] {
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) deep(el.shadowRoot, out);
  }
  return out;
}

const STYLE = [
  'color',
  'background-color',
  'border-top-color',
  'border-inline-start-color',
  'outline-color',
  'font-family',
  'font-size',
  'border-top-left-radius',
  'gap',
  'padding-top',
  'margin-top',
  'max-height',
  'accent-color',
];
const snapshot = (nodes: Element[]) =>
  nodes.map((n) => STYLE.map((p) => getComputedStyle(n).getPropertyValue(p)).join('|'));

before(async () => {
  manifest = await (await fetch('/custom-elements.json')).json();
});

describe('custom-elements.json', () => {
  it('describes every element the package defines, each by its tag', () => {
    const tags = elements().map((d) => d.tagName);
    const classes = Object.entries(pkg)
      .filter(([, v]) => typeof v === 'function' && v.prototype instanceof HTMLElement)
      .map(([name]) => name);
    expect(elements().map((d) => d.name)).to.have.members(classes);
    for (const tag of tags) expect(customElements.get(tag!), tag).to.exist;
    for (const d of elements())
      expect(customElements.get(d.tagName!)).to.equal(
        (pkg as unknown as Record<string, unknown>)[d.name],
        `${d.tagName} is the exported ${d.name}`,
      );
  });

  it('lists events by name and class, with the flags the class really has, and a test waits for each', async () => {
    const covered = (await (await fetch('/__event-coverage.json')).json()) as Record<string, string[]>;
    let count = 0;
    for (const d of elements()) {
      for (const e of d.events ?? []) {
        count++;
        expect(e.name, `an event of ${d.tagName}`).to.match(/^mcp-[a-z-]+$/);
        const Cls = (pkg as unknown as Record<string, new (...args: unknown[]) => Event>)[e.type?.text ?? ''];
        expect(Cls, `${d.tagName} ${e.name}: class ${e.type?.text} is exported`).to.be.a('function');
        const ev = new Cls(undefined, {});
        expect(ev.type, e.type!.text).to.equal(e.name);
        expect(ev.cancelable, `${e.name} cancelable`).to.equal(!!e.cancelable);
        expect(ev.bubbles && ev.composed, `${e.name} bubbles out of shadow roots`).to.be.true;
        expect(ev instanceof CustomEvent, `${e.name} has a detail type exactly when it is a CustomEvent`).to.equal(
          !!e.detail,
        );
        expect(covered[e.name!], `${e.name}: some test waits for it`).to.be.an('array').that.is.not.empty;
      }
    }
    expect(count).to.be.greaterThan(15);
  });

  it('lists attributes that reach their properties, with their real defaults', async () => {
    for (const d of elements()) {
      for (const a of d.attributes ?? []) {
        if (!a.fieldName) continue;
        const el = document.createElement(d.tagName!) as unknown as Record<string, unknown> & HTMLElement;
        if (a.default !== undefined)
          expect(el[a.fieldName], `${d.tagName} ${a.name} default`).to.deep.equal(
            JSON.parse(a.default.replace(/'/g, '"')),
          );
        const sample = a.type?.text.startsWith('number') ? '7' : a.type?.text.startsWith('boolean') ? '' : 'sse';
        el.setAttribute(a.name, sample);
        expect(el[a.fieldName], `${d.tagName} [${a.name}] sets .${a.fieldName}`).to.deep.equal(
          sample === '7' ? 7 : sample === '' ? true : 'sse',
        );
      }
    }
  });

  it('lists slots that are in the element templates, and the states they set', async () => {
    const slots = elements().flatMap((d) => (d.slots ?? []).map((s) => ({ ...s, d })));
    expect(slots.map((s) => `${s.d.tagName}:${s.name}`)).to.include.members([
      'mcp-client:header',
      'mcp-client:empty',
      'mcp-client:footer',
      'mcp-tool-form:before-run',
      'mcp-tool-form:after-run',
      'mcp-sampling-dialog:icon',
      'mcp-sampling-dialog:footer',
      'mcp-elicitation-dialog:icon',
      'mcp-elicitation-dialog:footer',
    ]);
    for (const s of slots) {
      const source = await (await fetch(`/${s.d.path}`)).text();
      expect(source, `${s.d.tagName} renders <slot name="${s.name}">`).to.include(`<slot name="${s.name}">`);
      expect(s.description, `${s.d.tagName} slot ${s.name} is described`).to.be.a('string').that.is.not.empty;
    }
    const client = elements().find((d) => d.tagName === 'mcp-client')!;
    expect(client.cssStates!.map((s) => s.name)).to.have.members(['connected', 'connecting', 'needs-auth', 'error']);
    expect(
      elements()
        .find((d) => d.tagName === 'mcp-tool-form')!
        .cssStates!.map((s) => s.name),
    ).to.deep.equal(['running']);
  });

  it('is what the editor data (VS Code custom data, JetBrains web-types) is made of', async () => {
    const vscode = await (await fetch('/dist/vscode.html-custom-data.json')).json();
    const webTypes = await (await fetch('/dist/web-types.json')).json();
    const pkgJson = await (await fetch('/package.json')).json();
    expect(pkgJson['web-types']).to.equal('./dist/web-types.json');
    for (const d of elements()) {
      const tag = vscode.tags.find((t: { name: string }) => t.name === d.tagName);
      expect(tag, `${d.tagName} in VS Code data`).to.exist;
      expect(tag.attributes.map((a: { name: string }) => a.name)).to.deep.equal(
        (d.attributes ?? []).map((a) => a.name),
      );
      const wt = webTypes.contributions.html.elements.find((t: { name: string }) => t.name === d.tagName);
      expect(wt.events.map((e: { name: string }) => e.name)).to.deep.equal((d.events ?? []).map((e) => e.name));
      expect(wt.slots.map((e: { name: string }) => e.name)).to.deep.equal((d.slots ?? []).map((e) => e.name));
    }
    expect(
      vscode.tags
        .find((t: { name: string }) => t.name === 'mcp-client')
        .attributes.find((a: { name: string }) => a.name === 'transport')
        .values.map((v: { name: string }) => v.name),
    ).to.deep.equal(['auto', 'streamable-http', 'sse']);
  });

  it('lists every --mcp-* property the theming guide documents, each described, and each changes a computed style', async () => {
    const guide = await (await fetch('/docs/guide/theming.md')).text();
    const theming = guide.slice(guide.indexOf('## Custom properties'), guide.indexOf('Dark mode follows'));
    const documented = [...new Set([...theming.matchAll(/--mcp-[\w-]+/g)].map(([p]) => p))];
    const listed = new Map(
      elements().flatMap((d) => (d.cssProperties ?? []).map((p) => [p.name, p.description] as const)),
    );
    expect(documented.length).to.be.greaterThan(15);
    expect([...listed.keys()]).to.have.members(documented);
    for (const [name, description] of listed) expect(description, name).to.be.a('string').that.is.not.empty;

    // A page that shows every kind of part: a connected widget, a failed form, a warning in a log, a result with text
    // and an image.
    const { legacy } = await servers();
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const page = await fixture<HTMLDivElement>(html`<div>
      <mcp-client url=${legacy} .store=${freshStore('manifest')}></mcp-client>
      <mcp-tool-form url=${legacy} tool="echo" .store=${freshStore('manifest')}></mcp-tool-form>
      <mcp-tool-form url=${legacy} tool="no-such-tool" .store=${freshStore('manifest')}></mcp-tool-form>
      <mcp-log-view></mcp-log-view>
      <mcp-result-view .result=${{
        content: [
          { type: 'text', text: 'hello' },
          { type: 'image', data: png, mimeType: 'image/png' },
        ],
      }}></mcp-result-view>
    </div>`);
    const client = page.querySelector<McpClientElement>('mcp-client')!;
    await new Promise((resolve) => client.addEventListener('mcp-connected', resolve, { once: true }));
    const [echo, missing] = page.querySelectorAll<McpToolForm>('mcp-tool-form');
    await waitUntil(
      () => echo.shadowRoot!.querySelector('[part=run]') && missing.shadowRoot!.querySelector('.error'),
      'both forms rendered',
      { timeout: 10_000 },
    );
    page.querySelector<McpLogView>('mcp-log-view')!.add({ level: 'warning', source: 'log', text: 'careful' });
    await page.querySelector<McpLogView>('mcp-log-view')!.updateComplete;
    await client.updateComplete;

    const nodes = deep(page);
    const before = snapshot(nodes);
    const unchanged: string[] = [];
    for (const name of listed.keys()) {
      const value = name.includes('font-family') ? 'fantasy' : name.includes('color') ? 'rgb(1, 2, 3)' : '37px';
      page.style.setProperty(name, value);
      const after = snapshot(nodes);
      if (!after.some((s, i) => s !== before[i])) unchanged.push(name);
      page.style.removeProperty(name);
    }
    expect(unchanged, 'properties that changed nothing').to.deep.equal([]);
  });
});
