import { defineElement } from '../../internal/define.js';
import { McpServerList } from './mcp-server-list.js';

defineElement('mcp-server-list', McpServerList);

declare global {
  interface HTMLElementTagNameMap {
    'mcp-server-list': McpServerList;
  }
}
