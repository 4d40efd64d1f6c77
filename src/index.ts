// The full build: registers every element (only tags not yet defined) and exports their classes,
// the events and the headless client.
import './components/mcp-client/define.js';
import './components/mcp-tool-list/define.js';
import './components/mcp-tool-form/define.js';
import './components/mcp-result-view/define.js';
import './components/mcp-resource-browser/define.js';
import './components/mcp-prompt-list/define.js';
import './components/mcp-log-view/define.js';
import './components/mcp-schema-form/define.js';
import './components/mcp-server-list/define.js';
import './components/mcp-app-view/define.js';

export * from './client.js';
export * from './store.js';
export { McpClientElement } from './components/mcp-client/mcp-client.js';
// The dialogs load when a server first asks for input (or on loadDialogs()): only their types are exported here.
export type { McpSamplingDialog } from './components/mcp-sampling-dialog/mcp-sampling-dialog.js';
export type { McpElicitationDialog } from './components/mcp-elicitation-dialog/mcp-elicitation-dialog.js';
export { loadDialogs } from './components/load-dialogs.js';
export { McpResultView } from './components/mcp-result-view/mcp-result-view.js';
export { McpResourceBrowser } from './components/mcp-resource-browser/mcp-resource-browser.js';
export { McpPromptList } from './components/mcp-prompt-list/mcp-prompt-list.js';
export { McpLogView } from './components/mcp-log-view/mcp-log-view.js';
export { McpSchemaForm } from './components/mcp-schema-form/mcp-schema-form.js';
export { McpToolList } from './components/mcp-tool-list/mcp-tool-list.js';
export { McpToolForm } from './components/mcp-tool-form/mcp-tool-form.js';
export { McpServerList } from './components/mcp-server-list/mcp-server-list.js';
export * from './events/events.js';
export { McpAppView } from './components/mcp-app-view/mcp-app-view.js';
// <mcp-app-view>'s body and events load on its first use, so only the events' types are exported here.
export type { McpAppMessageEvent, McpAppContextEvent } from './components/mcp-app-view/events.js';
// <mcp-skill-list> loads with <mcp-client>'s Skills tab, so only its types and its event's are exported here.
export type { McpSkillList } from './components/mcp-skill-list/mcp-skill-list.js';
export type { McpSkillLoadEvent, SkillLoadDetail } from './events/skills.js';
// <mcp-workspace> is its own chunk. A tag can be defined only once, so no stand-in waits for it: a page with one in
// its markup loads it as soon as the markup is parsed, any other page when the browser is next idle (within a
// second), so it does not compete with the first screen of the elements the page shows. One made before then
// upgrades when it comes.
const workspace = () => void import('./components/mcp-workspace/define.js');
const idle = () =>
  document.querySelector('mcp-workspace')
    ? workspace()
    : (globalThis.requestIdleCallback?.(workspace, { timeout: 1000 }) ?? setTimeout(workspace, 200));
if (typeof document === 'undefined') workspace();
else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', idle, { once: true });
else idle();
export type { McpWorkspaceElement } from './components/mcp-workspace/mcp-workspace.js';
export type { McpServerAddEvent, McpServerRemoveEvent } from './components/mcp-workspace/events.js';
export { registerLocale, setMessages } from './messages.js';
export type { LocaleMessages, Messages } from './messages.js';
