// One page per element, generated at build time from the repository's custom-elements.json (`node
// scripts/manifest.mjs`): summary, the hand-written introduction (docs/_intros/<tag>.md, when there is one), a live
// example, attributes, properties, methods, events, slots, CSS parts, CSS custom properties, custom states and
// accessible names. The page body is the Markdown this loader writes; [tag].md only places it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const manifestFile = fileURLToPath(new URL('../../custom-elements.json', import.meta.url));
const introsDir = fileURLToPath(new URL('../_intros/', import.meta.url));
const apiDir = fileURLToPath(new URL('../api/', import.meta.url));

/** The live example of each element: the snippet, what "ready" means, and the setup (theme/examples.ts) it runs. */
export const EXAMPLES = {
  'mcp-client': { html: '<mcp-client url="{mcpUrl}"></mcp-client>', wait: 'connected' },
  'mcp-tool-form': { html: '<mcp-tool-form url="{mcpUrl}" tool="get_weather"></mcp-tool-form>', wait: 'connected' },
  'mcp-tool-list': { html: '<mcp-tool-list></mcp-tool-list>', wait: 'connected', setup: 'tool-list' },
  'mcp-resource-browser': {
    html: '<mcp-resource-browser></mcp-resource-browser>',
    wait: 'connected',
    setup: 'resource-browser',
  },
  'mcp-prompt-list': { html: '<mcp-prompt-list></mcp-prompt-list>', wait: 'connected', setup: 'prompt-list' },
  'mcp-log-view': { html: '<mcp-log-view></mcp-log-view>', wait: 'connected', setup: 'log-view' },
  // <mcp-skill-list> is defined when <mcp-client> first shows its Skills tab (a lazy chunk, no entry of its own).
  'mcp-skill-list': {
    html: '<mcp-client url="{skillsUrl}"></mcp-client>',
    wait: 'connected',
    note: "`<mcp-skill-list>` is the Skills tab of `<mcp-client>`, shown for a server that offers skills, as this one does (without the site's demo servers, type such a server's URL). Open **Skills**, then the skill.",
  },
  'mcp-result-view': { html: '<mcp-result-view></mcp-result-view>', wait: 'rendered', setup: 'result-view' },
  'mcp-schema-form': {
    html: '<form>\n  <mcp-schema-form name="booking"></mcp-schema-form>\n  <button>Book</button>\n  <output></output>\n</form>',
    wait: 'rendered',
    setup: 'schema-form',
  },
  'mcp-server-list': { html: '<mcp-server-list></mcp-server-list>', wait: 'rendered', setup: 'server-list' },
  'mcp-workspace': { html: '<mcp-workspace></mcp-workspace>', wait: 'connected', setup: 'workspace' },
  'mcp-app-view': {
    html: '<mcp-app-view url="{debugUrl}" tool="debug-tool" sandbox-url="{sandboxUrl}"></mcp-app-view>',
    wait: 'connected',
  },
  'mcp-sampling-dialog': {
    html: '<button type="button">Show the dialog</button>\n<mcp-sampling-dialog></mcp-sampling-dialog>\n<output></output>',
    wait: 'rendered',
    setup: 'sampling-dialog',
  },
  'mcp-elicitation-dialog': {
    html: '<button type="button">Show the dialog</button>\n<mcp-elicitation-dialog></mcp-elicitation-dialog>\n<output></output>',
    wait: 'rendered',
    setup: 'elicitation-dialog',
  },
};

/**
 * The names assistive technology reads, which tests find controls by (README "Elements", DESIGN.md section 3, and the
 * components' message table, src/messages.ts). The manifest has no field for them.
 */
