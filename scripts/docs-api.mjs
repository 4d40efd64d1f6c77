// Writes the headless API reference (Markdown, for the documentation site) into docs/api/ with TypeDoc and
// typedoc-plugin-markdown, from the package's public entry points. docs/api/ is generated (gitignored);
// `npm run docs` and `npm run docs:build` run this first. Warnings are printed, never fatal.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, LogLevel, OptionDefaults } from 'typedoc';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The package exports with types worth a page (the elements have their own pages, from custom-elements.json):
 * source, the import specifier, what it holds. The first entry that exports a declaration documents it, so the
 * narrow entries come before the full build's.
 */
export const API_ENTRIES = [
  [
    'src/client.ts',
    'mcp-web-components/client',
    'The headless client (`McpClient`), its options, errors and the MCP types.',
  ],
  [
    'src/store.ts',
    'mcp-web-components/store',
    'The stores the `store` option takes (IndexedDB, memory) and the records the elements keep in them.',
  ],
  [
    'src/workspace.ts',
    'mcp-web-components/workspace',
    'Several servers at once: `McpWorkspace`, the headless pool behind `<mcp-workspace>`, and `sharedClient`.',
  ],
  [
    'src/sampling/openai.ts',
    'mcp-web-components/sampling/openai',
    'A sampling handler for OpenAI-compatible endpoints.',
  ],
  [
    'src/sampling/browser.ts',
    'mcp-web-components/sampling/browser',
    "A sampling handler on the browser's built-in model.",
  ],
  [
    'src/index.ts',
    'mcp-web-components',
    "The full build: every element's class, the events, `loadDialogs`, `registerLocale`, and the client and store exports.",
  ],
];

export async function buildApiDocs({ out = path.join(ROOT, 'docs', 'api') } = {}) {
  const app = await Application.bootstrapWithPlugins({
    entryPoints: API_ENTRIES.map(([file]) => path.join(ROOT, file)),
    tsconfig: path.join(ROOT, 'tsconfig.build.json'),
    plugin: ['typedoc-plugin-markdown'],
    out,
    readme: 'none',
    name: 'API reference',
    excludePrivate: true,
    excludeProtected: true,
    excludeInternal: true,
    excludeExternals: true,
    excludeNotDocumented: false,
    disableSources: true,
    githubPages: false,
    // The elements' JSDoc tags (custom-elements.json reads them; the element pages show them).
    blockTags: [...OptionDefaults.blockTags, '@csspart', '@cssprop', '@cssproperty', '@cssstate', '@fires', '@slot'],
    logLevel: LogLevel.Warn,
    treatWarningsAsErrors: false,
    validation: { notExported: false, invalidLink: true, notDocumented: false },
    // typedoc-plugin-markdown
    entryFileName: 'index.md',
    hidePageHeader: true,
    hideBreadcrumbs: true,
    useCodeBlocks: true,
    parametersFormat: 'table',
    enumMembersFormat: 'table',
    sanitizeComments: true,
  });
  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not convert the API entry points');
  await rm(out, { recursive: true, force: true });
  await app.generateOutputs(project);
  // VitePress drops a heading's leading underscore from its id ("_meta" is #meta): the links say so too.
  for (const entry of await readdir(out, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    const page = path.join(entry.parentPath ?? entry.path, entry.name);
    const text = await readFile(page, 'utf8');
    const fixed = text.replace(/(\]\([^)\s]*#)_+/g, '$1');
    if (fixed !== text) await writeFile(page, fixed);
  }
  // Each module's page is titled with its import specifier, and the index says what each one holds.
  const rows = [];
  for (const [file, specifier, what] of API_ENTRIES) {
    const dir = file.replace(/^src\//, '').replace(/\.ts$/, '');
    const page = path.join(out, dir, 'index.md');
    const text = await readFile(page, 'utf8');
    await writeFile(page, text.replace(/^# .*$/m, `# ${specifier}`));
    rows.push(`| [\`${specifier}\`](./${dir}/index.md) | ${what} |`);
  }
  await writeFile(
    path.join(out, 'index.md'),
    [
      '# API reference',
      '',
      'The headless API, generated from the TypeScript types with TypeDoc. The elements have their own pages',
      '([Elements](../elements/index.md)); [The headless client](../guide/headless.md) is the guide to this API.',
      '',
      '| Import | What it holds |',
      '| --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildApiDocs();
  console.log(`API reference written to ${path.relative(ROOT, out)}/`);
}
