// Builds the browser bundles. dist/client.js is the headless core (no lit), with the auth code split
// into dist/chunks/; dist/auth-callback.js is the OAuth callback page module; element bundles come later.
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
    // Authorization (src/core/auth with oauth4webapi) is imported on first use, so it lands in its own chunk.
    input: { client: 'src/client.ts' },
    output: { dir: 'dist', format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: plugins(),
  },
  {
    // The OAuth callback module a host serves at its redirect URI.
    input: 'src/auth-callback.ts',
    output: { file: 'dist/auth-callback.js', format: 'es', sourcemap: true },
    plugins: plugins(),
  },
];
