// JSON-RPC 2.0 message shapes and the decoder that turns untrusted text into them.
import { McpFormatError, excerpt } from './errors.js';

export type RequestId = string | number;
export type Params = Record<string, unknown>;

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id: RequestId;
  method: string;
  params?: Params;
}
export interface JsonRpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: Params;
}
export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}
export interface JsonRpcResponse {
  jsonrpc: '2.0';
  id: RequestId | null;
  result?: Params;
  error?: JsonRpcErrorObject;
}
export type JsonRpcMessage = JsonRpcRequest | JsonRpcNotification | JsonRpcResponse;

/** True for a message with a method and an id: a request the peer expects an answer to. */
export const isRequest = (m: JsonRpcMessage): m is JsonRpcRequest => 'method' in m && 'id' in m && m.id != null;
/** True for a message with a method and no id. */
export const isNotification = (m: JsonRpcMessage): m is JsonRpcNotification =>
  'method' in m && !('id' in m && m.id != null);
/** True for a result or error answer. */
export const isResponse = (m: JsonRpcMessage): m is JsonRpcResponse => !('method' in m);

/** Whether `v` is a non-array object (one helper for the client, so its bundle carries it once). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is RequestId => typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));

/** Checks that a parsed value is one JSON-RPC 2.0 message; throws McpFormatError otherwise. */
export function toMessage(value: unknown): JsonRpcMessage {
  if (!isObject(value) || value.jsonrpc !== '2.0')
    throw new McpFormatError('Not a JSON-RPC 2.0 message', excerpt(safeString(value)));
  if (typeof value.method === 'string') {
    if ('params' in value && value.params !== undefined && !isObject(value.params))
      throw new McpFormatError(`Invalid params in ${value.method}`);
    if ('id' in value && value.id != null && !isId(value.id)) throw new McpFormatError('Invalid request id');
    return value as unknown as JsonRpcMessage;
  }
  if (!('id' in value) || (value.id !== null && !isId(value.id)))
    throw new McpFormatError('JSON-RPC response without a valid id');
  if (isObject(value.error)) {
    const { code, message } = value.error;
    if (typeof code !== 'number' || typeof message !== 'string')
      throw new McpFormatError('Malformed JSON-RPC error object');
    return value as unknown as JsonRpcMessage;
  }
  if (!isObject(value.result)) throw new McpFormatError('JSON-RPC response has neither result nor error');
  return value as unknown as JsonRpcMessage;
}

/** Parses one JSON text (a body or an SSE data field) into messages; a batch array gives several. */
export function decodeMessages(text: string): JsonRpcMessage[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new McpFormatError('The server sent malformed JSON', excerpt(text));
  }
  return Array.isArray(value) ? value.map(toMessage) : [toMessage(value)];
}

function safeString(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
