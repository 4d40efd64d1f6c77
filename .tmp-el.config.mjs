import all from './rollup.config.mjs';
export default all.filter((c) => c.input && c.input['mcp-web-components']);
