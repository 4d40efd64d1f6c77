import { defineElement } from '../../internal/define.js';
import { McpSchemaForm } from './mcp-schema-form.js';

defineElement('mcp-schema-form', McpSchemaForm);

declare global {
  interface HTMLElementTagNameMap {
    'mcp-schema-form': McpSchemaForm;
  }
}
