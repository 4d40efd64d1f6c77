// Not bundled: proves the JSX declarations reject what the elements would not take (tsc -p test/apps).
import type {} from 'mcp-web-components/react';

export const wrong = [
  // @ts-expect-error `values` is an object of arguments, not a string
  <mcp-tool-form values="a=1" />,
  // @ts-expect-error `locked` is a list of names
  <mcp-tool-form locked="b" />,
  // @ts-expect-error the handler receives an McpToolResultEvent, which has no `detail` of this shape
  <mcp-tool-form onmcp-tool-result={(e: CustomEvent<number>) => e.detail.toFixed()} />,
  // @ts-expect-error `tool` is a name, not a number
  <mcp-tool-list selected={3} />,
];
export const right = (
  <mcp-client
    url="https://example.com/mcp"
    onmcp-connected={(e) => e.serverInfo?.name}
    onmcp-tool-result={(e) => e.result?.isError}
  />
);
