// checkOutput: a tool result's structuredContent against the tool's output schema, as
// <mcp-result-view> shows it (errors, or why the check was not run).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import { checkOutput } from '../../../../src/core/schema/validate.js';

describe('checkOutput: results against an output schema', () => {
  it('resolves local $refs and reports errors', () => {
    const schema = { $defs: { n: { type: 'number' } }, type: 'object', properties: { sum: { $ref: '#/$defs/n' } } };
    expect(checkOutput(schema, { sum: 1 }).errors).to.deep.equal([]);
    expect(checkOutput(schema, { sum: 'x' }).errors.length).to.be.greaterThan(0);
  });

  it('names the specific failures, not the "a property does not match" wrappers around them', () => {
    const { errors } = checkOutput(
      { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer', minimum: 0 } } },
      { a: 1, b: -1 },
    );
    expect(errors.map((e) => e.keyword).sort()).to.deep.equal(['minimum', 'type']);
  });

  it('does not run a pattern that could take too long, and says so', () => {
    const out = checkOutput(
      { type: 'object', properties: { s: { type: 'string', pattern: '^(a+)+$' } } },
      { s: 'a'.repeat(40) + 'b' },
    );
    expect(out.errors).to.deep.equal([]);
    expect(out.problem).to.match(/^the pattern \^\(a\+\)\+\$ could take too long to check/);
  });
});
