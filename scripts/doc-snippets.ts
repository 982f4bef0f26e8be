/**
 * Keeps the code in the guides honest: every TypeScript/JavaScript block in README.md and docs/*.md
 * is a copy of a real file (or a `#region` of one) under examples/, which CI typechecks and runs
 * against the fake Knot API. A block is tied to its source by a marker on the line above it:
 *
 *   <!-- example: examples/guides/sync.ts#checkpoint -->
 *   ```ts
 *   ...
 *   ```
 *
 * Regions are delimited in the source by `// #region <name>` and `// #endregion`. Region marker
 * lines are never copied, and a region is dedented to its least-indented line. A block indented
 * under a list item (marker and fence indented alike) gets the fence's indentation on every line.
 *
 *   npx tsx scripts/doc-snippets.ts          # check: lists stale or unmarked blocks, exits 1 on any
 *   npx tsx scripts/doc-snippets.ts --write  # copies every marked block from its source
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Languages whose blocks must come from a file; shell, SQL, JSON and text blocks may stand alone. */
const CODE_LANGUAGES = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs', 'cjs']);
const MARKER = /^\s*<!--\s*example:\s*(\S+?)(?:#([\w-]+))?\s*-->\s*$/;
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/;

export interface CodeBlock {
  /** The Markdown file, relative to the repository root. */
  doc: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  /** The fence's indentation, which every line of the block carries (a block inside a list item). */
  indent: string;
  /** The block's text, without fences. */
  body: string;
  /** Where it must come from, when the line above the fence holds a marker. */
  source?: { file: string; region?: string };
  /** Line indexes (0-based) of the opening and closing fences. */
  open: number;
  close: number;
}

export function findCodeBlocks(doc: string, markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = FENCE.exec(lines[i]!);
    if (!fence) continue;
    const [, indent = '', ticks, lang = ''] = fence;
    let close = i + 1;
    while (close < lines.length && !lines[close]!.trimStart().startsWith(ticks!)) close++;
    const marker = i > 0 ? MARKER.exec(lines[i - 1]!) : null;
    blocks.push({
      doc,
      line: i + 1,
      lang: lang.toLowerCase(),
      indent,
      body: lines.slice(i + 1, close).join('\n'),
      ...(marker ? { source: { file: marker[1]!, ...(marker[2] ? { region: marker[2] } : {}) } } : {}),
      open: i,
      close,
    });
    i = close;
  }
  return blocks;
}

/** The text of a whole file or of one `#region`, without region markers, dedented. */
export function extractSnippet(source: string, region?: string): string {
  const lines = source.replace(/\s+$/, '').split('\n');
  let picked = lines;
  if (region !== undefined) {
    const start = lines.findIndex((l) => new RegExp(`^\\s*//\\s*#region\\s+${region}\\s*$`).test(l));
    if (start === -1) throw new Error(`no "// #region ${region}" found`);
    let depth = 0;
    let end = start + 1;
    for (; end < lines.length; end++) {
      if (/^\s*\/\/\s*#region\b/.test(lines[end]!)) depth++;
      else if (/^\s*\/\/\s*#endregion\b/.test(lines[end]!)) {
        if (depth === 0) break;
        depth--;
      }
    }
    if (end === lines.length) throw new Error(`"// #region ${region}" has no matching "// #endregion"`);
    picked = lines.slice(start + 1, end);
  }
  const kept = picked.filter((l) => !/^\s*\/\/\s*#(end)?region\b/.test(l));
  const indent = Math.min(...kept.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return kept.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

export interface SnippetProblem {
  doc: string;
  line: number;
  problem: string;
}

export function markdownFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs.sort()];
}

/** Checks (or, with `write`, repairs) every code block; returns what is still wrong. */
export function syncSnippets(root: string, write: boolean): { problems: SnippetProblem[]; blocks: CodeBlock[] } {
  const problems: SnippetProblem[] = [];
  const all: CodeBlock[] = [];
  for (const doc of markdownFiles(root)) {
    const path = join(root, doc);
    const markdown = readFileSync(path, 'utf8');
    const lines = markdown.split('\n');
    const blocks = findCodeBlocks(doc, markdown);
    all.push(...blocks);
    // Back to front, so replacing one block's lines does not move the blocks still to visit.
    for (const block of [...blocks].reverse()) {
      if (!block.source) {
        if (CODE_LANGUAGES.has(block.lang)) {
          problems.push({ doc, line: block.line, problem: `a ${block.lang} block with no <!-- example: ... --> marker above it` });
        }
        continue;
      }
      const file = resolve(root, block.source.file);
      const underExamples = relative(join(root, 'examples'), file);
      if (underExamples.startsWith('..') || isAbsolute(underExamples) || !existsSync(file)) {
        problems.push({ doc, line: block.line, problem: `${block.source.file} is not a file under examples/` });
        continue;
      }
      let expected: string;
      try {
        expected = extractSnippet(readFileSync(file, 'utf8'), block.source.region);
      } catch (error) {
        problems.push({ doc, line: block.line, problem: `${block.source.file}: ${(error as Error).message}` });
        continue;
      }
      const indented = expected
        .split('\n')
        .map((line) => (line ? block.indent + line : line))
        .join('\n');
      if (indented === block.body) continue;
      if (write) lines.splice(block.open + 1, block.close - block.open - 1, ...indented.split('\n'));
      else problems.push({ doc, line: block.line, problem: `differs from ${block.source.file}${block.source.region ? `#${block.source.region}` : ''}` });
    }
    if (write) writeFileSync(path, lines.join('\n'));
  }
  problems.sort((a, b) => a.doc.localeCompare(b.doc) || a.line - b.line);
  return { problems, blocks: all };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(import.meta.url), '../..');
  const write = process.argv.includes('--write');
  const { problems } = syncSnippets(root, write);
  for (const p of problems) console.error(`${p.doc}:${p.line}: ${p.problem}`);
  if (problems.length > 0) {
    console.error(`\n${problems.length} code block(s) out of step with examples/. Fix the marker, or run with --write.`);
    process.exit(1);
  }
  console.log(write ? 'Every marked code block copied from examples/.' : 'Every code block matches its file under examples/.');
}
