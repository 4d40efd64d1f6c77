// The English strings of <mcp-workspace>, in its own chunk; the message table (setMessages, locales) overrides them.
import { msg, type Messages, type WorkspaceMessages } from '../../messages.js';

export const workspaceDefaults: WorkspaceMessages = {
  wsAdd: 'Add',
  wsRelay: 'Relay (optional)',
  wsHeaderName: 'Header name (optional)',
  wsHeaderValue: 'Header value',
  wsBadHeader: 'Give both a header name (letters, digits, dashes) and its value.',
  wsServers: 'Servers',
  wsEmpty: 'No servers yet: add one by its URL.',
  wsDown: 'Unreachable',
  wsRefused: 'Refuses this page',
  wsNeedsSignIn: 'Needs sign-in',
  wsHeaderKept: (name, tail) => `${name}: \u2022\u2022\u2022\u2022${tail}`,
  wsToolOf: (tool, server) => `${tool} (${server})`,
  wsResourcesOf: (server) => `Resources of ${server}`,
  wsPromptsOf: (server) => `Prompts of ${server}`,
  wsAdded: (server) => `${server} added.`,
  wsRemoved: (server) => `${server} removed; everything kept for it was forgotten.`,
};

/** The message table in force, with the workspace strings filled in. */
export const wsMsg = (): Messages & WorkspaceMessages =>
  ({ ...workspaceDefaults, ...msg() }) as Messages & WorkspaceMessages;
