// mcp-web-components/react: thin @lit/react wrappers around the elements for React 18 (React 19
// can use the plain tags; see ./jsx.ts), with typed props and events as `onMcpToolResult`-style
// callbacks. Importing it registers every element. Built as dist/react.js with `react`,
// `@lit/react` and the element bundle left as imports, so a page holds one copy of each.
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import {
  loadDialogs,
  McpClientElement,
  McpLogView,
  McpPromptList,
  McpResourceBrowser,
  McpResultView,
  McpSchemaForm,
  McpServerList,
  McpToolForm,
  McpToolList,
} from '../../index.js';
import type { McpElicitationDialog, McpSamplingDialog } from '../../index.js';
import type { ElementEvents, McpElements, McpTag, Pascal } from '../element-types.js';

export type * from './jsx.js';

/** The callback props of a tag: `mcp-tool-result` -> `onMcpToolResult`. */
type Callbacks<T extends McpTag> = {
  [K in keyof ElementEvents<T> & string as `on${Pascal<K>}`]: EventName<ElementEvents<T>[K] & Event>;
};

/** The wrapper of one tag; `events` names every event the tag fires (the type insists on all of them). */
function wrap<T extends McpTag>(
  tagName: T,
  elementClass: new () => McpElements[T][0],
  events: Record<keyof ElementEvents<T>, 1>,
) {
  const callbacks = Object.fromEntries(Object.keys(events).map((name) => [`on${pascal(name)}`, name])) as Callbacks<T>;
  return createComponent({ react: React, tagName, elementClass, events: callbacks, displayName: pascal(tagName) });
}

const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

/** `<mcp-client>`: the whole widget for one server. (Named apart from the headless `McpClient`.) */
export const McpClientWidget = wrap('mcp-client', McpClientElement, {
  'mcp-connected': 1,
  'mcp-disconnected': 1,
  'mcp-error': 1,
  'mcp-notification': 1,
  'mcp-sampling-request': 1,
  'mcp-elicitation-request': 1,
  'mcp-tool-call': 1,
  'mcp-tool-result': 1,
});
/** `<mcp-tool-form>`: one tool's form, Run, progress and result. */
export const McpToolFormWidget = wrap('mcp-tool-form', McpToolForm, {
  'mcp-tool-call': 1,
  'mcp-tool-result': 1,
  'mcp-error': 1,
});
/** `<mcp-tool-list>`. */
export const McpToolListWidget = wrap('mcp-tool-list', McpToolList, { 'mcp-tool-select': 1 });
/** `<mcp-result-view>`. */
export const McpResultViewWidget = wrap('mcp-result-view', McpResultView, { 'mcp-resource-read': 1 });
/** `<mcp-resource-browser>`. */
export const McpResourceBrowserWidget = wrap('mcp-resource-browser', McpResourceBrowser, { 'mcp-resource-read': 1 });
/** `<mcp-prompt-list>`. */
export const McpPromptListWidget = wrap('mcp-prompt-list', McpPromptList, {
  'mcp-prompt-select': 1,
  'mcp-prompt-get': 1,
});
/** `<mcp-log-view>`. */
export const McpLogViewWidget = wrap('mcp-log-view', McpLogView, {});
/** `<mcp-schema-form>`. */
export const McpSchemaFormWidget = wrap('mcp-schema-form', McpSchemaForm, { 'mcp-form-input': 1 });
/** `<mcp-server-list>`. */
export const McpServerListWidget = wrap('mcp-server-list', McpServerList, {
  'mcp-server-select': 1,
  'mcp-server-forget': 1,
});
// The dialogs load on first use in the element bundle; their wrappers define them now. @lit/react reads only which
// names are properties (`name in elementClass.prototype`), and `activationDelay` is the dialogs' one.
void loadDialogs();
const dialogProps = { prototype: { activationDelay: 0 } };
/** `<mcp-sampling-dialog>`. */
export const McpSamplingDialogWidget = wrap(
  'mcp-sampling-dialog',
  dialogProps as unknown as typeof McpSamplingDialog,
  {},
);
/** `<mcp-elicitation-dialog>`. */
export const McpElicitationDialogWidget = wrap(
  'mcp-elicitation-dialog',
  dialogProps as unknown as typeof McpElicitationDialog,
  {},
);
