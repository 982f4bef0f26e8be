import { readFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import ts from 'typescript';

/**
 * The doc comments belong in the .d.ts files (editors show them from there); in the JavaScript
 * they are a third of the bytes users download and nothing reads them. TypeScript's own printer
 * drops them, so string contents that merely look like comments are safe.
 */
const stripDocComments = {
  name: 'strip-doc-comments',
  setup(build: { onLoad: (options: { filter: RegExp }, load: (args: { path: string }) => Promise<{ contents: string; loader: 'js' }>) => void }) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async ({ path }) => {
      const { outputText } = ts.transpileModule(await readFile(path, 'utf8'), {
        fileName: path,
        compilerOptions: { removeComments: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
      });
      return { contents: outputText, loader: 'js' };
    });
  },
};

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing.ts', webhooks: 'src/webhooks.ts', cli: 'src/testing/cli.ts' },
  format: ['esm', 'cjs'],
  target: 'node20',
  platform: 'node',
  dts: { entry: { index: 'src/index.ts', testing: 'src/testing.ts', webhooks: 'src/webhooks.ts' }, compilerOptions: { ignoreDeprecations: '6.0' } },
  clean: true,
  sourcemap: false,
  splitting: true,
  treeshake: true,
  // import.meta.url in the CJS build (src/testing/dispatcher.ts requires undici through it).
  shims: true,
  esbuildPlugins: [stripDocComments],
  // Which build a module is in, for the one place that loads differently (src/internal/zod.ts).
  esbuildOptions(options, { format }) {
    options.define = { ...options.define, __KNOT_CJS_BUILD__: JSON.stringify(format === 'cjs') };
  },
});
