// The gate every server regular expression passes before it runs on the main thread (src/core/schema/regex.ts).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { defuseSchema, patternCost } from '../../../../src/core/schema/regex.js';

describe('regex bombs: the gate', () => {
  it('refuses exponential patterns and caps the rest (the gate itself)', () => {
    for (const bomb of [
      '^(a+)+$',
      '(a*)*',
      '(a|aa)+',
      '^(\\w+\\s?)*$',
      '((ab)*c)+',
      '(a{1,9}){2,}',
      '(x+x+)+y',
      '(\\1a)',
      '(?<n>a)\\k<n>',
    ])
      expect(patternCost(bomb), bomb).to.equal(-1);
    expect(patternCost('^[a-z]+$')).to.equal(1);
    expect(patternCost('^\\d{4}-\\d{2}-\\d{2}$')).to.equal(0);
    expect(patternCost('^(\\+|-)?\\d+$')).to.equal(1);
    expect(patternCost('^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')).to.equal(3);
    expect(patternCost('a'.repeat(1001)), 'too long to judge').to.equal(-1);
  });

  it('takes unsafe patterns out of a schema at any depth, keeping the original for messages', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'string', pattern: '^(a+)+$' },
        b: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' } },
      },
      patternProperties: { '(x*)*': { type: 'string' }, '^ok$': { type: 'string' } },
    };
    expect(defuseSchema(schema)).to.have.members(['^(a+)+$', '(x*)*']);
    expect(schema.properties.a).to.deep.equal({ type: 'string', 'x-mcp-pattern': '^(a+)+$' });
    const kept = schema.properties.b.items as Record<string, unknown>;
    expect(kept['x-mcp-pattern']).to.equal('^[a-z]+$');
    expect(new RegExp(kept.pattern as string, 'u').test('abc')).to.equal(true);
    expect(Object.keys(schema.patternProperties)).to.have.length(1);
  });
});
