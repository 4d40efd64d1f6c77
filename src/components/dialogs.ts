// The sampling and elicitation dialogs, in one chunk loaded when a server first asks for input (or
// a page calls `loadDialogs()`): most pages never show one, so the element bundle does not carry them.
import './mcp-sampling-dialog/define.js';
import './mcp-elicitation-dialog/define.js';

export { McpSamplingDialog } from './mcp-sampling-dialog/mcp-sampling-dialog.js';
export { McpElicitationDialog } from './mcp-elicitation-dialog/mcp-elicitation-dialog.js';
