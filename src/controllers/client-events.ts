// Listens to events of whichever client an element currently uses, moving the listeners when the
// client changes (the ClientController only watches state and catalogue changes).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { McpClient, McpClientEventMap } from '../core/client/client.js';

/** Adds `handlers` to the host's client while the host is connected. */
export class ClientEventsController implements ReactiveController {
  private attached?: McpClient;

  constructor(
    host: ReactiveControllerHost,
    private readonly client: () => McpClient | undefined,
    private readonly handlers: { [K in keyof McpClientEventMap]?: (event: McpClientEventMap[K]) => void },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
  }
  hostUpdate(): void {
    this.sync();
  }
  hostDisconnected(): void {
    this.attach(undefined);
  }

  private sync(): void {
    if (this.client() !== this.attached) this.attach(this.client());
  }
  private attach(client: McpClient | undefined): void {
    for (const [type, fn] of Object.entries(this.handlers))
      (this.attached?.removeEventListener(type, fn as EventListener),
        client?.addEventListener(type, fn as EventListener));
    this.attached = client;
  }
}
