import { defineElement } from '../../internal/define.js';
import { McpWorkspaceElement } from './mcp-workspace.js';

defineElement('mcp-workspace', McpWorkspaceElement);

declare global {
  interface HTMLElementTagNameMap {
    'mcp-workspace': McpWorkspaceElement;
  }
}
