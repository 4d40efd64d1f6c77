// Every string the elements show, in one table a host can replace to localise them
// (`setMessages({ run: 'Ausführen' })`, public API). Functions take the values they interpolate.

/** Small integers skip Intl: its first use costs tens of ms of start-up (a log view shows its count at once). */
const num = (n: number) => (Number.isInteger(n) && Math.abs(n) < 1000 ? String(n) : n.toLocaleString('en'));

const defaults = {
  run: 'Run',
  cancel: 'Cancel',
  connect: 'Connect',
  disconnect: 'Disconnect',
  retry: 'Retry',
  running: 'Running…',
  searchTools: 'Search tools',
  noTools: 'This server offers no tools.',
  noMatches: 'No tools match.',
  tools: 'Tools',
  resources: 'Resources',
  prompts: 'Prompts',
  log: 'Log',
  toolError: 'The tool reported an error',
  readOnly: 'read-only',
  destructive: 'destructive',
  confirmDestructive: (tool: string) => `${tool} may change or delete data. Run it?`,
  confirm: 'Run anyway',
  state: {
    idle: 'Not connected',
    connecting: 'Connecting…',
    ready: 'Connected',
    reconnecting: 'Reconnecting…',
    closed: 'Disconnected',
  } as Record<string, string>,
  progress: (p: number, total?: number) => (total ? `${num(p)} of ${num(total)}` : num(p)),
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
  unknownTool: (name: string) => `The server has no tool named ${name}.`,
  cancelled: 'Cancelled.',
  /** A tool call the server runs as a task: its status, with the server's message. */
  task: (status: string, message?: string) =>
    `${({ working: 'Working', input_required: 'Waiting for your input', completed: 'Completed', failed: 'Failed', cancelled: 'Cancelled' } as Record<string, string>)[status] ?? status}${message ? ` \u2014 ${message}` : ''}`,
  runningTasks: 'Running tasks',
  /** A server refused a call (-32021) for a client capability this client does not have. */
  missingCapability: (names: string) =>
    `The server needs a capability this client does not have (${names}), so the tool cannot run here.`,
  chooseTool: 'Choose a tool to see its form.',
  instructions: 'Server instructions',
  unknownServer: 'An MCP server',
  samplingTitle: (server: string) => `Sampling request from ${server}`,
  samplingExplain: 'This server asks to use your AI model. Check what it sends; you can edit it before approving.',
  maxTokens: 'Max tokens',
  modelHints: 'Model hints',
  temperature: 'Temperature',
  includeContext: 'Include context',
  samplingTools: 'Tools offered to the model',
  systemPrompt: 'System prompt',
  approve: 'Approve',
  reject: 'Reject',
  send: 'Send',
  generating: 'The model is writing a reply…',
  /** Stops a reply that is streaming in; what came so far stays for review. */
  stop: 'Stop',
  downloadingModel: 'Downloading the model',
  reviewReply: 'Review the reply before it goes to the server. You can edit it.',
  writeReply: 'No AI model is connected to this page: write the reply the server will receive.',
  reply: 'Reply',
  model: 'Model',
  humanModel: 'written by you',
  rateLimited: (server: string) => `${server} sent too many requests; this one was refused.`,
  serverAt: (host: string) => `Server at ${host}`,
  queueFull: (server: string) => `Too many requests are waiting for you; this one from ${server} was refused.`,
  elicitationTitle: (server: string) => `${server} asks for information`,
  submit: 'Submit',
  decline: 'Decline',
  sensitiveWarning: (fields: string) =>
    `Careful: this form asks for ${fields}. MCP servers must not ask for passwords, keys or payment details in a form.`,
  urlDomain: (host: string) => `Opening this link takes you to ${host}.`,
  punycodeWarning:
    'This address uses international characters (punycode) and may imitate another site. Check it letter by letter.',
  insecureUrl: 'This address is not encrypted (http).',
  unsafeUrl: 'This link cannot be opened: only http and https addresses are allowed.',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signingIn: 'Signing in… finish in the window that opened.',
  /** Signing in at an authorization server on another host than the MCP server. */
  signingInAt: (host: string) =>
    `Signing in at ${host}, not the MCP server's own host: finish in the window that opened if you trust it.`,
  authNeeded: 'This server needs you to sign in.',
  authExpired: 'Your sign-in expired. Sign in again to continue.',
  authDenied: 'Sign-in was refused or cancelled.',
  authNotConfigured: 'This page has not configured sign-in (the auth option with a redirectUri).',
  unsupportedContent: (type: string) => `Unsupported content type: ${type}`,
  blockedMedia: (mime: string) => `Not shown: ${mime} is not an allowed media type`,
  schemaForm: {
    arguments: 'Arguments',
    addItem: (field: string) => `Add item to ${field}`,
    removeItem: (n: number, field: string) => `Remove item ${n} of ${field}`,
    moveUp: (n: number, field: string) => `Move up item ${n} of ${field}`,
    moveDown: (n: number, field: string) => `Move down item ${n} of ${field}`,
    item: (n: number, field: string) => `Item ${n} of ${field}`,
    addEntry: (field: string) => `Add entry to ${field}`,
    removeEntry: (n: number, field: string) => `Remove entry ${n} of ${field}`,
    entryKey: (n: number, field: string) => `Key ${n} of ${field}`,
    entryValue: (n: number, field: string) => `Value ${n} of ${field}`,
    add: (field: string) => `Add ${field}`,
    remove: (field: string) => `Remove ${field}`,
    removeShort: 'Remove',
    choose: 'Choose…',
    none: '(none)',
    option: (n: number) => `Option ${n}`,
    deprecated: 'Deprecated.',
    problems: {
      unsupported: 'The form cannot show this part of the schema; enter it as JSON.',
      tooDeep: 'Nested too deeply to show as a form; enter it as JSON.',
      tooManyProperties: 'Too many properties to show as a form; enter them as JSON.',
      externalRef: 'This field refers to an external schema, which is never fetched; it cannot be checked.',
      refCycle: 'This field’s schema refers to itself in a loop; enter it as JSON.',
      never: 'No value is allowed here.',
    } as Record<string, string>,
    schema: {
      tooLarge: 'This schema is too large to show as a form or to check.',
      tooDeep: 'This schema is nested too deeply to show as a form or to check.',
      dialect: 'This schema uses a JSON Schema dialect that cannot be checked.',
      invalid: 'This schema is not valid JSON Schema.',
    } as Record<string, string>,
    errors: {
      required: () => 'This field is required.',
      number: () => 'Enter a number.',
      integer: () => 'Enter a whole number.',
      unsafeInteger: () => 'This number is too large to send exactly.',
      json: (_, raw) => `Not valid JSON: ${raw}`,
      key: () => 'Enter a key.',
      duplicateKey: () => 'This key is used twice.',
      type: (s) => `Enter a value of type ${String(s.type)}.`,
      minLength: (s) => `Enter at least ${s.minLength} characters.`,
      maxLength: (s) => `Enter at most ${s.maxLength} characters.`,
      pattern: (s) => `Enter a value matching ${s['x-mcp-pattern'] ?? s.pattern}.`,
      format: (s) => `Enter a valid ${s.format}.`,
      minimum: (s) => `Enter ${s.minimum} or more.`,
      maximum: (s) => `Enter ${s.maximum} or less.`,
      exclusiveMinimum: (s) => `Enter more than ${s.exclusiveMinimum}.`,
      exclusiveMaximum: (s) => `Enter less than ${s.exclusiveMaximum}.`,
      multipleOf: (s) => `Enter a multiple of ${s.multipleOf}.`,
      minItems: (s) => `Add at least ${s.minItems} items.`,
      maxItems: (s) => `Add at most ${s.maxItems} items.`,
      uniqueItems: () => 'Each item must be different.',
      enum: () => 'Choose one of the allowed values.',
      const: () => 'Choose one of the allowed values.',
      oneOf: () => 'This value does not fit any of the allowed shapes.',
      anyOf: () => 'This value does not fit any of the allowed shapes.',
      false: () => 'This property is not allowed.',
      schema: () => 'This schema cannot be checked, so the arguments cannot be sent from this form.',
      uncheckable: () => 'The arguments could not be checked against this schema.',
      externalRef: () => 'This value cannot be checked: the field’s schema is external and never fetched.',
      invalid: (_, raw) => raw ?? 'This value is not valid.',
    } as Record<string, (schema: Record<string, unknown>, raw?: string) => string>,
  },
  schemaValid: 'Matches the output schema',
  schemaUnchecked: (why: string) => `Not checked against the output schema: ${why}`,
  download: (name: string) => `Download ${name}`,
  bytes: (size: string) => `${size} of binary data`,
  image: (mime: string) => `Image (${mime})`,
  audio: (mime: string) => `Audio (${mime})`,
  audience: (who: string) => `for ${who}`,
  priority: (p: number) => `priority ${p}`,
  noContent: 'No content.',
  role: { user: 'User', assistant: 'Assistant' } as Record<string, string>,
  readOf: (name: string) => `Read ${name}`,
  openOf: (name: string) => `Open ${name}`,
  subscribeTo: (name: string) => `Subscribe to ${name}`,
  unsubscribeFrom: (name: string) => `Unsubscribe from ${name}`,
  updated: 'updated',
  templates: 'Resource templates',
  noResources: 'This server offers no resources.',
  noPrompts: 'This server offers no prompts.',
  skills: 'Skills',
  promptDescription: 'Prompt description',
  contentsOf: (uri: string) => `Contents of ${uri}`,
  logEntries: (n: number) => `${num(n)} ${n === 1 ? 'entry' : 'entries'}`,
  levels: {
    debug: 'Debug',
    info: 'Info',
    notice: 'Notice',
    warning: 'Warning',
    error: 'Error',
    critical: 'Critical',
    alert: 'Alert',
    emergency: 'Emergency',
  } as Record<string, string>,
  logEmpty: 'Nothing logged yet.',
  userinfoWarning: (host: string) => `Careful: the part before "@" is not where this link goes; it goes to ${host}.`,
  serverUrl: 'Server URL',
  serverName: 'Name',
  addServer: 'Add server',
  savedServers: 'Saved servers',
  noServers: 'No saved servers yet.',
  badServerUrl: 'Enter an http:// or https:// URL.',
  rename: 'Rename',
  renameOf: (name: string) => `Rename ${name}`,
  newNameFor: (name: string) => `New name for ${name}`,
  save: 'Save',
  remove: 'Remove',
  removeOf: (name: string) => `Remove ${name}`,
  forget: 'Forget data',
  forgetOf: (name: string) => `Forget data of ${name}`,
  confirmForget: (name: string) => `Forget the session, sign-in, history, drafts and saved lists of ${name}?`,
  forgotten: (name: string) => `Everything kept for ${name} was forgotten.`,
  // MCP Apps: the tool form's switch between a tool's app and its plain result (the app's own strings: AppMessages)
  appShowResult: 'Show the plain result',
  appShowView: 'Show the app',
};

