// A rollup plugin that turns an ES build with lazy chunks into a script-tag build: the entry
// becomes one IIFE that sets the global, and its lazy chunks stay ES modules beside it, imported
// from URLs relative to the script itself (document.currentScript). Chunks reach the entry's code
// through a registry under a Symbol.for key instead of importing the entry. No eval, no inline
// script: CSP-clean under `script-src 'self'`. A second copy of the script finds the registry and
// hands out the first copy's exports, so loading it twice defines nothing twice. The globals are
// set as properties of globalThis, so the minifier may treat every file as a module.

import MagicString from 'magic-string';

const KEY = 'Symbol.for("mcp-web-components.iife")';

/** `a as b, c` -> `a: b, c` (import specifiers as a destructuring pattern). */
const pattern = (specifiers) =>
  specifiers
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.replace(/^(\S+)\s+as\s+(\S+)$/, '$1: $2'))
    .join(', ');

/** @param {{ name: string, alias?: string }} options the global and an optional deprecated alias */
export function iifeChunks({ name, alias }) {
  let publicNames;
  return {
    name: 'iife-chunks',
    async buildEnd() {
      // The entry's public names, `export *` followed: the global gets these, the chunks' registry all.
      const names = async (id, seen = new Set()) => {
        if (seen.has(id)) return [];
        seen.add(id);
        const info = this.getModuleInfo(id);
        const out = info.exports.filter((n) => n !== '*');
        for (const [source, bound] of Object.entries(info.exportedBindings ?? {}))
          if (bound.includes('*')) out.push(...(await names((await this.resolve(source, id)).id, seen)));
        return out;
      };
      const entry = [...this.getModuleIds()].find((id) => this.getModuleInfo(id).isEntry);
      publicNames = new Set(await names(entry));
    },
    renderDynamicImport({ chunk }) {
      // Only the entry becomes a classic script; chunks import each other as modules do.
      if (chunk.isEntry) return { left: 'import(new URL(', right: ', __mcpBase).href)' };
    },
    renderChunk(code, chunk) {
      if (!chunk.isEntry) {
        // The lazy chunk takes what it shares with the entry from the registry.
        const entryFile = chunk.imports.find((f) => !f.startsWith('chunks/'));
        if (!entryFile) return null;
        const from = /import\s*\{([^}]*)\}\s*from\s*(['"])[./]*mcp-web-components\.iife\.js\2;?/;
        if (!from.test(code))
          throw new Error(
            `iife-chunks: ${chunk.fileName} imports the entry in a form this plugin does not know: ${chunk.imports} ${code.slice(0, 300)}`,
          );
        const m = from.exec(code);
        const s = new MagicString(code).overwrite(
          m.index,
          m.index + m[0].length,
          `const { ${pattern(m[1])} } = globalThis[${KEY}].shared;`,
        );
        return { code: s.toString(), map: s.generateMap({ hires: true }) };
      }
      if (chunk.imports.length)
        throw new Error(
          `iife-chunks: the entry imports ${chunk.imports.join(', ')} statically; it must hold all shared code`,
        );
      const exports = /\nexport\s*\{([^}]*)\};?\s*$/;
      const found = exports.exec(code);
      const specifiers = found ? pattern(found[1]).split(', ') : [];
      const api = specifiers.filter((s) => publicNames.has(s.split(': ').pop()));
      const s = new MagicString(code);
      if (found) s.remove(found.index, code.length);
      const swap = (list) => list.map((x) => x.replace(/^(\S+): (\S+)$/, '$2: $1')).join(', ');
      s.prepend(`globalThis.${name} = (() => {
"use strict";
const __mcpKey = ${KEY};
if (globalThis[__mcpKey]) return globalThis[__mcpKey].api;
const __mcpBase = (document.currentScript && document.currentScript.src) || document.baseURI;
`);
      s.append(`
const api = { ${swap(api)} };
Object.defineProperty(globalThis, __mcpKey, { value: { api, shared: { ${swap(specifiers)} } } });
return api;
})();${alias ? `\nglobalThis.${alias} = globalThis.${name};` : ''}\n`);
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
  };
}
