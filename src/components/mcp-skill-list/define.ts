import { defineElement } from '../../internal/define.js';
import { McpSkillList } from './mcp-skill-list.js';

defineElement('mcp-skill-list', McpSkillList);

declare global {
  interface HTMLElementTagNameMap {
    'mcp-skill-list': McpSkillList;
  }
}
