// The package's version, as servers and MCP App views are told it (clientInfo, hostInfo). The build
// sets it from package.json (rollup's replace plugin, the browser tests' esbuild define); where no
// build step defines it (src run as is, e.g. in Node), it reads 'dev'.
declare const __MCP_VERSION__: string | undefined;

/** This package's version from package.json, or 'dev' when run from source without a build. */
export const VERSION: string = typeof __MCP_VERSION__ === 'string' ? __MCP_VERSION__ : 'dev';
