import { defineElement } from '../../internal/define.js';
import { McpAppView } from './mcp-app-view.js';

defineElement('mcp-app-view', McpAppView);

declare global {
  interface HTMLElementTagNameMap {
    'mcp-app-view': McpAppView;
  }
}
