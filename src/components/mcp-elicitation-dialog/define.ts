import { defineElement } from '../../internal/define.js';
import { dialogIn, enqueue, humanInTheLoop } from '../../internal/human-in-the-loop.js';
import { McpElicitationDialog } from './mcp-elicitation-dialog.js';

defineElement('mcp-elicitation-dialog', McpElicitationDialog);

humanInTheLoop.elicitation ??= (params, { host, server, signal }) =>
  enqueue(() => (signal.aborted ? Promise.resolve({ action: 'cancel' as const }) : dialogIn<McpElicitationDialog>(host, 'mcp-elicitation-dialog').open({ params, server, signal })));

declare global {
  interface HTMLElementTagNameMap {
    'mcp-elicitation-dialog': McpElicitationDialog;
  }
}
