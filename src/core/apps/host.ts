// The MCP Apps host policy: what a view may ask of the host and how each request is answered (tool
// calls on the same server, resources, links, downloads, display modes, sampling). No lit and no
// element here: <mcp-app-view> renders the view, asks the person and dispatches events through AppSurface.
import type { McpClient } from '../client/client.js';
import { McpProtocolError } from '../jsonrpc/errors.js';
import type { Params } from '../jsonrpc/messages.js';
import type { CallToolResult, ContentBlock, Tool } from '../protocol/types.js';
import { answerInput } from '../client/input.late.js';
import { safeFilename } from '../util/filename.js';
import { VERSION } from '../version.js';
import type { AppPolicy, ViewCsp } from './csp.js';
import { visibility } from './view.js';

/** MCP Apps protocol versions we speak, newest first. */
const VERSIONS = ['2026-01-26', '2025-11-21'];
/** The display modes a host offers. */
export const MODES = ['inline', 'fullscreen'];

/** A tool's view as loaded: its tool, its HTML, its `_meta.ui`, and the server's tools. */
export interface LoadedView {
  tool: Tool;
  html: string;
  meta: { csp?: ViewCsp; permissions?: object; prefersBorder?: boolean; domain?: string };
  /** The server's tools, to check what the view may call. */
  tools: Tool[];
  /** What the view was given: its CSP domains within the host's cap, and the permissions the person granted. */
  granted: { csp: ViewCsp; permissions: Record<string, object> };
}

/** What the person is asked before the host does what a view requested. */
export type HostAsk =
  { kind: 'call'; tool: Tool } | { kind: 'download'; name: string } | { kind: 'permissions'; names: string[] };

/** What the host needs from the element that shows the view. */
export interface AppSurface {
  /** The view being shown (asked when a request comes, as the element may have reloaded it). */
  view(): LoadedView;
  /** The client the view's requests go to. */
  client(): McpClient;
  /** The host context the view is told on `ui/initialize` (theme, styles, sizes, locale). */
  context(tool: Tool): Params;
  /** Shows the view in `mode` (undefined: as it is) and answers the mode in force. */
  showMode(mode: string | undefined): string;
  /** `ui/message`: false when the page vetoed it. */
  message(role: string, content: ContentBlock[]): boolean;
  /** `ui/update-model-context`: false when the page vetoed it. */
  updateContext(content: ContentBlock[] | undefined, structured: Record<string, unknown> | undefined): boolean;
  /** Asks the person; true when they allow it. */
  confirm(ask: HostAsk): Promise<boolean>;
  /** A readable note for the log: what the view asked that was refused. */
  note(text: string): void;
  /** The link as a string if a view may open it (http(s) only), else undefined. */
  safeLink(url: string | undefined): string | undefined;
  /** Whether calling the tool may change or delete data (asked of the person first). */
  isDestructive(tool: Tool): boolean;
  /** Whether the person interacted with the view itself just now (not with the page around it). */
  viewActive(): boolean;
  /** The host's policy for views. */
  policy(): AppPolicy;
  /** Aborts when the view goes: what it started (a sampling dialog) ends with it. */
  signal(): AbortSignal;
}

