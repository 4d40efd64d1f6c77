import { defineElement } from '../../internal/define.js';
import { McpToolList } from './mcp-tool-list.js';

defineElement('mcp-tool-list', McpToolList);

declare global {
  interface HTMLElementTagNameMap {
    'mcp-tool-list': McpToolList;
  }
}
