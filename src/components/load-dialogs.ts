/** Defines <mcp-sampling-dialog> and <mcp-elicitation-dialog> (their chunk loads once); resolves with their classes. */
export const loadDialogs = () => import('./dialogs.js');
