// MCP Apps discovery (extension io.modelcontextprotocol/ui, SEP-1865): which tools have a view and
// who may call them. Small on purpose: the tool list and tool form import it statically; the bridge
// and the element load only when a tool has a view.
import type { Tool } from '../protocol/types.js';

/** The extension id a client declares to say it renders MCP Apps. */
export const UI_EXTENSION = 'io.modelcontextprotocol/ui';
/** The MIME type of an MCP App view. */
export const APP_MIME = 'text/html;profile=mcp-app';

type UiMeta = { resourceUri?: unknown; visibility?: unknown };
const uiMeta = (tool: Tool): UiMeta => ((tool._meta?.ui ?? {}) as UiMeta) || {};

/**
 * The `ui://` URI of a tool's view (the nested `_meta.ui.resourceUri` wins over the deprecated flat key), or undefined.
 */
export function viewUri(tool: Tool | undefined): string | undefined {
  if (!tool) return undefined;
  const uri = uiMeta(tool).resourceUri ?? tool._meta?.['ui/resourceUri'];
  return typeof uri === 'string' && uri.startsWith('ui://') ? uri : undefined;
}

/** Who may call the tool: `model` (the person, here) and/or `app` (its views); both when unsaid. */
export function visibility(tool: Tool): string[] {
  const v = uiMeta(tool).visibility;
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : ['model', 'app'];
}
