// How the elements name, mark and search catalogue entries (src/internal/catalogue.ts).
import { describe, it } from 'node:test';
import { expect } from 'chai';
import type { Tool } from '../../../src/core/protocol/types.js';
import { concerns, filterTools, isDestructive, titleOf, toolTitle } from '../../../src/internal/catalogue.js';
import { catalogueTools } from '../../fixtures/tools.js';

const tools: Tool[] = [
  ...catalogueTools,
  { name: 'careful', annotations: { destructiveHint: true, readOnlyHint: true }, inputSchema: { type: 'object' } },
];

describe('catalogue entries', () => {
  it('names tools by title, then annotations.title, then name', () => {
    expect(tools.map(toolTitle).slice(0, 3)).to.deep.equal(['plain', 'Top title', 'From annotations']);
  });

  it('names prompts, resources and templates by title, else name', () => {
    expect(titleOf({ name: 'n', title: 'T' })).to.equal('T');
    expect(titleOf({ name: 'n', title: '' })).to.equal('n');
    expect(titleOf({ name: 'n' })).to.equal('n');
  });

  it('filters by name, title and description', () => {
    expect(filterTools(tools, 'deletes').map((t) => t.name)).to.deep.equal(['wipe']);
    expect(filterTools(tools, 'ANNOTATION').map((t) => t.name)).to.deep.equal(['titled', 'annotated']);
  });

  it('shows every tool for an empty or blank search, and trims the query', () => {
    expect(filterTools(tools, '')).to.equal(tools);
    expect(filterTools(tools, '   ')).to.equal(tools);
    expect(filterTools(tools, '  wipe ').map((t) => t.name)).to.deep.equal(['wipe']);
    expect(filterTools(tools, 'nothing like it')).to.deep.equal([]);
  });

  it('marks a tool destructive only when it says so and does not also say read-only', () => {
    expect(tools.filter(isDestructive).map((t) => t.name)).to.deep.equal(['wipe']);
  });

  it('matches updates of the resource and of resources below it', () => {
    expect(concerns('file:///a', 'file:///a')).to.equal(true);
    expect(concerns('file:///a', 'file:///a/b')).to.equal(true);
    expect(concerns('file:///a/', 'file:///a/b')).to.equal(true);
    expect(concerns('file:///a', 'file:///ab')).to.equal(false);
  });
});
