import { defineElement } from '../../internal/define.js';
import { McpClientElement } from './mcp-client.js';

defineElement('mcp-client', McpClientElement);

declare global {
  interface HTMLElementTagNameMap {
    'mcp-client': McpClientElement;
  }
}
