import { describe, it } from 'node:test';
import { expect } from 'chai';
import {
  FrontmatterError,
  frontmatterDifferences,
  parseFrontmatter,
  parseSkillMarkdown,
} from '../../../../src/core/skills/frontmatter.js';
import { entryProblem, resolveRef, sha256, type Skill } from '../../../../src/core/skills/skills.js';

const refused = (yaml: string) => expect(() => parseFrontmatter(yaml), yaml).to.throw(FrontmatterError);

describe('SKILL.md frontmatter (the strict subset)', () => {
  it('splits SKILL.md into frontmatter and body, tolerating CRLF and a BOM', () => {
    const { frontmatter, body } = parseSkillMarkdown(
      '\uFEFF---\r\nname: pdf\r\ndescription: Reads PDFs\r\n---\r\n\r\n# Body\r\n',
    );
    expect(frontmatter).to.deep.equal({ name: 'pdf', description: 'Reads PDFs' });
    expect(body).to.equal('\n# Body\n');
  });

  it('refuses SKILL.md without frontmatter or without its closing line', () => {
    expect(() => parseSkillMarkdown('# no frontmatter')).to.throw(FrontmatterError);
    expect(() => parseSkillMarkdown('---\nname: x\n')).to.throw(FrontmatterError);
  });

  it('reads nested mappings, sequences, quoted scalars and core-schema types', () => {
    const yaml = [
      'name: pdf-processing # the name',
      "description: 'It''s for PDFs: all of them'",
      'license: "Apache-2.0 \\u00e9"',
      'metadata:',
      '  version: "2.1.0"',
      '  build: 42',
      '  ratio: 0.5',
      '  beta: false',
      '  owner: ~',
      '  io.modelcontextprotocol/x: y',
      'tags:',
      '- a',
      '- "b c"',
      'flow: [one, "two", 3]',
      '',
      '# a comment',
    ].join('\n');
    expect(parseFrontmatter(yaml)).to.deep.equal({
      name: 'pdf-processing',
      description: "It's for PDFs: all of them",
      license: 'Apache-2.0 \u00e9',
      metadata: { version: '2.1.0', build: 42, ratio: 0.5, beta: false, owner: null, 'io.modelcontextprotocol/x': 'y' },
      tags: ['a', 'b c'],
      flow: ['one', 'two', 3],
    });
  });

  it('folds plain scalars over several lines and reads block scalars with chomping', () => {
    expect(parseFrontmatter('description: Extract text\n  and tables\n\n  from PDFs').description).to.equal(
      'Extract text and tables\nfrom PDFs',
    );
    expect(parseFrontmatter('a: |\n  one\n  two\n\nb: x').a).to.equal('one\ntwo\n');
    expect(parseFrontmatter('a: |-\n  one\n  two\n').a).to.equal('one\ntwo');
    expect(parseFrontmatter('a: |+\n  one\n\n').a).to.equal('one\n\n');
    expect(parseFrontmatter('a: >\n  one\n  two\n\n  three\n    indented\n').a).to.equal(
      'one two\nthree\n  indented\n',
    );
  });

  it('refuses what lies outside the subset instead of reading it differently', () => {
    refused('name: &anchor x');
    refused('name: *alias');
    refused('name: !tag x');
    refused('meta: {a: 1}');
    refused('name: a: b');
    refused('name: x\nname: y');
    refused('__proto__: x');
    refused('? complex\n: key');
    refused('name: "unclosed\n  still"');
    refused('list:\n- a: 1');
    refused('name: .inf');
    refused('\tname: x');
    refused('name: x\n  oops: y');
    refused('name: "bad \\q escape"');
  });

  it('names the fields that differ, whatever the key order', () => {
    expect(frontmatterDifferences({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).to.deep.equal([]);
    expect(frontmatterDifferences({ a: 1, b: 'x' }, { a: '1', c: true })).to.deep.equal(['a', 'b', 'c']);
  });
});

describe('skill entries, references and digests', () => {
  const digest = `sha256:${'0'.repeat(64)}`;
  const skill: Skill = {
    uri: 'skill://acme/pdf/SKILL.md',
    frontmatter: { name: 'pdf', description: 'd' },
    resources: [
      { uri: 'skill://acme/pdf/SKILL.md', digest, size: 1 },
      { uri: 'skill://acme/pdf/references/FORMS.md', digest, size: 1 },
    ],
  };

  it('resolves references against the skill root and refuses paths that leave it', () => {
    expect(resolveRef(skill)).to.equal('skill://acme/pdf/SKILL.md');
    expect(resolveRef(skill, './references/../references/FORMS.md#top')).to.equal(
      'skill://acme/pdf/references/FORMS.md',
    );
    expect(resolveRef(skill, '../other/SKILL.md')).to.equal(undefined);
    expect(resolveRef(skill, 'skill://elsewhere/x')).to.equal('skill://elsewhere/x');
  });

  it('accepts an entry within the SEP limits and refuses one over them or misnamed', () => {
    expect(entryProblem(skill)).to.equal(undefined);
    expect(entryProblem({ ...skill, uri: 'skill://acme/other/SKILL.md' })).to.be.a('string');
    expect(entryProblem({ ...skill, resources: undefined })).to.be.a('string');
    const many = Array.from({ length: 513 }, (_, i) => ({ uri: `skill://acme/pdf/f${i}`, digest, size: 1 }));
    expect(entryProblem({ ...skill, resources: [skill.resources[0], ...many] })).to.match(/512/);
    const big = [{ uri: skill.uri, digest, size: 16_777_217 }];
    expect(entryProblem({ ...skill, resources: big })).to.match(/bytes/);
  });

  it('computes sha256 digests in the SEP format', async () => {
    expect(await sha256(new TextEncoder().encode('abc'))).to.equal(
      'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
