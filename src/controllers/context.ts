// The client shared with descendants: <mcp-client> provides it, every inner element consumes it.
import { createContext } from '@lit/context';
import type { McpClient } from '../core/client/client.js';

export const clientContext = createContext<McpClient | undefined>(Symbol('mcp-client'));
