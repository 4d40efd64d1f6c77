import { defineElement } from '../../internal/define.js';
import '../mcp-result-view/define.js';
import { McpPromptList } from './mcp-prompt-list.js';

defineElement('mcp-prompt-list', McpPromptList);

declare global {
  interface HTMLElementTagNameMap {
    'mcp-prompt-list': McpPromptList;
  }
}
