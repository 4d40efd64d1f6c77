// Skills (SEP-2640) through McpClient against a server no one here wrote: Effect 4's McpServer
// (`effect/ai`) in both eras; and refusals of a SKILL.md that does not match its entry, from our own
// tampered fixture (servers/skills.mjs), each with its reason and nothing read after it.
import { expect } from '@open-wc/testing';
import { McpClient, McpSkillVerificationError, type Skill } from '../../src/client.js';
import { servers } from '../helpers.js';

const reads = async (): Promise<string[]> => (await (await fetch((await servers()).skillsControl)).json()).reads;

/** What `promise` was rejected with (the test fails if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('Skills against Effect 4 (effect/ai McpServer)', () => {
  for (const [era, key] of [
    ['modern', 'skills'],
    ['legacy', 'skillsLegacy'],
  ] as const) {
    it(`lists, loads, reads and verifies a skill (${era} era)`, async () => {
      const client = new McpClient({ url: (await servers())[key], skills: true });
      await client.connect();
      expect(client.era).to.equal(era);
      const [skill, ...others] = await client.listSkills();
      expect(others).to.have.length(0);
      expect(skill.uri).to.equal('skill://docs/pdf-processing/SKILL.md');
      expect(skill.frontmatter).to.deep.equal({
        name: 'pdf-processing',
        description: 'Extract, fill, and assemble PDF documents',
        license: 'Apache-2.0',
        metadata: { version: '2.1.0' },
      });
      expect(await client.getSkill(skill.uri)).to.deep.equal(skill);

      const md = await client.readSkillFile(skill);
      expect(md.verified).to.equal(true);
      expect(md.frontmatter).to.deep.equal(skill.frontmatter);
      expect(md.body).to.match(/^\n# PDF processing\n/);
      const forms = await client.readSkillFile(skill, 'references/FORMS.md');
      expect([forms.verified, forms.text]).to.deep.equal([true, 'Forms have fields.\n']);

      const error = await rejection(client.readSkillFile(skill, 'references/NOT-LISTED.md'));
      expect(error).to.be.instanceOf(McpSkillVerificationError);
      expect([(error as McpSkillVerificationError).reason, (error as McpSkillVerificationError).uri]).to.deep.equal([
        'unlisted',
        'skill://docs/pdf-processing/references/NOT-LISTED.md',
      ]);
      await client.close();
    });
  }

  it('reads a skill directory where the server offers it', async () => {
    const client = new McpClient({ url: (await servers()).skills, skills: true });
    await client.connect();
    const children = await client.readSkillDirectory('skill://docs/pdf-processing');
    expect(children.map((c) => c.uri).sort()).to.deep.equal([
      'skill://docs/pdf-processing/SKILL.md',
      'skill://docs/pdf-processing/references',
      'skill://docs/pdf-processing/templates',
    ]);
    await client.close();
  });

  it('lists no skills for a server without the extension, asking it nothing', async () => {
    const client = new McpClient({ url: (await servers()).modern, skills: true });
    await client.connect();
    expect(await client.listSkills()).to.deep.equal([]);
    await client.close();
  });
});

describe('Skills: a SKILL.md that does not match its entry is refused', () => {
  for (const reason of ['size', 'digest', 'frontmatter'] as const) {
    it(`refuses it with reason "${reason}", returns none of it and reads no other file`, async () => {
      const client = new McpClient({ url: `${(await servers()).skillsTampered}/${reason}`, skills: true });
      await client.connect();
      const [skill] = await client.listSkills();
      expect((await reads()).filter((r) => r.startsWith(`${reason} `))).to.deep.equal([]); // nothing read on listing
      const error = await rejection(client.readSkillFile(skill));
      expect(error).to.be.instanceOf(McpSkillVerificationError);
      expect((error as McpSkillVerificationError).reason).to.equal(reason);
      expect((error as McpSkillVerificationError).uri).to.equal(skill.uri);
      if (reason === 'frontmatter')
        expect((error as McpSkillVerificationError).differences).to.deep.equal(['description']);
      expect((await reads()).filter((r) => r.startsWith(`${reason} `))).to.deep.equal([`${reason} ${skill.uri}`]);
      await client.close();
    });
  }

  it('refuses an entry over the SEP limits before reading anything', async () => {
    const client = new McpClient({ url: `${(await servers()).skillsTampered}/size`, skills: true });
    await client.connect();
    const [skill] = await client.listSkills();
    const huge: Skill = {
      ...skill,
      resources: [{ uri: skill.uri, digest: `sha256:${'0'.repeat(64)}`, size: 16_777_217 }],
    };
    expect(await rejection(client.readSkillFile(huge))).to.be.instanceOf(TypeError);
    await client.close();
  });
});
