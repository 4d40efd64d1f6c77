import { closure } from './scripts/size.mjs';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const { seen } = closure('dist/mcp-web-components.js');
console.log(gzipSync([...seen].map((f) => readFileSync(f, 'utf8')).join('\n'), { level: 9 }).length);