/** Base64 to bytes (throws when it is not base64). */
export const fromBase64 = (b64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/** Hands the person a file as plain bytes (the object URL lives a minute, long enough to start the download). */
function save(name: string, bytes: Uint8Array<ArrayBuffer>): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

/** The host end of one view, as appHost() makes it. */
export interface AppHost {
  /** What the view may ask of the host; everything else is "method not found". */
  answer(method: string, params: Params): Promise<Params>;
  /** Switches to a mode both sides allow and answers the mode in force. */
  setMode(mode: string): string;
}

/** The host end of one view: answers its requests through the surface. */
export function appHost(s: AppSurface): AppHost {
  /** The display modes the view said it supports on `ui/initialize`. */
  let appModes: unknown;

  const setMode = (mode: string): string => {
    const app = Array.isArray(appModes) ? appModes : MODES;
    return s.showMode(MODES.includes(mode) && app.includes(mode) ? mode : undefined);
  };

  /** Same server only; app-visible tools only; a destructive one only after the person allows it. */
  const callTool = async (view: LoadedView, params: Params): Promise<CallToolResult> => {
    const name = String(params.name);
    const tool = view.tools.find((t) => t.name === name);
    if (!tool || !visibility(tool).includes('app')) {
      s.note(
        `The view asked to call ${JSON.stringify(name.slice(0, 100))}, which ${tool ? 'is not visible to apps' : 'the server does not offer'}; refused.`,
      );
      throw new McpProtocolError(-32602, `Tool ${name} is not available to this app`);
    }
    if (s.isDestructive(tool) && !(await s.confirm({ kind: 'call', tool })))
      throw new McpProtocolError(-32000, 'The person declined the call');
    const args =
      params.arguments && typeof params.arguments === 'object' ? (params.arguments as Record<string, unknown>) : {};
    return s.client().callTool(name, args);
  };

  /** `ui/download-file`: asks the person, then saves the first item under a sanitised name as plain bytes. */
  const download = async (params: Params): Promise<Params> => {
    const item = (Array.isArray(params.contents) ? params.contents[0] : undefined) as
      { resource?: { uri?: string; text?: string; blob?: string }; uri?: string } | undefined;
    const res = item?.resource;
    const uri = res?.uri ?? item?.uri ?? '';
    // A name the system could run or open as a page gets `.bin` (setup.exe -> setup.exe.bin), as in result views.
    const name = safeFilename(uri.replace(/\\/g, '/'), 'download.bin');
    const bytes =
      typeof res?.text === 'string'
        ? new TextEncoder().encode(res.text)
        : typeof res?.blob === 'string'
          ? fromBase64(res.blob)
          : undefined;
    if (!bytes || !(await s.confirm({ kind: 'download', name }))) return { isError: true };
    save(name, bytes);
    return {};
  };

  return {
    async answer(method, params) {
      const view = s.view();
      const client = s.client();
      switch (method) {
        case 'ui/initialize': {
          appModes = (params.appCapabilities as { availableDisplayModes?: unknown } | undefined)?.availableDisplayModes;
          const sampling = client.options.onSampling ? { sampling: {} } : {};
          return {
            protocolVersion: VERSIONS.includes(params.protocolVersion as string) ? params.protocolVersion : VERSIONS[0],
            hostInfo: { name: 'mcp-web-components', version: VERSION },
            hostCapabilities: {
              openLinks: {},
              downloadFile: {},
              serverTools: { listChanged: true },
              serverResources: { listChanged: true },
              logging: {},
              message: { text: {}, image: {} },
              updateModelContext: { text: {}, image: {}, structuredContent: {} },
              sandbox: view.granted,
              ...sampling,
            },
            hostContext: s.context(view.tool),
          };
        }
        case 'ping':
          return {};
        case 'tools/list':
          return { tools: view.tools.filter((t) => visibility(t).includes('app')) };
        case 'tools/call':
          return callTool(view, params) as unknown as Promise<Params>;
        case 'resources/read':
          return client.readResource(String(params.uri)) as unknown as Promise<Params>;
        case 'resources/list':
          return { resources: await client.listResources() };
        case 'resources/templates/list':
          return { resourceTemplates: await client.listResourceTemplates() };
        case 'ui/open-link': {
          const url = s.safeLink(params.url as string);
          // A view may open a link only right after the person clicked in it: the page's own activation (the Run
          // click) lasts seconds and does not count.
          if (!url || !s.viewActive()) {
            s.note(
              `The view asked to open ${JSON.stringify(String(params.url).slice(0, 200))}; refused (${url ? 'no click' : 'not an http(s) link'}).`,
            );
            return { isError: true };
          }
          window.open(url, '_blank', 'noopener,noreferrer');
          return {};
        }
        case 'ui/message': {
          const content = (Array.isArray(params.content) ? params.content : []) as ContentBlock[];
          // A view speaks for the person, never as the system or the assistant.
          if ((params.role ?? 'user') !== 'user') {
            s.note(`The view sent a ui/message as ${JSON.stringify(String(params.role).slice(0, 40))}; refused.`);
            throw new McpProtocolError(-32602, 'Only role "user" is accepted');
          }
          return s.message('user', content) ? {} : { isError: true };
        }
        case 'ui/update-model-context': {
          const content = Array.isArray(params.content) ? (params.content as ContentBlock[]) : undefined;
          const structured =
            params.structuredContent && typeof params.structuredContent === 'object'
              ? (params.structuredContent as Record<string, unknown>)
              : undefined;
          return s.updateContext(content, structured) ? {} : { isError: true };
        }
        case 'ui/request-display-mode': {
          const mode = String(params.mode);
          // Fullscreen covers the page: only when the host allows it and right after the person clicked in the view.
          if (mode === 'fullscreen' && (s.policy().fullscreen === false || !s.viewActive())) {
            s.note('The view asked for fullscreen without a click in it (or the host does not allow it); refused.');
            return { mode: s.showMode(undefined) };
          }
          return { mode: setMode(mode) };
        }
        case 'ui/download-file':
          return download(params);
        case 'sampling/createMessage': {
          if (!client.options.onSampling) break;
          // The same capability and tool-loop checks as a server's request; its dialog ends with the view.
          // A handler's own failure goes to the log, not to the view (the server's code).
          return answerInput(client.options, method, params, { server: client.serverInfo, signal: s.signal() }).catch(
            (e: Error) => {
              if (e?.name === 'McpProtocolError') throw e;
              client.log(e);
              throw new McpProtocolError(-32603, 'The request failed on the client');
            },
          );
        }
      }
      throw new McpProtocolError(-32601, `Method not found: ${method}`);
    },
    setMode,
  };
}
