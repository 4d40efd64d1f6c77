import { defineElement } from '../../internal/define.js';
import { McpLogView } from './mcp-log-view.js';

defineElement('mcp-log-view', McpLogView);

declare global {
  interface HTMLElementTagNameMap {
    'mcp-log-view': McpLogView;
  }
}
