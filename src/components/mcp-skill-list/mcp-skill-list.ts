import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { McpSkillVerificationError } from '../../core/jsonrpc/errors.js';
import type { McpClient } from '../../core/client/client.js';
import type { Skill, SkillFile } from '../../core/skills/skills.js';
import { McpSkillLoadEvent } from '../../events/skills.js';
import { skillMsg as msg } from './messages.js';
import { ClientElement, taskStates } from '../client-element.js';
import { catalogueStyles, tokens } from '../shared.styles.js';
import { styles } from './mcp-skill-list.styles.js';

/** What a failed read shows: a verification failure with its reason, anything else with its message. */
const problem = (e: unknown) =>
  html`<p part="error" class="error" role="alert">
    ${e instanceof McpSkillVerificationError ? msg().skillRefused(e.reason) : (e as Error).message}
  </p>`;

/**
 * @summary A server's skills (SEP-2640): each with its name and description; opening one loads and verifies its
 * SKILL.md, shown as text with its files, each read and verified when opened. <mcp-client> loads it with its
 * Skills tab.
 * @fires mcp-skill-load - A skill's SKILL.md was read and verified; `detail` is `{skill, file, server}`.
 * @csspart list - The list of skills.
 * @csspart skill - One skill's button (also `skill selected` when open).
 * @csspart description - A skill's description.
 * @csspart skill-md - The SKILL.md text.
 * @csspart files - The list of the skill's files.
 * @csspart file - One file (a disclosure: opening it reads the file).
 * @csspart error - A verification failure or a failed read.
 */
export class McpSkillList extends ClientElement {
  static override styles = [tokens, catalogueStyles, styles];

  private listTask = new Task(this, {
    task: async ([client, ready], { signal }): Promise<Skill[]> =>
      client && ready ? client.listSkills({ signal }) : [],
    args: () => [this.clientCtl.client, this.clientCtl.ready, this.clientCtl.revision] as const,
  });
  // SKILL.md is read when a skill is opened, and not before (SEP-2640: nothing ahead of need).
  private loadTask = new Task(this, {
    task: async ([client, skill]: readonly [McpClient, Skill], { signal }) => {
      const file = await client.readSkillFile(skill, undefined, { signal });
      this.dispatchEvent(new McpSkillLoadEvent({ skill, file, server: client.url }));
      return { skill, file };
    },
    autoRun: false,
  });

  /** The open skill. */
  @state() private open?: Skill;
  /** Files read so far, by URI: the verified file, or why it was refused. */
  @state() private files = new Map<string, SkillFile | Error>();

  override render() {
    return this.listTask.render({
      ...taskStates(msg().state.connecting),
      complete: (skills) => this.renderSkills(skills),
    });
  }

  private renderSkills(skills: Skill[]) {
    if (!skills.length) return html`<p class="muted">${msg().noSkills}</p>`;
    return html`
      <ul part="list" aria-label=${msg().skills}>
        ${skills.map((s) => {
          const open = s === this.open;
          return html`<li>
            <button class="entry" part=${open ? 'skill selected' : 'skill'} aria-pressed=${open ? 'true' : 'false'} @click=${() => this.choose(s)}>
              <span class="name">${s.frontmatter.name}</span>
              <span part="description">${s.frontmatter.description}</span>
            </button>
          </li>`;
        })}
      </ul>
      ${this.open ? this.renderSkill(this.open) : nothing}
    `;
  }

  private renderSkill(skill: Skill) {
    return this.loadTask.render({
      pending: () => html`<p class="muted" role="status">${msg().running}</p>`,
      error: problem,
      complete: ({ skill: loaded, file }) =>
        loaded === skill
          ? html`<section aria-label=${skill.frontmatter.name}>
              <pre part="skill-md">${file.text}</pre>
              ${Array.isArray(skill.resources) ? this.renderFiles(skill) : nothing}
            </section>`
          : nothing,
    });
  }

  private renderFiles(skill: Skill) {
    const root = skill.uri.slice(0, -'SKILL.md'.length);
    return html`<ul part="files" aria-label=${msg().skillFiles}>
      ${(skill.resources as Exclude<Skill['resources'], 'dynamic'>).map((entry) => {
        const read = entry.uri === skill.uri ? 'verified' : this.files.get(entry.uri);
        const name = entry.uri.startsWith(root) ? entry.uri.slice(root.length) : entry.uri;
        return html`<li>
          <details part="file" @toggle=${(e: Event) => this.onToggle(e, skill, entry.uri)}>
            <summary>
              <span class="name">${name}</span> <span class="muted">${msg().fileSize(entry.size)}</span>
              ${read && !(read instanceof Error) ? html`<span class="ok">${msg().verified}</span>` : html`<span class="muted">${msg().notVerified}</span>`}
            </summary>
            ${read instanceof Error ? problem(read) : read && read !== 'verified' ? html`<pre>${read.text ?? ''}</pre>` : nothing}
          </details>
        </li>`;
      })}
    </ul>`;
  }

  private choose(skill: Skill) {
    const client = this.clientCtl.client;
    if (!client || this.open === skill) return;
    this.open = skill;
    this.files = new Map();
    void this.loadTask.run([client, skill]);
  }

  /** Reads a file the first time it is opened, verified against the entry the skill was loaded from. */
  private async onToggle(e: Event, skill: Skill, uri: string) {
    const client = this.clientCtl.client;
    if (!(e.target as HTMLDetailsElement).open || !client || uri === skill.uri || this.files.has(uri)) return;
    let read: SkillFile | Error;
    try {
      read = await client.readSkillFile(skill, uri);
    } catch (error) {
      read = error as Error;
    }
    if (this.open === skill) this.files = new Map(this.files).set(uri, read);
  }
}