export const ACCESSIBLE_NAMES = {
  'mcp-client': [
    'Tabs (`tablist`): `Tools`, `Resources`, `Prompts`, `Log`, and `Skills` for a server that offers skills.',
    'Buttons `Connect`, `Disconnect`, `Retry` (with the connection error, an `alert`), `Sign in`.',
    'The running tasks: a list named `Running tasks`. The dialogs it hosts are named as on their own pages.',
    'Inside, the tool list, tool form, resource browser, prompt list and log view keep their own names.',
  ],
  'mcp-tool-form': [
    'Every field is labelled with its schema `title`, else the property name; required fields are marked for assistive technology too.',
    'The submit button is `Run`; `Cancel` stops a running call, whose progress is a `status` named `Running…`.',
    'A destructive tool first asks an `alertdialog` named `<tool> may change or delete data. Run it?`.',
    'A failed call is an `alert`.',
  ],
  'mcp-tool-list': ['The search field is `Search tools`; the list is `Tools`, one item per tool named by its title.'],
  'mcp-resource-browser': [
    'Each resource is a button `Read <name>`; a subscribable one has `Subscribe to <name>` / `Unsubscribe from <name>`.',
    'What was read is a section named `Contents of <uri>`.',
  ],
  'mcp-prompt-list': [
    "The list is `Prompts`, each prompt named by its title; the chosen one's description is `Prompt description`.",
    "Argument fields are labelled like a tool form's.",
  ],
  'mcp-log-view': ['The entries are a `log` named `Log`; the level filter is a select labelled `Level`.'],
  'mcp-schema-form': [
    'Every field is labelled with its schema `title`, else the property name; required fields are marked for assistive technology too.',
    'Array items have `Remove item <n> of <field>`, `Move up item <n> of <field>`, `Move down item <n> of <field>`, and `Add <field>`.',
    'Errors are `alert`s; with a `name` the enclosing form reports the validity like a native field.',
  ],
  'mcp-server-list': [
    'The list is `Saved servers`; each server has `Rename <name>`, `Remove <name>` and `Forget data of <name>`.',
    'Forgetting asks an `alertdialog`: `Forget the session, sign-in, history, drafts and saved lists of <name>?`.',
  ],
  'mcp-workspace': [
    'The add form is `Add server`, with a `Server URL` field and `Add`.',
    "The catalogue's search field is `Search tools` and its list `Tools`, each entry labelled with its server.",
    'Each server has `Sign in` when it needs one, `Rename` and `Remove`.',
  ],
  'mcp-app-view': [
    'The view is an iframe named `<tool title> app`; what it asks for (a permission, a link) is an `alertdialog`.',
  ],
  'mcp-skill-list': [
    "The list is `Skills`, each skill named by its name; an opened skill's files are a list named `Skill files`.",
  ],
  'mcp-result-view': [
    'Resource links are buttons `Read <name>` (or links `Open <name>`); audio is named `Audio (<type>)`.',
    'Each embedded resource is a group named `Contents of <uri>`; an error result is an `alert`.',
  ],
  'mcp-sampling-dialog': [
    'A `dialog` named `Sampling request from <server>`, with `Approve` and `Reject` at the first step and `Send` and `Reject` at the review step.',
  ],
  'mcp-elicitation-dialog': [
    'A `dialog` named `<server> asks for information` with `Submit`, `Decline` and `Cancel` (URL mode: `Open`, `Decline`, `Cancel`).',
    "Form fields are labelled like a tool form's.",
  ],
};

