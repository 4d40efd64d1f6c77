// Gives an element the McpClient of the nearest <mcp-client> (or one set directly) and
// re-renders the element when the client's state or catalogue changes.
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { McpClient } from '../core/client/client.js';
import { clientContext } from './context.js';

const WATCHED = ['statechange', 'catalogue', 'toolschanged', 'resourceschanged', 'promptschanged'];

/** Tracks the client an element works with and which catalogue revision it has seen. */
export class ClientController implements ReactiveController {
  /** Bumped on every change notification, so tasks can depend on it. */
  revision = 0;
  private explicit?: McpClient;
  private watched?: McpClient;
  private consumer: ContextConsumer<typeof clientContext, ReactiveControllerHost & HTMLElement>;
  private onChange = () => {
    this.revision++;
    this.host.requestUpdate();
  };

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
    this.consumer = new ContextConsumer(host, {
      context: clientContext,
      subscribe: true,
      callback: () => this.watch(),
    });
  }

  /** The client in use: one set on the element, else the one from context. */
  get client(): McpClient | undefined {
    return this.explicit ?? this.consumer.value;
  }
  set client(client: McpClient | undefined) {
    this.explicit = client;
    this.watch();
  }

  /** True when requests can be sent. */
  get ready(): boolean {
    return this.client?.state === 'ready';
  }

  hostConnected(): void {
    this.watch();
  }
  hostDisconnected(): void {
    this.unwatch();
  }

  private watch(): void {
    if (this.watched === this.client) return;
    this.unwatch();
    this.watched = this.client;
    for (const type of WATCHED) this.watched?.addEventListener(type, this.onChange);
    this.onChange();
  }
  private unwatch(): void {
    for (const type of WATCHED) this.watched?.removeEventListener(type, this.onChange);
    this.watched = undefined;
  }
}
