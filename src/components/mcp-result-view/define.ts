import { defineElement } from '../../internal/define.js';
import { McpResultView } from './mcp-result-view.js';

defineElement('mcp-result-view', McpResultView);

declare global {
  interface HTMLElementTagNameMap {
    'mcp-result-view': McpResultView;
  }
}
