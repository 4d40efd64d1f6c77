import { defineElement } from '../../internal/define.js';
import { dialogIn, enqueue, humanInTheLoop } from '../../internal/human-in-the-loop.js';
import { McpSamplingDialog } from './mcp-sampling-dialog.js';

defineElement('mcp-sampling-dialog', McpSamplingDialog);

humanInTheLoop.sampling ??= (params, { host, server, signal, handler }) =>
  enqueue(() => (signal.aborted ? Promise.reject(signal.reason) : dialogIn<McpSamplingDialog>(host, 'mcp-sampling-dialog').open({ params, server, signal, handler })));

declare global {
  interface HTMLElementTagNameMap {
    'mcp-sampling-dialog': McpSamplingDialog;
  }
}