/**
 * The strings of <mcp-app-view>. Their English defaults load with it (its lazy chunk), so pages
 * without apps do not carry them; a host may still set them here with setMessages().
 */
export interface AppMessages {
  appOf(tool: string): string;
  appLoading: string;
  appAllowCall(app: string, tool: string): string;
  appAllow: string;
  appDeny: string;
  appDownload(app: string, name: string): string;
  appSave: string;
  /** A view asks for permissions the host allows (`camera`, `microphone`, `geolocation`, `clipboardWrite`). */
  appPermissions(app: string, names: string[]): string;
  appNoScript: string;
  appSameOrigin: string;
  appBadResource(uri: string): string;
}

/**
 * The strings of <mcp-skill-list> (beside `skills`, the tab's name). As with the app strings, their English
 * defaults load with it (its lazy chunk); the locales and setMessages() have them.
 */
export interface SkillMessages {
  noSkills: string;
  skillFiles: string;
  fileSize(n: number): string;
  verified: string;
  notVerified: string;
  /** A file that failed verification; `reason` is `unlisted`, `size`, `digest` or `frontmatter`. */
  skillRefused(reason: string): string;
}

/**
 * The strings of <mcp-workspace>: their English defaults load with it (its lazy chunk, workspace-messages.ts);
 * the shipped locales translate them.
 */
