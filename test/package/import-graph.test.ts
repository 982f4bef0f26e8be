/**
 * What `import 'knotapi-node'` / `require('knotapi-node')` loads, read from the build in dist/
 * (`npm run build`): the size budget (.size-limit.mjs) counts these files, and the card module
 * (key cache, validation, encryption) must not be among them: it loads at the first card call.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, staticImports } from '../../scripts/import-graph.mjs';

const repo = resolve(import.meta.dirname, '../..');

describe('staticImports', () => {
  it('finds ESM imports, re-exports and bare imports, not import()', () => {
    const source = [
      "import { a } from './chunk-A.js';",
      "export { b, c as d } from './chunk-B.js';",
      "import './chunk-C.js';",
      "import {\n  e,\n  f\n} from './chunk-D.js';",
      "import { z } from 'zod';",
      "const lazy = () => import('./seal-E.js');",
      "export { a };",
    ].join('\n');
    expect(staticImports(source, 'esm')).toEqual(['./chunk-A.js', './chunk-B.js', './chunk-C.js', './chunk-D.js']);
  });

  it('finds CJS requires of our own files, not import() nor packages', () => {
    const source = [
      "var chunkA = require('./chunk-A.cjs');",
      "require('./chunk-B.cjs');",
      "var undici = require('undici');",
      "loading ??= import('./seal-C.cjs');",
    ].join('\n');
    expect(staticImports(source, 'cjs')).toEqual(['./chunk-A.cjs', './chunk-B.cjs']);
  });
});

describe.each(['dist/index.js', 'dist/index.cjs'])('%s at import', (entry) => {
  const files = importGraph(entry, { root: repo });
  const source = files.map((file) => readFileSync(resolve(repo, file), 'utf8')).join('\n');

  it('follows the entry into its chunks', () => {
    expect(files[0]).toBe(entry);
    expect(files.length).toBeGreaterThan(1);
    expect(source).toContain('KnotValidationError');
  });

  it('loads no card module: key cache, validation and encryption wait for the first card call', () => {
    expect(source).not.toContain('JweKeyCache');
    expect(source).not.toContain('function sealCard');
    expect(source).not.toContain('CompactEncrypt');
  });
});
