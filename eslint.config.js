// ESLint for the whole repository: typescript-eslint's recommended set, the project's own choices (type-only
// imports, no `any`, lines of at most 120 characters) and the layer rules of ARCHITECTURE.md as import rules.
// Formatting is Prettier's (.prettierrc.json); eslint-config-prettier turns off every rule that would argue with it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

const root = import.meta.dirname;
const src = (path = '') => join(root, 'src', path);

// Every element is a folder src/components/<tag>/. Another element may import its public class module
// (<tag>/<tag>.ts: the class, for its type or to call it) and its define.ts (to register the tag); the rest
// of its folder (styles, events, messages, helpers that serve it alone) is its own.
const elements = readdirSync(src('components'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const elementZones = elements.flatMap((tag) =>
  elements
    .filter((other) => other !== tag)
    .map((other) => ({
      target: src(`components/${tag}`),
      from: src(`components/${other}`),
      except: ['define.ts', `${other}.ts`],
      message: `An element imports another element's define.ts or ${other}.ts only, never its internals.`,
    })),
);

// lit as it is installed (the resolver gives real files under these folders, .d.ts or .js).
const lit = ['lit', 'lit-html', 'lit-element', '@lit', '@lit-labs'].map((name) => join(root, 'node_modules', name));

const layers = [
  {
    target: src('core'),
    from: src(),
    except: ['./core'],
    message: 'core/ is the headless client: it imports nothing outside src/core/.',
  },
  { target: src('core'), from: lit, message: 'core/ is the headless client: it never imports lit.' },
  {
    target: src('internal'),
    from: src('components'),
    message: 'internal/ serves the elements: it never imports them.',
  },
  {
    target: src('relay'),
    from: src(),
    except: ['./relay'],
    message: 'The relay stands alone: it imports nothing of the client (nothing outside src/relay/).',
  },
  ...elementZones,
];

// A comment after code on its line may end by column `max` at most (unless it holds a URL). max-len measures
// the code before it, and whole-line comments.
const trailingCommentLen = {
  meta: { type: 'layout', schema: [{ type: 'integer' }] },
  create(context) {
    const max = context.options[0] ?? 120;
    const { sourceCode } = context;
    return {
      Program() {
        for (const comment of sourceCode.getAllComments()) {
          const { start, end } = comment.loc;
          const line = sourceCode.lines[end.line - 1];
          const before = sourceCode.lines[start.line - 1].slice(0, start.column);
          if (!before.trim() || end.column <= max || /https?:\/\//.test(comment.value)) continue;
          context.report({
            loc: { start: { line: end.line, column: max }, end: { line: end.line, column: line.length } },
            message: `This comment runs to column ${end.column}; a comment after code ends by column ${max}.`,
          });
        }
      },
    };
  },
};

// Files that run in Node: build and test tooling, the loopback servers, the relay's Node adapter and command.
const nodeFiles = [
  '*.{js,mjs}',
  'scripts/**',
  'servers/**',
  'bench/*.mjs',
  'bench/entries/**',
  'demo/*.mjs',
  'src/relay/*.mjs',
  'test/**/*.mjs',
];
// Node files that drive a browser page (puppeteer's page.evaluate): the function bodies they send run there.
const pageDrivers = [
  'bench/*.mjs',
  'scripts/screenshots.mjs',
  'test/conformance/browser-client.mjs',
  'test/apps-commands.mjs',
  'test/relay-commands.mjs',
];

export default defineConfig(
  {
    ignores: [
      '**/node_modules/',
      'dist/',
      'docs/.vitepress/dist/',
      'docs/.vitepress/cache/',
      'docs/api/',
      'bench/.build/',
      'bench/results.json',
      '.conformance/',
      'custom-elements.json',
      'test/apps/*/dist/',
      'test/screenshots/',
      'docs/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  importX.flatConfigs.typescript,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.browser },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    settings: {
      // TypeScript's resolution first (`./x.js` is x.ts; test/apps map the package name to src/), then Node's for
      // packages whose types do not resolve (the v1 SDK's `./*` export points at `*.js.d.ts`, which does not exist).
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: [join(root, 'tsconfig.json'), join(root, 'test/apps/tsconfig.json')],
          alwaysTryTypes: true,
          noWarnOnMultipleProjects: true,
        }),
        createNodeResolver(),
      ],
    },
    rules: {
      // As the code writes them: `import type { A }` when all are types, `import { type A, B }` when mixed. With
      // verbatimModuleSyntax, `import { type A }` alone would keep the module as a side-effect import.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // An import that does not resolve would slip past the layer rules (they check resolved paths): fail it.
      'import-x/no-unresolved': ['error', { ignore: ['^/'] }],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layers }],
      // The code states side effects as expressions on purpose (`a && b()`, `x ? (y = 1) : z()`): 170+ hits.
      '@typescript-eslint/no-unused-expressions': 'off',
      // tsc checks unused locals and parameters (noUnusedLocals, noUnusedParameters); this one keeps `_`-names free.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Non-null assertions are the code's way of saying "set by then" (after a connect, in a render): on purpose.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `interface IntrinsicElements extends McpIntrinsicElements {}` is how JSX and Vue typings merge: allowed.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // The rest of import-x's TypeScript set needs type information or duplicates tsc: keep only the two above.
      'import-x/named': 'off',
      'import-x/namespace': 'off',
      'import-x/default': 'off',
      'import-x/export': 'off',
      'import-x/no-named-as-default': 'off',
      'import-x/no-named-as-default-member': 'off',
      'import-x/no-duplicates': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    rules: {
      // Plain JavaScript has no type imports; JSDoc `import('...')` types are not imports.
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  { files: nodeFiles, languageOptions: { globals: globals.node } },
  { files: pageDrivers, languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    // dist/cli.js imports dist/relay-node.js, its neighbour once built (rollup keeps the specifier).
    files: ['src/relay/cli.mjs'],
    rules: { 'import-x/no-unresolved': ['error', { ignore: ['^\\./relay-node\\.js$'] }] },
  },
  {
    // Tests of the built bundles: dist/ is there once rollup has run (npm test builds first).
    files: ['test/node/**'],
    rules: { 'import-x/no-unresolved': ['error', { ignore: ['^\\.\\./\\.\\./dist/'] }] },
  },
  {
    // The page loads the script-tag build (dist/mcp-web-components.iife.js), which sets this global.
    files: ['test/delivery/csp-page.js'],
    languageOptions: { globals: { McpWebComponents: 'readonly' } },
  },
  prettier,
  {
    // After eslint-config-prettier, which turns max-len off. Prettier wraps code at 120 but not comments or literals.
    // Comments count (a person rewraps them). A URL, a string, a regex or a template literal does not: the
    // templates are messages, translations, pages and lit markup, whose whitespace is content, and breaking a
    // literal up hides what it says. max-len skips a whole line that holds one, so it measures code without
    // its trailing comment, and local/trailing-comment-len holds that comment to 120 on every line.
    plugins: { local: { rules: { 'trailing-comment-len': trailingCommentLen } } },
    rules: {
      'max-len': [
        'error',
        {
          code: 120,
          tabWidth: 2,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreTrailingComments: true,
        },
      ],
      'local/trailing-comment-len': ['error', 120],
    },
  },
);
