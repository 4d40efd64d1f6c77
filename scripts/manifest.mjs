// Writes custom-elements.json. The analyzer reads the element classes (attributes, properties,
// methods, parts, slots, states from the class JSDoc); this script adds what it cannot see or gets
// wrong, from the sources themselves, and fails the build when the JSDoc and the code disagree:
// - tag names, from each define.ts (defineElement('tag', Class));
// - events: every `new Mcp…Event(` an element's module dispatches, with its name, class, detail
//   type and cancelable flag read from src/events/events.ts (the analyzer names them after a
//   constructor argument or not at all), described by the class's `@fires` line;
// - CSS custom properties: every `--mcp-*` the element's styles read, with its fallback as the
//   default, described by a `@cssprop` line (shared ones in shared.styles.ts);
// - the `theme` attribute every element's shared styles answer to.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

execFileSync(
  'npx',
  [
    'cem',
    'analyze',
    '--litelement',
    '--globs',
    'src/components/**/*.ts',
    '--exclude',
    'src/components/**/*.styles.ts',
    '--exclude',
    'src/components/**/define.ts',
    '--quiet',
  ],
  { stdio: 'inherit' },
);
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const problems = [];

const tags = new Map();
for (const dir of readdirSync('src/components')) {
  const define = `src/components/${dir}/define.ts`;
  if (!existsSync(define)) continue;
  for (const [, tag, name] of readFileSync(define, 'utf8').matchAll(/defineElement\('([^']+)',\s*(\w+)\)/g))
    tags.set(name, tag);
}

/** Event classes of src/events/events.ts: name, cancelable, detail type, named fields, summary. */
const eventClasses = new Map();
// An element loaded on first use (<mcp-app-view>) keeps its events beside it, in its own events.ts.
// Events of such an element may also sit in src/events/ beside events.ts (skills.ts).
const eventFiles = [
  ...readdirSync('src/events').map((f) => `src/events/${f}`),
  ...readdirSync('src/components')
    .map((d) => `src/components/${d}/events.ts`)
    .filter(existsSync),
];
const eventsSource = eventFiles.map((f) => readFileSync(f, 'utf8')).join('\n');
for (const [, doc, cls, detail, body] of eventsSource.matchAll(
  /\/\*\*\s*([\s\S]*?)\s*\*\/\s*export class (\w+) extends (?:Event|CustomEvent<(.+?)>) \{([\s\S]*?)\n\}/g,
)) {
  const name = /super\('([\w-]+)'/.exec(body)?.[1];
  if (!name) problems.push(`${cls}: no event name in its constructor`);
  const fields = [...body.matchAll(/(?:^\s*|constructor\()readonly (\w+)(\??): (.+?)(?:;|,|\) \{)?$/gm)].map(
    ([, f, opt, t]) => `${f}${opt}: ${t}`,
  );
  // Cancelable: init(true), or the app events' init object (cancelable: true) passed as is.
  eventClasses.set(cls, {
    name,
    cancelable: /init\(true\)|'[\w-]+', init\)/.test(body),
    detail,
    fields,
    summary: doc.replace(/\s*\n\s*\*\s*/g, ' '),
  });
}

/** Every `--mcp-*` a style file reads, with its first fallback; `@cssprop` descriptions from any file. */
const cssDescriptions = new Map();
const readProps = (source) =>
  [...source.matchAll(/var\((--mcp-[\w-]+)\s*(?:,\s*([^;]*?))?\)\s*[;\n]/g)].map(([, name, fallback]) => ({
    name,
    default: fallback?.trim(),
  }));
const styleFilesOf = (file, seen = new Set()) => {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.\.?\/[\w./-]+\.styles)\.js'/g))
    styleFilesOf(normalize(join(dirname(file), `${spec}.ts`)), seen);
  return seen;
};
for (const f of readdirSync('src/components', { recursive: true }).filter((f) => f.endsWith('.ts'))) {
  for (const [, name, text] of readFileSync(join('src/components', f), 'utf8').matchAll(
    /@cssprop (--mcp-[\w-]+) - (.+)/g,
  ))
    cssDescriptions.set(name, text.trim());
}

/** Exported constants with a literal value (`export const NAME = 500;`), for the defaults that name one. */
const constants = new Map();
for (const f of readdirSync('src', { recursive: true }).filter((f) => f.endsWith('.ts'))) {
  for (const [, name, value] of readFileSync(join('src', f), 'utf8').matchAll(
    /^export const ([A-Z][A-Z0-9_]+) = (\d+|'[^']*'|true|false);/gm,
  ))
    constants.set(name, value);
}

const theme = {
  name: 'theme',
  type: { text: "'light' | 'dark' | undefined" },
  description: '`light` or `dark` to override the system colour scheme (default: follow `prefers-color-scheme`).',
};

/** Event classes each element's own module dispatches, by tag. */
const elements = [];
for (const mod of manifest.modules) {
  for (const decl of mod.declarations ?? []) {
    const tag = tags.get(decl.name);
    if (!tag) {
      // A base class (ClientElement): its members are inherited into the elements; it is no element itself.
      delete decl.customElement;
      delete decl.tagName;
      continue;
    }
    // An element whose body loads late (<mcp-app-view>) dispatches its events from <tag>.late.ts.
    const late = mod.path.replace(/\.ts$/, '.late.ts');
    const source = readFileSync(mod.path, 'utf8') + (existsSync(late) ? readFileSync(late, 'utf8') : '');
    elements.push({
      mod,
      decl,
      tag,
      source,
      dispatched: [...new Set([...source.matchAll(/new (Mcp\w+Event)\(/g)].map(([, cls]) => cls))],
    });
  }
}
const dispatchedBy = new Map(elements.map((e) => [e.tag, e.dispatched]));

for (const { mod, decl, tag, source, dispatched } of elements) {
  decl.tagName = tag;
  decl.customElement = true;
  mod.exports = [
    ...(mod.exports ?? []),
    { kind: 'custom-element-definition', name: tag, declaration: { name: decl.name, module: mod.path } },
  ];

  // An event of an element this one renders bubbles out of it too (composed): listed when a @fires line says so.
  const fires = new Map(
    (decl.events ?? []).filter((e) => e.name?.startsWith('mcp-') && e.description).map((e) => [e.name, e.description]),
  );
  const inner = [...new Set([...source.matchAll(/<(mcp-[\w-]+)/g)].map(([, t]) => t))]
    .filter((t) => t !== tag)
    .flatMap((t) => dispatchedBy.get(t) ?? []);
  const classes = [
    ...dispatched,
    ...inner.filter((cls) => !dispatched.includes(cls) && fires.has(eventClasses.get(cls)?.name)),
  ];
  decl.events = [...new Set(classes)].map((cls) => {
    const ev = eventClasses.get(cls);
    if (!ev) {
      problems.push(`${tag}: dispatches ${cls}, which no events.ts declares`);
      return { name: cls };
    }
    if (!fires.has(ev.name)) problems.push(`${tag}: fires ${ev.name} without a @fires line`);
    const said = fires.get(ev.name) ?? ev.summary;
    const about = ev.detail
      ? said.includes('`detail`')
        ? ''
        : `\`detail\`: ${ev.detail}.`
      : ev.fields.length
        ? `Fields: ${ev.fields.join('; ')}.`
        : '';
    return {
      name: ev.name,
      type: { text: cls },
      description: [said, about].filter(Boolean).join(' '),
      ...(ev.detail ? { detail: { text: ev.detail } } : {}),
      cancelable: ev.cancelable,
    };
  });
  for (const name of fires.keys())
    if (!decl.events.some((e) => e.name === name))
      problems.push(`${tag}: @fires ${name}, but neither it nor an element it renders dispatches it`);

  const props = new Map();
  for (const file of styleFilesOf(mod.path))
    for (const p of readProps(readFileSync(file, 'utf8'))) props.set(p.name, p); // the last fallback: the light theme's
  decl.cssProperties = [...props.values()].map((p) => {
    if (!cssDescriptions.has(p.name)) problems.push(`${tag}: reads ${p.name}, which no @cssprop line describes`);
    return { name: p.name, description: cssDescriptions.get(p.name), ...(p.default ? { default: p.default } : {}) };
  });

  // A default the analyzer leaves as a constant's name (ACTIVATION_DELAY_MS) is written as the constant's literal
  // value.
  for (const m of [...(decl.members ?? []), ...(decl.attributes ?? [])]) {
    if (/^[A-Z][A-Z0-9_]+$/.test(m.default ?? ''))
      m.default =
        constants.get(m.default) ??
        (problems.push(`${tag}: default ${m.default} is no exported constant literal`), m.default);
  }
  decl.attributes ??= [];
  if (!decl.attributes.some((a) => a.name === 'theme')) decl.attributes.push(theme);
  for (const list of ['slots', 'cssStates', 'cssParts']) decl[list] ??= [];
}

if (problems.length) {
  console.error(`custom-elements.json does not match the code:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
writeFileSync('custom-elements.json', JSON.stringify(manifest, null, 2) + '\n');
console.log(`custom-elements.json: ${tags.size} elements`);
