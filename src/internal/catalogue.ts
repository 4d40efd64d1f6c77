// How the elements name, mark and find catalogue entries (tools, prompts, resources): pure
// functions, tested without a fixture.
import type { Tool } from '../core/protocol/types.js';

/** The name a person sees for a tool: title, then annotations.title, then name (checklist T-03). */
export const toolTitle = (tool: Tool) => tool.title || tool.annotations?.title || tool.name;

/** The name a person sees for a prompt, argument, resource or template: title, else name (CT-03). */
export const titleOf = (x: { title?: string; name: string }) => x.title || x.name;

/**
 * Whether a tool's annotations say it may destroy data (and it is not read-only). A hint: it can add a confirmation,
 * never skip one.
 */
export const isDestructive = (tool: Tool) =>
  tool.annotations?.destructiveHint === true && !tool.annotations.readOnlyHint;

/** Each tool's searchable text, lower-cased once (a keystroke over 10,000 tools then costs a few ms). */
const haystacks = new WeakMap<Tool, string>();
const haystack = (t: Tool) => {
  let text = haystacks.get(t);
  if (text === undefined)
    haystacks.set(
      t,
      (text = [t.name, t.title, t.annotations?.title, t.description]
        .filter((s) => typeof s === 'string')
        .join('\n')
        .toLowerCase()),
    );
  return text;
};

/** Filters tools by a search string over name, title and description. */
export function filterTools(tools: Tool[], query: string): Tool[] {
  const q = query.trim().toLowerCase();
  if (!q) return tools;
  return tools.filter((t) => haystack(t).includes(q));
}

/** Whether an update for `changed` concerns `uri`: the same resource or one below it (RS-05). */
export const concerns = (uri: string, changed: string) =>
  changed === uri || changed.startsWith(uri.endsWith('/') ? uri : `${uri}/`);
