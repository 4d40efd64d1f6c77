// Argument completion for prompts and resource templates (checklist C-01…C-03): debounced, the
// older request cancelled by the newer, answers cached, and nothing asked of servers without
// the `completions` capability.
import type { ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import type { McpClient } from '../core/client/client.js';
import type { CompletionRef } from '../core/protocol/types.js';

/** One field asking for suggestions. `key` names the field in the host. */
export interface CompletionQuery {
  key: string;
  ref: CompletionRef;
  name: string;
  value: string;
  /** Values of the other arguments already filled in. */
  context: Record<string, string>;
}

const DEBOUNCE_MS = 200;
const CACHE_SIZE = 100;

/** Resolves after `ms` unless `signal` aborts first. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** Fetches suggestions for the field being edited; read them with `values(key)`. */
export class CompletionController {
  private query?: CompletionQuery;
  private cache = new Map<string, string[]>();
  private task: Task<
    readonly [McpClient | undefined, CompletionQuery | undefined],
    { key: string; values: string[] } | undefined
  >;

  constructor(
    private readonly host: ReactiveControllerHost,
    client: () => McpClient | undefined,
  ) {
    this.task = new Task(host, {
      task: async ([c, q], { signal }) => {
        if (!c || !q || c.state !== 'ready' || !c.serverCapabilities.completions) return undefined;
        const id = JSON.stringify([c.url, q.ref, q.name, q.value, q.context]);
        let values = this.cache.get(id);
        if (!values) {
          await pause(DEBOUNCE_MS, signal);
          const answer = await c.complete(
            q.ref,
            { name: q.name, value: q.value },
            { arguments: q.context },
            { signal },
          );
          values = (Array.isArray(answer?.values) ? answer.values : []).slice(0, 100).map(String);
          if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
          this.cache.set(id, values);
        }
        return { key: q.key, values };
      },
      args: () => [client(), this.query] as const,
    });
  }

  /** Asks for suggestions for one field; a newer call replaces an unanswered older one. */
  suggest(query: CompletionQuery): void {
    this.query = query;
    this.host.requestUpdate();
  }

  /** The latest suggestions for the field `key` (empty while none have arrived or on error). */
  values(key: string): string[] {
    const v = this.task.value;
    return v && v.key === key ? v.values : [];
  }
}
