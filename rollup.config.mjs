// Builds the browser bundles. dist/client.js is the headless core (no lit); element bundles come later.
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

const plugins = () => [
  typescript({ tsconfig: './tsconfig.json', include: ['src/**/*.ts'], declaration: false, noEmit: false, outDir: 'dist' }),
  resolve({ browser: true }),
  terser({ ecma: 2022, module: true, format: { comments: false } }),
];

export default [
  {
    input: 'src/client.ts',
    output: { file: 'dist/client.js', format: 'es', sourcemap: true },
    plugins: plugins(),
  },
];
