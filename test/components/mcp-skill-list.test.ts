// <mcp-skill-list> and <mcp-client>'s Skills tab, against Effect 4's McpServer (servers/skills.mjs)
// and our tampered fixture: listed, loaded lazily, SKILL.md shown as text, a file read when opened,
// a verification failure shown with its reason.
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { McpClient } from '../../src/client.js';
import type { McpSkillLoadEvent } from '../../src/index.js';
import type { McpSkillList } from '../../src/components/mcp-skill-list/mcp-skill-list.js';
import { connectedClient, fixtureShowing, freshStore, servers, widget } from '../helpers.js';

const shadow = (el: Element) => el.shadowRoot!;
const skillButton = (el: Element) => shadow(el).querySelector<HTMLButtonElement>('[part~="skill"]')!;
const reads = async (): Promise<string[]> => (await (await fetch((await servers()).skillsControl)).json()).reads;

describe('<mcp-skill-list>', () => {
  it('is a Skills tab of <mcp-client>, loaded when the tab opens, for a server that offers skills', async () => {
    expect(customElements.get('mcp-skill-list')).to.equal(undefined);
    const el = await widget((await servers()).skills, { store: freshStore('mcp-skill-list') });
    await waitUntil(() => shadow(el).querySelector('#tab-skills'), 'Skills tab shown');
    const tabs = [...shadow(el).querySelectorAll('[role=tab]')].map((t) => t.textContent!.trim());
    expect(tabs).to.include('Skills');
    expect(customElements.get('mcp-skill-list')).to.equal(undefined);
    shadow(el).querySelector<HTMLButtonElement>('#tab-skills')!.click();
    await waitUntil(() => customElements.get('mcp-skill-list'), 'element loaded');
    const list = shadow(el).querySelector('mcp-skill-list')!;
    await waitUntil(() => list.shadowRoot?.querySelector('[part~="skill"]'), 'skills listed');
    expect(skillButton(list).querySelector('.name')!.textContent).to.equal('pdf-processing');
    expect(skillButton(list).querySelector('[part=description]')!.textContent).to.equal(
      'Extract, fill, and assemble PDF documents',
    );
    await expect(el).to.be.accessible();
  });

  it('has no Skills tab for a server without the extension', async () => {
    const el = await widget((await servers()).legacy, { store: freshStore('mcp-skill-list') });
    await waitUntil(() => shadow(el).querySelector('[role=tab]'), 'tabs shown');
    expect(shadow(el).querySelector('#tab-skills')).to.equal(null);
  });

  it('loads a skill: SKILL.md as text, its files with sizes, a file read and verified when opened', async () => {
    const client = await connectedClient('skills', { skills: true });
    const el = await fixtureShowing<McpSkillList>(
      html`<mcp-skill-list .client=${client}></mcp-skill-list>`,
      '[part~="skill"]',
    );
    const loading = oneEvent(el, 'mcp-skill-load') as Promise<McpSkillLoadEvent>;
    skillButton(el).click();
    const { detail } = await loading;
    expect(detail.skill.uri).to.equal('skill://docs/pdf-processing/SKILL.md');
    expect([detail.file.verified, detail.server]).to.deep.equal([true, client.url]);
    await waitUntil(() => shadow(el).querySelector('[part=skill-md]'), 'SKILL.md shown');
    const md = shadow(el).querySelector('[part=skill-md]')!;
    // Server text is text: the <script> in SKILL.md is shown, never made an element.
    expect(md.textContent).to.equal(detail.file.text);
    expect(md.textContent).to.contain('<script>alert(1)</script>');
    expect(md.querySelector('script')).to.equal(null);

    const files = () => [...shadow(el).querySelectorAll<HTMLDetailsElement>('[part=file]')];
    const summary = (d: HTMLDetailsElement) => d.querySelector('summary')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(files().map(summary)).to.deep.equal([
      'SKILL.md 226 bytes verified',
      'references/FORMS.md 19 bytes not verified',
      'templates/invoice.md 10 bytes not verified',
    ]);
    files()[1].querySelector('summary')!.click();
    await waitUntil(() => files()[1].querySelector('pre'), 'file read when opened');
    expect(files()[1].querySelector('pre')!.textContent).to.equal('Forms have fields.\n');
    expect(summary(files()[1])).to.equal('references/FORMS.md 19 bytes verified');
    expect(summary(files()[2])).to.equal('templates/invoice.md 10 bytes not verified');
    await expect(el).to.be.accessible();
    await client.close();
  });

  it('shows a refused SKILL.md plainly with its reason, and loads nothing of it', async () => {
    const digest = new McpClient({ url: `${(await servers()).skillsTampered}/digest`, skills: true });
    await digest.connect();
    const el = await fixtureShowing<McpSkillList>(
      html`<mcp-skill-list .client=${digest}></mcp-skill-list>`,
      '[part~="skill"]',
    );
    let loaded = false;
    el.addEventListener('mcp-skill-load', () => (loaded = true));
    skillButton(el).click();
    await waitUntil(() => shadow(el).querySelector('[role=alert]'), 'refusal shown');
    expect(shadow(el).querySelector('[role=alert]')!.textContent).to.contain('Refused (digest)');
    expect(shadow(el).querySelector('[part=skill-md]')).to.equal(null);
    // The alert comes after the event would have fired: no load.
    expect(loaded).to.equal(false);
    expect((await reads()).filter((r) => r.startsWith('digest ') && !r.endsWith('/SKILL.md'))).to.deep.equal([]);
    await expect(el).to.be.accessible();
    await digest.close();
  });
});
