// mcp-web-components/vue: the full build (registers every element) with Vue's `GlobalComponents`
// declared for every tag, so templates check `.prop` bindings and `@mcp-tool-result` handlers.
// Vue still has to be told the tags are custom elements (compilerOptions.isCustomElement).
import type { DefineComponent } from 'vue';
import type { ElementEvents, ElementProps, McpTag, Pascal } from './element-types.js';

export * from '../index.js';

/** Vue's spelling of a listener in props: `@mcp-tool-result` is `onMcpToolResult`. */
type Listeners<T extends McpTag> = {
  [K in keyof ElementEvents<T> & string as `on${Pascal<K>}`]?: (event: ElementEvents<T>[K]) => void;
};

/** Every tag as a Vue component type. */
export type McpVueComponents = { [T in McpTag]: DefineComponent<ElementProps<T> & Listeners<T>> };

declare module 'vue' {
  interface GlobalComponents extends McpVueComponents {}
}
