// The elements and the events each one fires, by tag, as types only: the React JSX declarations,
// the Vue declarations and the React wrappers are all written from this one table
// (test/delivery/manifest.test.ts checks it against custom-elements.json).
import type { LitElement } from 'lit';
import type { McpAppView } from '../components/mcp-app-view/mcp-app-view.js';
import type { McpAppContextEvent, McpAppMessageEvent } from '../components/mcp-app-view/events.js';
import type { McpClientElement } from '../components/mcp-client/mcp-client.js';
import type { McpElicitationDialog } from '../components/mcp-elicitation-dialog/mcp-elicitation-dialog.js';
import type { McpLogView } from '../components/mcp-log-view/mcp-log-view.js';
import type { McpPromptList } from '../components/mcp-prompt-list/mcp-prompt-list.js';
import type { McpResourceBrowser } from '../components/mcp-resource-browser/mcp-resource-browser.js';
import type { McpResultView } from '../components/mcp-result-view/mcp-result-view.js';
import type { McpSamplingDialog } from '../components/mcp-sampling-dialog/mcp-sampling-dialog.js';
import type { McpSchemaForm } from '../components/mcp-schema-form/mcp-schema-form.js';
import type { McpServerList } from '../components/mcp-server-list/mcp-server-list.js';
import type { McpSkillList } from '../components/mcp-skill-list/mcp-skill-list.js';
import type { McpSkillLoadEvent } from '../events/skills.js';
import type { McpToolForm } from '../components/mcp-tool-form/mcp-tool-form.js';
import type { McpToolList } from '../components/mcp-tool-list/mcp-tool-list.js';
import type * as E from '../events/events.js';

/** An element that fires no events of its own. */
type NoEvents = Record<never, never>;

/** Each tag's class and the events it fires (its own, and those of inner elements that bubble out of it). */
export interface McpElements {
  'mcp-client': [
    McpClientElement,
    {
      'mcp-connected': E.McpConnectedEvent;
      'mcp-disconnected': E.McpDisconnectedEvent;
      'mcp-error': E.McpErrorEvent;
      'mcp-notification': E.McpNotificationEvent;
      'mcp-sampling-request': E.McpSamplingRequestEvent;
      'mcp-elicitation-request': E.McpElicitationRequestEvent;
      'mcp-tool-call': E.McpToolCallEvent;
      'mcp-tool-result': E.McpToolResultEvent;
    },
  ];
  'mcp-tool-form': [
    McpToolForm,
    { 'mcp-tool-call': E.McpToolCallEvent; 'mcp-tool-result': E.McpToolResultEvent; 'mcp-error': E.McpErrorEvent },
  ];
  'mcp-tool-list': [McpToolList, { 'mcp-tool-select': E.McpToolSelectEvent }];
  'mcp-result-view': [McpResultView, { 'mcp-resource-read': E.McpResourceReadEvent }];
  'mcp-resource-browser': [McpResourceBrowser, { 'mcp-resource-read': E.McpResourceReadEvent }];
  'mcp-prompt-list': [
    McpPromptList,
    { 'mcp-prompt-select': E.McpPromptSelectEvent; 'mcp-prompt-get': E.McpPromptGetEvent },
  ];
  'mcp-log-view': [McpLogView, NoEvents];
  'mcp-schema-form': [McpSchemaForm, { 'mcp-form-input': E.McpFormInputEvent }];
  'mcp-server-list': [
    McpServerList,
    { 'mcp-server-select': E.McpServerSelectEvent; 'mcp-server-forget': E.McpServerForgetEvent },
  ];
  'mcp-sampling-dialog': [McpSamplingDialog, NoEvents];
  'mcp-elicitation-dialog': [McpElicitationDialog, NoEvents];
  'mcp-skill-list': [McpSkillList, { 'mcp-skill-load': McpSkillLoadEvent }];
  'mcp-app-view': [McpAppView, { 'mcp-app-message': McpAppMessageEvent; 'mcp-app-context': McpAppContextEvent }];
}

export type McpTag = keyof McpElements;
/**
 * What a framework may set on an element: its own public properties (methods left out of the way by being optional).
 */
export type ElementProps<T extends McpTag> = Partial<Omit<McpElements[T][0], keyof LitElement>>;
/** The events of a tag, by name. */
export type ElementEvents<T extends McpTag> = McpElements[T][1];

/** `mcp-tool-result` -> `McpToolResult`. */
export type Pascal<S extends string> = S extends `${infer H}-${infer T}`
  ? `${Capitalize<H>}${Pascal<T>}`
  : Capitalize<S>;
