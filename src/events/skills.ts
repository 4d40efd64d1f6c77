// The Skills event, apart from events.ts: it is fired only by <mcp-skill-list>, a lazy chunk, so the
// element bundle carries its type and not its class.
import type { Skill, SkillFile } from '../core/skills/skills.js';

/** Detail of `mcp-skill-load`: the skill's entry, its verified SKILL.md and the server it came from. */
export interface SkillLoadDetail {
  skill: Skill;
  /** SKILL.md, read and verified (size, digest, frontmatter) against the entry. */
  file: SkillFile;
  /** The URL of the MCP server that serves it: a host tags skill content with its origin (SEP-2640). */
  server: string;
}

/** <mcp-skill-list> loaded a skill and verified its SKILL.md; a host hands `detail` to its own model. */
export class McpSkillLoadEvent extends CustomEvent<SkillLoadDetail> {
  constructor(detail: SkillLoadDetail) {
    super('mcp-skill-load', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mcp-skill-load': McpSkillLoadEvent;
  }
}