export interface WorkspaceMessages {
  wsAdd: string;
  wsRelay: string;
  wsHeaderName: string;
  wsHeaderValue: string;
  wsBadHeader: string;
  wsServers: string;
  wsEmpty: string;
  wsDown: string;
  wsRefused: string;
  wsNeedsSignIn: string;
  wsHeaderKept(name: string, tail: string): string;
  wsToolOf(tool: string, server: string): string;
  wsResourcesOf(server: string): string;
  wsPromptsOf(server: string): string;
  wsAdded(server: string): string;
  wsRemoved(server: string): string;
}

export type Messages = typeof defaults & Partial<AppMessages> & Partial<SkillMessages> & Partial<WorkspaceMessages>;
/** A translation: any part of the table, nested tables in part too. */
export type LocaleMessages = {
  [K in keyof Messages]?: Messages[K] extends (...args: never[]) => unknown
    ? Messages[K]
    : Messages[K] extends object
      ? Partial<Messages[K]> & { [L in keyof Messages[K]]?: Partial<Messages[K][L]> }
      : Messages[K];
};

const locales = new Map<string, LocaleMessages>();
let overrides: LocaleMessages = {};
const tables = new Map<string, Messages>();
let scope = '';

/** `b` over `a`, nested plain objects merged too (functions and strings are leaves). */
const merge = <T>(a: T, b: unknown): T => {
  const out = { ...a } as Record<string, unknown>;
  for (const [k, v] of Object.entries((b ?? {}) as object))
    out[k] = v && typeof v === 'object' && typeof out[k] === 'object' ? merge(out[k], v) : v;
  return out as T;
};

