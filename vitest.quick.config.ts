/**
 * `npm run test:quick`: the unit and fake-API tests, in well under a minute, with no build, no
 * Redis and no child processes. What it leaves out (run `npm test` for everything):
 */
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

const skipped = [
  'test/redis/**', // a real redis-server (clustered limiter, queue worker)
  'test/reliability/abort-while-queued.test.ts', // a real redis-server
  'test/reliability/soak.test.ts', // the fault soak: minutes of traffic
  'test/package/**', // consumer projects installed from the packed tarball (npm pack + install)
  'test/types/hover.test.ts', // the TypeScript language service over the built .d.ts
  'test/docs/tsdoc-examples.test.ts', // tsc over every TSDoc @example (40 s of a loaded quick run)
  'test/docs/examples.test.ts', // every guide example as a child process, against the build
  'test/demo.test.ts', // the demo as a child process
  'test/sync/example.test.ts', // the Postgres example as a child process
  'test/sync/crash.test.ts', // crash-and-resume runs of that example, killed mid-sync
];

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, ...skipped],
      // The type tests (*.test-d.ts) run tsc over the suite: most of a minute on their own.
      typecheck: { enabled: false },
    },
  }),
);
