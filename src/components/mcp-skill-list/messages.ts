// The English strings of <mcp-skill-list>, in its own chunk; the locales and setMessages() override them.
import { msg, type SkillMessages } from '../../messages.js';

export const skillDefaults: SkillMessages = {
  noSkills: 'This server lists no skills.',
  skillFiles: 'Files',
  fileSize: (n) => `${n.toLocaleString('en')} bytes`,
  verified: 'verified',
  notVerified: 'not verified',
  skillRefused: (reason) => `Refused (${reason}): this does not match the skill's entry; nothing of it was loaded.`,
};

/** The message table in force, with the skill strings filled in. */
export const skillMsg = (): ReturnType<typeof msg> & SkillMessages =>
  ({ ...skillDefaults, ...msg() }) as ReturnType<typeof msg> & SkillMessages;
