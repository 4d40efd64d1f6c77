import { defineElement } from '../../internal/define.js';
import { McpSamplingDialog } from './mcp-sampling-dialog.js';

defineElement('mcp-sampling-dialog', McpSamplingDialog);

declare global {
  interface HTMLElementTagNameMap {
    'mcp-sampling-dialog': McpSamplingDialog;
  }
}
