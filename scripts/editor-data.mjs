// Editor support written from custom-elements.json (run scripts/manifest.mjs first):
// dist/vscode.html-custom-data.json for VS Code's `html.customData` setting, and dist/web-types.json
// for JetBrains IDEs (package.json's `web-types` field points there), so tags, attributes, their
// values, events, slots and custom properties complete and explain themselves in HTML.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const elements = manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement && d.tagName));
/** The literal choices of a type such as `'auto' | 'sse' | undefined`. */
const choices = (type) => [...(type ?? '').matchAll(/'([^']*)'/g)].map(([, v]) => v);
const describe = (d) =>
  [
    d.summary ?? d.description,
    d.slots?.length && `Slots: ${d.slots.map((s) => s.name || '(default)').join(', ')}.`,
    d.events?.length && `Events: ${d.events.map((e) => e.name).join(', ')}.`,
  ]
    .filter(Boolean)
    .join('\n\n');

const vscode = {
  $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
  version: 1.1,
  tags: elements.map((d) => ({
    name: d.tagName,
    description: describe(d),
    attributes: (d.attributes ?? []).map((a) => ({
      name: a.name,
      description: [a.description, a.default && `Default: ${a.default}.`].filter(Boolean).join(' '),
      ...(choices(a.type?.text).length
        ? { values: choices(a.type.text).map((name) => ({ name })) }
        : a.type?.text === 'boolean'
          ? { valueSet: 'v' }
          : {}),
    })),
  })),
};

const webTypes = {
  $schema: 'https://json.schemastore.org/web-types',
  name: pkg.name,
  version: pkg.version,
  'description-markup': 'markdown',
  'js-types-syntax': 'typescript',
  contributions: {
    html: {
      elements: elements.map((d) => ({
        name: d.tagName,
        description: describe(d),
        attributes: (d.attributes ?? []).map((a) => ({
          name: a.name,
          description: a.description,
          ...(a.default ? { default: a.default } : {}),
          value: { type: a.type?.text ?? 'string' },
        })),
        slots: (d.slots ?? []).map((s) => ({ name: s.name, description: s.description })),
        events: (d.events ?? []).map((e) => ({ name: e.name, description: e.description })),
        js: {
          properties: (d.members ?? [])
            .filter((m) => m.kind === 'field' && !m.privacy && !m.static)
            .map((m) => ({ name: m.name, description: m.description, type: m.type?.text })),
          events: (d.events ?? []).map((e) => ({ name: e.name, description: e.description, type: e.type?.text })),
        },
      })),
    },
    css: {
      properties: [...new Map(elements.flatMap((d) => d.cssProperties ?? []).map((p) => [p.name, p])).values()].map(
        (p) => ({ name: p.name, description: p.description }),
      ),
      parts: [...new Map(elements.flatMap((d) => d.cssParts ?? []).map((p) => [p.name, p])).values()].map((p) => ({
        name: p.name,
        description: p.description,
      })),
    },
  },
};

mkdirSync('dist', { recursive: true });
writeFileSync('dist/vscode.html-custom-data.json', JSON.stringify(vscode, null, 2) + '\n');
writeFileSync('dist/web-types.json', JSON.stringify(webTypes, null, 2) + '\n');
console.log(`editor data: ${elements.length} elements in dist/vscode.html-custom-data.json and dist/web-types.json`);
