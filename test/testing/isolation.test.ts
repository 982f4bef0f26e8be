import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Every module reachable from `entry` through static and dynamic imports, with its bare imports. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [resolve(ROOT, entry)];
  // Bounded: each file is visited once, and the source tree is finite.
  while (pending.length > 0 && graph.size < 1000) {
    const file = pending.pop()!;
    if (graph.has(file)) continue;
    const source = readFileSync(file, 'utf8');
    // Doc comments (their @example imports) and type-only imports are not part of what loads at run time.
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*(?:import|export)\s+type\b[^;]*;/gm, '');
    const specifiers = [...code.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    graph.set(file, specifiers.filter((s) => !s.startsWith('.')));
    for (const s of specifiers.filter((s) => s.startsWith('.'))) pending.push(join(dirname(file), s.replace(/\.js$/, '.ts')));
  }
  return graph;
}

it('the main entry never reaches msw or the testing kit', () => {
  const graph = importGraph('src/index.ts');
  expect(graph.size).toBeGreaterThan(5);
  for (const [file, bare] of graph) {
    expect(relative(ROOT, file), 'main entry imports the testing kit').not.toMatch(/^src\/testing/);
    expect(bare.filter((s) => s === 'msw' || s.startsWith('msw/') || s.startsWith('@mswjs/')), relative(ROOT, file)).toEqual([]);
  }
});

it('the testing entry never imports msw either: only mock.handlers loads it, by require, on first use', () => {
  const graph = importGraph('src/testing.ts');
  expect(graph.size).toBeGreaterThan(10);
  for (const [file, bare] of graph) {
    expect(bare.filter((s) => s === 'msw' || s.startsWith('msw/')), relative(ROOT, file)).toEqual([]);
  }
  const lazy = readFileSync(resolve(ROOT, 'src/testing/msw-handlers.ts'), 'utf8');
  expect(lazy).toMatch(/createRequire\(import\.meta\.url\)\('msw'\)/);
});

it('sees a value import of msw when there is one (so the checks above can fail)', () => {
  const source = "import type { A } from 'msw';\nimport { http } from 'msw';";
  const code = source.replace(/^\s*(?:import|export)\s+type\b[^;]*;/gm, '');
  expect([...code.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1])).toEqual(['msw']);
});
