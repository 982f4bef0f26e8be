// The files a built entry loads at import: the entry plus every chunk reachable through static
// imports (ESM `import`/`export … from`, CJS `require`). Dynamic `import()` is left out on purpose:
// those chunks load at the first call that needs them, which is the point of making them lazy.
// Used by .size-limit.mjs so the budget sees the chunks tsup's splitting cuts off the entry.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ESM_STATIC = /(?:^|[;\n])\s*(?:import|export)\s*(?:[^'"();]*?\bfrom\s*)?['"](\.\.?\/[^'"]+)['"]/g;
const CJS_STATIC = /\brequire\(\s*['"](\.\.?\/[^'"]+)['"]\s*\)/g;

/** Relative specifiers a built module loads statically (package imports are not ours to count). */
export function staticImports(source, format) {
  const pattern = format === 'cjs' ? CJS_STATIC : ESM_STATIC;
  return [...source.matchAll(pattern)].map((match) => match[1]);
}

/** Every file `entry` loads at import, entry first, as paths relative to `root`. */
export function importGraph(entry, { root = process.cwd() } = {}) {
  const format = entry.endsWith('.cjs') ? 'cjs' : 'esm';
  const seen = new Set();
  const queue = [join(root, entry)];
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of staticImports(readFileSync(file, 'utf8'), format)) queue.push(join(dirname(file), specifier));
  }
  return [...seen].map((file) => relative(root, file));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { brotliCompressSync } = await import('node:zlib');
  for (const entry of process.argv.slice(2)) {
    const files = importGraph(entry);
    const bytes = files.map((file) => readFileSync(file));
    const raw = bytes.reduce((sum, b) => sum + b.length, 0);
    const brotli = bytes.reduce((sum, b) => sum + brotliCompressSync(b).length, 0);
    console.log(`${entry}: ${files.length} files, ${raw} B raw, ${brotli} B brotli (each file compressed alone)`);
  }
}
