// Budgets, brotli. "at import" rows count the entry plus every chunk it loads statically (tsup's
// splitting moves shared code out of dist/index.js, so the entry alone under-counts what a
// TransactionLink-only user loads). Lazy chunks (seal/jose, zod schemas, product code) are not
// counted: they load at the first call that needs them. Run after `npm run build`.
import { importGraph } from './scripts/import-graph.mjs';

export default [
  {
    name: 'ESM main entry, everything loaded at import (own code; undici, zod, bottleneck not counted)',
    path: importGraph('dist/index.js'),
    limit: '29.5 kB',
  },
  {
    name: 'CJS main entry, everything loaded at import',
    path: importGraph('dist/index.cjs'),
    limit: '30.5 kB',
  },
  {
    name: 'ESM main entry file alone',
    path: 'dist/index.js',
    limit: '24 kB',
  },
  {
    name: 'CJS main entry file alone',
    path: 'dist/index.cjs',
    limit: '24 kB',
  },
];
