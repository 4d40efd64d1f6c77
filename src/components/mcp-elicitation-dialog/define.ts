import { defineElement } from '../../internal/define.js';
import { McpElicitationDialog } from './mcp-elicitation-dialog.js';

defineElement('mcp-elicitation-dialog', McpElicitationDialog);

declare global {
  interface HTMLElementTagNameMap {
    'mcp-elicitation-dialog': McpElicitationDialog;
  }
}
