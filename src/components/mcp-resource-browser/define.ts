import { defineElement } from '../../internal/define.js';
import '../mcp-result-view/define.js';
import { McpResourceBrowser } from './mcp-resource-browser.js';

defineElement('mcp-resource-browser', McpResourceBrowser);

declare global {
  interface HTMLElementTagNameMap {
    'mcp-resource-browser': McpResourceBrowser;
  }
}
