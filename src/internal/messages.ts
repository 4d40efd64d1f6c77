// Every string the elements show, in one table a host can replace to localise them
// (`setMessages({ run: 'Ausführen' })`). Functions take the values they interpolate.

const defaults = {
  run: 'Run',
  cancel: 'Cancel',
  connect: 'Connect',
  disconnect: 'Disconnect',
  reconnect: 'Reconnect',
  retry: 'Retry',
  running: 'Running…',
  required: 'required',
  searchTools: 'Search tools',
  noTools: 'This server offers no tools.',
  noMatches: 'No tools match.',
  tools: 'Tools',
  resources: 'Resources',
  prompts: 'Prompts',
  log: 'Log',
  result: 'Result',
  error: 'Error',
  toolError: 'The tool reported an error',
  readOnly: 'read-only',
  destructive: 'destructive',
  confirmDestructive: (tool: string) => `${tool} may change or delete data. Run it?`,
  confirm: 'Run anyway',
  state: { idle: 'Not connected', connecting: 'Connecting…', ready: 'Connected', reconnecting: 'Reconnecting…', closed: 'Disconnected' } as Record<string, string>,
  progress: (p: number, total?: number) => (total ? `${p} of ${total}` : `${p}`),
  showRaw: 'Show raw JSON',
  hideRaw: 'Hide raw JSON',
  structured: 'Structured content',
  schemaMismatch: 'The structured content does not match the tool’s output schema',
  open: 'Open',
  read: 'Read',
  subscribe: 'Subscribe',
  unsubscribe: 'Unsubscribe',
  get: 'Get',
  clear: 'Clear',
  level: 'Level',
  unsupportedContent: (type: string) => `Unsupported content type: ${type}`,
  blockedMedia: (mime: string) => `Not shown: ${mime} is not an allowed media type`,
};

export type Messages = typeof defaults;
let current: Messages = defaults;

/** The message table in force. */
export const msg = (): Messages => current;

/** Replaces some messages, e.g. to translate the widget. */
export function setMessages(overrides: Partial<Messages>): void {
  current = { ...current, ...overrides };
}
