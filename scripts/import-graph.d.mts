/** Relative specifiers a built module loads statically. */
export function staticImports(source: string, format: 'esm' | 'cjs'): string[];
/** Every file `entry` loads at import, entry first, as paths relative to `root`. */
export function importGraph(entry: string, options?: { root?: string }): string[];