/** Text from the manifest, safe in Markdown prose: `<` outside code spans would be taken for an HTML tag. */
function prose(text = '') {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('')
    .replace(/\{\{/g, '{&#8203;{');
}
/** Prose in one table cell: one line, pipes escaped. */
const cell = (text = '') =>
  prose(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|');
/** A code span in a table cell. */
const code = (text) =>
  text
    ? `\`${String(text)
        .replace(/\s*\n\s*/g, ' ')
        .replace(/\|/g, '\\|')}\``
    : '';

function table(head, rows) {
  if (!rows.length) return '';
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ]
    .join('\n')
    .concat('\n');
}

const isPublic = (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.static && !m.name.startsWith('#');

/** A link to the event class's API page when TypeDoc wrote one. */
function eventType(name) {
  if (!name) return '';
  const simple = /^[A-Za-z]\w*$/.test(name);
  if (simple && existsSync(`${apiDir}index/classes/${name}.md`)) return `[\`${name}\`](/api/index/classes/${name}.md)`;
  if (simple && existsSync(`${apiDir}index/interfaces/${name}.md`))
    return `[\`${name}\`](/api/index/interfaces/${name}.md)`;
  return code(name);
}

function page(d) {
  const tag = d.tagName;
  const out = [];
  out.push(`# \`<${tag}>\`\n`);
  out.push(`${prose(d.summary)}\n`);
  if (d.description) out.push(`${prose(d.description)}\n`);
  const intro = `${introsDir}${tag}.md`;
  // The intro's own title, if it has one, would be a second h1: the page has its title.
  if (existsSync(intro))
    out.push(
      `${readFileSync(intro, 'utf8')
        .replace(/^\s*# .*\n/, '')
        .trim()}\n`,
    );

  const ex = EXAMPLES[tag];
  if (ex) {
    out.push('## Live example\n');
    if (ex.note) out.push(`${ex.note}\n`);
    out.push(
      '<LiveExample :html="$params.example.html" :wait="$params.example.wait" :setup="$params.example.setup" />\n',
    );
  }

  /** A description cell followed by its facts (type, default...) on a second line. */
  const described = (description, facts) =>
    [cell(description), facts.filter(Boolean).join(' · ')].filter(Boolean).join('<br>');

  const attributes = d.attributes ?? [];
  if (attributes.length) {
    out.push('## Attributes\n');
    out.push(
      table(
        ['Attribute', 'Description'],
        attributes.map((a) => [
          code(a.name),
          described(a.description, [
            a.type?.text && `Type: ${code(a.type.text)}`,
            a.default && `Default: ${code(a.default)}`,
            a.fieldName && `Property: ${code(a.fieldName)}`,
          ]),
        ]),
      ),
    );
  }

  const members = (d.members ?? []).filter(isPublic);
  const fields = members.filter((m) => m.kind === 'field' && !m.attribute);
  if (fields.length) {
    out.push('## Properties\n');
    out.push('Set from JavaScript (no attribute). The properties of the attributes above are in their table.\n');
    out.push(
      table(
        ['Property', 'Description'],
        fields.map((f) => [
          code(f.name),
          described(f.description, [
            f.type?.text && `Type: ${code(f.type.text)}`,
            f.default && `Default: ${code(f.default)}`,
            f.readonly && 'read-only',
          ]),
        ]),
      ),
    );
  }

  const methods = members.filter((m) => m.kind === 'method' && !/Callback$/.test(m.name));
  if (methods.length) {
    out.push('## Methods\n');
    out.push(
      table(
        ['Method', 'Description'],
        methods.map((m) => [
          code(`${m.name}(${(m.parameters ?? []).map((p) => p.name + (p.optional ? '?' : '')).join(', ')})`),
          described(m.description, [m.return?.type?.text && `Returns: ${code(m.return.type.text)}`]),
        ]),
      ),
    );
  }

  const events = d.events ?? [];
  if (events.length) {
    out.push('## Events\n');
    out.push('Every event bubbles and is composed (it crosses shadow roots). Fields are on the event object.\n');
    out.push(
      table(
        ['Event', 'Description'],
        events.map((e) => {
          // The manifest writes an event's fields as "… Fields: name: Type; other: Type." (scripts/manifest.mjs).
          const [, text = e.description, fields] =
            /^([\s\S]*?)\s*Fields: ([\s\S]*?)\.?$/.exec(e.description ?? '') ?? [];
          return [
            code(e.name),
            described(text, [
              fields && `Fields: ${fields.split('; ').map(code).join(', ')}`,
              e.type?.text && `Class: ${eventType(e.type.text)}`,
              e.cancelable && 'cancelable',
            ]),
          ];
        }),
      ),
    );
  }

  const slots = d.slots ?? [];
  if (slots.length) {
    out.push('## Slots\n');
    out.push(
      table(
        ['Slot', 'Description'],
        slots.map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]),
      ),
    );
  }
  const parts = d.cssParts ?? [];
  if (parts.length) {
    out.push('## CSS parts\n');
    out.push(`Style them from the page with \`${tag}::part(name)\`.\n`);
    out.push(
      table(
        ['Part', 'Description'],
        parts.map((p) => [code(p.name), cell(p.description)]),
      ),
    );
  }
  const props = d.cssProperties ?? [];
  if (props.length) {
    out.push('## CSS custom properties\n');
    out.push('Set them on the element or any ancestor; see [Theming](../guide/theming.md).\n');
    out.push(
      table(
        ['Property', 'Description'],
        props.map((p) => [code(p.name), described(p.description, [p.default && `Default: ${code(p.default)}`])]),
      ),
    );
  }
  const states = d.cssStates ?? [];
  if (states.length) {
    out.push('## Custom states\n');
    out.push(`Match them with \`${tag}:state(name)\`.\n`);
    out.push(
      table(
        ['State', 'Description'],
        states.map((s) => [code(`:state(${s.name})`), cell(s.description)]),
      ),
    );
  }
  const names = ACCESSIBLE_NAMES[tag];
  if (names) {
    out.push('## Accessible names\n');
    out.push(`${names.map((n) => `- ${prose(n)}`).join('\n')}\n`);
  }
  out.push(`## In code\n`);
  out.push(
    `The class is \`${d.name}\`${
      existsSync(`${apiDir}index/classes/${d.name}.md`) ? ` ([API reference](/api/index/classes/${d.name}.md))` : ''
    }; \`document.querySelector('${tag}')\` is typed as it.\n`,
  );
  return out.join('\n');
}

/** Every element of the manifest, by tag. */
export function elements() {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const all = [];
  for (const mod of manifest.modules ?? [])
    for (const d of mod.declarations ?? []) if (d.customElement && d.tagName) all.push(d);
  return all.sort((a, b) => a.tagName.localeCompare(b.tagName));
}

export default {
  watch: ['../../custom-elements.json', '../_intros/*.md'],
  paths() {
    return elements().map((d) => ({
      params: {
        tag: d.tagName,
        title: `<${d.tagName}>`,
        example: EXAMPLES[d.tagName] ?? null,
      },
      content: page(d),
    }));
  },
};
