// JSX declarations for React 19, which sets properties and listens to custom events on plain
// custom-element tags: `<mcp-tool-form tool="x" values={{…}} onmcp-tool-result={(e) => …} />` is
// then checked like any intrinsic element. Types only: `import type {} from 'mcp-web-components/react'`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ElementEvents, ElementProps, McpElements, McpTag } from '../element-types.js';

/** React 19's spelling of a custom event listener prop: `on` + the event's own name. */
type Listeners<T extends McpTag> = {
  [K in keyof ElementEvents<T> & string as `on${K}`]?: (event: ElementEvents<T>[K]) => void;
};

/** The props of one tag in JSX: the element's properties, its event listeners, and the usual HTML attributes. */
export type McpJsxProps<T extends McpTag> = ElementProps<T> &
  Listeners<T> &
  Omit<DetailedHTMLProps<HTMLAttributes<McpElements[T][0]>, McpElements[T][0]>, keyof ElementProps<T>>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements extends McpIntrinsicElements {}
  }
}

/** Every tag's JSX props. */
export type McpIntrinsicElements = { [T in McpTag]: McpJsxProps<T> };
