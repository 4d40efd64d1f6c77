// Writes custom-elements.json: the analyzer reads the element classes, and since registration
// lives apart in each define.ts (defineElement('tag', Class)), this adds the tag names from there.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';

execFileSync('npx', ['cem', 'analyze', '--litelement', '--globs', 'src/components/**/*.ts', '--exclude', 'src/components/**/*.styles.ts', '--exclude', 'src/components/**/define.ts', '--quiet'], { stdio: 'inherit' });
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const tags = new Map();
for (const dir of readdirSync('src/components')) {
  const define = `src/components/${dir}/define.ts`;
  if (!existsSync(define)) continue;
  for (const [, tag, name] of readFileSync(define, 'utf8').matchAll(/defineElement\('([^']+)',\s*(\w+)\)/g)) tags.set(name, tag);
}
for (const mod of manifest.modules) {
  for (const decl of mod.declarations ?? []) {
    const tag = tags.get(decl.name);
    if (!tag) continue;
    decl.tagName = tag;
    decl.customElement = true;
    mod.exports = [...(mod.exports ?? []), { kind: 'custom-element-definition', name: tag, declaration: { name: decl.name, module: mod.path } }];
  }
}
writeFileSync('custom-elements.json', JSON.stringify(manifest, null, 2) + '\n');
console.log(`custom-elements.json: ${tags.size} elements`);
