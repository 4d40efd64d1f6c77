// The English strings of <mcp-app-view>, in its own chunk; the message table (setMessages) overrides them.
import { msg, type AppMessages } from '../../messages.js';

const PERMISSIONS: Record<string, string> = {
  camera: 'your camera',
  microphone: 'your microphone',
  geolocation: 'your location',
  clipboardWrite: 'your clipboard',
};

/** The permission names in words, joined in the page's language. */
export const words = (names: string[], table: Record<string, string>): string =>
  new Intl.ListFormat(document.documentElement.lang || undefined).format(names.map((n) => table[n] ?? n));

const defaults: AppMessages = {
  appOf: (tool) => `${tool} app`,
  appLoading: 'Loading the app…',
  appAllowCall: (app, tool) => `${app} wants to run ${tool}, which may change or delete data. Allow it?`,
  appAllow: 'Allow',
  appDeny: 'Deny',
  appDownload: (app, name) => `${app} wants to save the file ${name}. Save it?`,
  appSave: 'Save',
  appPermissions: (app, names) => `${app} wants to use ${words(names, PERMISSIONS)}. Allow it?`,
  appNoScript:
    'This page’s Content-Security-Policy blocks inline scripts, so the app cannot run here. Set sandbox-url to a sandbox page on another origin (spec mode) to show it.',
  appSameOrigin: 'sandbox-url must be on another origin than this page.',
  appBadResource: (uri) => `The server did not return an MCP App for ${uri}.`,
};

/** The message table in force, with the app strings filled in. */
export const appMsg = (): ReturnType<typeof msg> & AppMessages =>
  ({ ...defaults, ...msg() }) as ReturnType<typeof msg> & AppMessages;
