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
    const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
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

it('the testing entry does use msw (so the check above can fail)', () => {
  const bare = [...importGraph('src/testing.ts').values()].flat();
  expect(bare).toContain('msw');
});
