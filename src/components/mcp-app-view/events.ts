// The events of <mcp-app-view>: what a view asks of the host page. Both are cancelable:
// preventDefault() tells the view the host declined.
import type { ContentBlock } from '../../core/protocol/types.js';

const init = { bubbles: true, composed: true, cancelable: true };

/** The view sent a message for the conversation (`ui/message`); a dashboard decides what that means. */
export class McpAppMessageEvent extends Event {
  constructor(
    readonly tool: string,
    readonly role: string,
    readonly content: ContentBlock[],
  ) {
    super('mcp-app-message', init);
  }
}

/** The view updated what it wants the model to know (`ui/update-model-context`). */
export class McpAppContextEvent extends Event {
  constructor(
    readonly tool: string,
    readonly content: ContentBlock[] | undefined,
    readonly structuredContent: Record<string, unknown> | undefined,
  ) {
    super('mcp-app-context', init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mcp-app-message': McpAppMessageEvent;
    'mcp-app-context': McpAppContextEvent;
  }
}