/**
 * The table for a language: its registered locale ('de-at', else 'de') over English, with the host's overrides on top.
 */
export function messagesFor(lang: string): Messages {
  lang = lang.toLowerCase();
  let table = tables.get(lang);
  if (!table)
    tables.set(lang, (table = merge(merge(defaults, locales.get(lang) ?? locales.get(lang.split('-')[0])), overrides)));
  return table;
}

/** The message table in force: the language of the element rendering now, else the page's. */
export const msg = (): Messages => messagesFor(scope || document.documentElement.lang);

/** @internal Set by src/internal/locale.ts around each element's render. */
export const setScope = (lang: string) => void (scope = lang);

/** Replaces some messages in every language, e.g. a product's own wording. */
export function setMessages(more: LocaleMessages): void {
  overrides = merge(overrides, more);
  tables.clear();
  refresh();
}

/**
 * Adds a translation for `lang` (`de`, `pt-br`): elements whose nearest `lang` is it speak it, e.g.
 * `registerLocale('de', (await import('mcp-web-components/locales/de.js')).default)`.
 */
export function registerLocale(lang: string, messages: LocaleMessages): void {
  locales.set(lang.toLowerCase(), messages);
  tables.clear();
  refresh();
}

let refresh = () => {};
/** @internal Lets src/internal/locale.ts re-render the elements when a table changes. */
export const onTablesChanged = (fn: () => void) => void (refresh = fn);
