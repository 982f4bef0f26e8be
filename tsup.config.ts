import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing.ts', cli: 'src/testing/cli.ts' },
  format: ['esm', 'cjs'],
  target: 'node20',
  platform: 'node',
  dts: { entry: { index: 'src/index.ts', testing: 'src/testing.ts' }, compilerOptions: { ignoreDeprecations: '6.0' } },
  clean: true,
  sourcemap: false,
  splitting: true,
  treeshake: true,
  // p-retry is ESM-only: bundling it lets the CJS build load without require(esm).
  noExternal: ['p-retry', 'is-network-error'],
  // import.meta.url in the CJS build (src/testing/dispatcher.ts requires undici through it).
  shims: true,
});
