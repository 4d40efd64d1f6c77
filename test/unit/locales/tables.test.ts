// The message tables (src/messages.ts, src/locales/): complete in every shipped language, and
// picked by language with a fallback to English.
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { messagesFor, registerLocale } from '../../../src/messages.js';
import ar from '../../../src/locales/ar.js';
import de from '../../../src/locales/de.js';
import es from '../../../src/locales/es.js';
import fr from '../../../src/locales/fr.js';
import ja from '../../../src/locales/ja.js';
import { skillDefaults } from '../../../src/components/mcp-skill-list/messages.js';
import { workspaceDefaults } from '../../../src/components/mcp-workspace/messages.js';

const LOCALES = { ar, de, es, fr, ja } as Record<string, object>;

/** Every leaf path of a message table with its kind (string or function). */
function leaves(table: object, prefix = ''): string[] {
  return Object.entries(table).flatMap(([k, v]) =>
    v && typeof v === 'object' ? leaves(v, `${prefix}${k}.`) : [`${prefix}${k}:${typeof v}`],
  );
}

describe('locales', () => {
  it('ship complete: every message of the English table, <mcp-skill-list> and <mcp-workspace>, of the same kind', () => {
    // Those two elements' strings load with them, but the locales carry them too.
    const english = leaves({ ...messagesFor('en'), ...skillDefaults, ...workspaceDefaults });
    for (const [lang, table] of Object.entries(LOCALES))
      expect(leaves(table).sort(), lang).to.deep.equal([...english].sort());
  });

  it('answer in English for a language nobody registered, and a region table wins over its language', () => {
    expect(messagesFor('xx').run).to.equal('Run');
    registerLocale('pt', { run: 'Executar' });
    registerLocale('pt-BR', { run: 'Rodar' });
    expect(messagesFor('pt-PT').run).to.equal('Executar');
    expect(messagesFor('PT-br').run).to.equal('Rodar');
    expect(messagesFor('pt').cancel, 'a partial table falls back to English per message').to.equal('Cancel');
  });
});
