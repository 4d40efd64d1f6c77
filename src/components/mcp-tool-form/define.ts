import { defineElement } from '../../internal/define.js';
import { McpToolForm } from './mcp-tool-form.js';

defineElement('mcp-tool-form', McpToolForm);

declare global {
  interface HTMLElementTagNameMap {
    'mcp-tool-form': McpToolForm;
  }
}
