// The events of <mcp-workspace>, beside it as <mcp-app-view>'s are, so they load with its lazy chunk (src/index.ts
// exports their types).
const init = (): EventInit => ({ bubbles: true, composed: true });

/** The person added a server to the workspace (it is saved and connecting). */
export class McpServerAddEvent extends Event {
  constructor(readonly url: string) {
    super('mcp-server-add', init());
  }
}

/** The person removed a server from the workspace, and everything kept for it was forgotten. */
export class McpServerRemoveEvent extends Event {
  constructor(readonly url: string) {
    super('mcp-server-remove', init());
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mcp-server-add': McpServerAddEvent;
    'mcp-server-remove': McpServerRemoveEvent;
  }
}
