import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractSnippet, findCodeBlocks, syncSnippets } from '../../scripts/doc-snippets.js';

const repo = resolve(import.meta.dirname, '../..');

describe('doc snippets', () => {
  it('every TypeScript block in README.md and docs/ is a copy of a file (or region) under examples/', () => {
    const { problems, blocks } = syncSnippets(repo, false);
    expect(problems.map((p) => `${p.doc}:${p.line}: ${p.problem}`)).toEqual([]);
    expect(blocks.some((b) => b.source)).toBe(true);
  });

  it('extracts a region without its markers or nested markers, dedented', () => {
    const source = ['a();', 'function f() {', '  // #region body', '  b();', '  // #region inner', '    c();', '  // #endregion inner', '  // #endregion', '}'].join('\n');
    expect(extractSnippet(source, 'body')).toBe('b();\n  c();');
    expect(extractSnippet(source)).toBe(['a();', 'function f() {', '  b();', '    c();', '}'].join('\n'));
    expect(() => extractSnippet(source, 'missing')).toThrow(/no "\/\/ #region missing"/);
    expect(() => extractSnippet('// #region open\nx();', 'open')).toThrow(/no matching/);
  });

  it('ties a block to the marker on the line above its fence, and only that one', () => {
    const markdown = ['<!-- example: examples/x.ts#r -->', '```ts', 'x();', '```', '', 'text', '```ts', 'y();', '```', '```bash', 'ls', '```'].join('\n');
    const blocks = findCodeBlocks('doc.md', markdown);
    expect(findCodeBlocks('list.md', ['- item:', '', '  <!-- example: examples/y.ts -->', '  ```ts', '  y();', '  ```'].join('\n'))).toMatchObject([
      { lang: 'ts', indent: '  ', body: '  y();', source: { file: 'examples/y.ts' } },
    ]);
    expect(blocks.map((b) => [b.lang, b.line, b.body, b.source])).toEqual([
      ['ts', 2, 'x();', { file: 'examples/x.ts', region: 'r' }],
      ['ts', 7, 'y();', undefined],
      ['bash', 10, 'ls', undefined],
    ]);
  });
});
