import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCodeBlocks, markdownFiles } from '../../scripts/doc-snippets.js';

const repo = resolve(import.meta.dirname, '../..');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of markdown.split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    let unique = slug;
    for (let n = 1; anchors.has(unique); n++) unique = `${slug}-${n}`;
    anchors.add(unique);
  }
  return anchors;
}

/** The Markdown without its code blocks, where link-like text is code, not a link. */
function prose(doc: string, markdown: string): string {
  const lines = markdown.split('\n');
  for (const block of findCodeBlocks(doc, markdown)) lines.fill('', block.open, block.close + 1);
  return lines.join('\n');
}

describe('links in README.md and docs/', () => {
  it('every relative link points at a file that exists, and every #anchor at a heading in it', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const doc of markdownFiles(repo)) {
      const text = prose(doc, readFileSync(resolve(repo, doc), 'utf8'));
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue; // https:, mailto:
        checked++;
        const [path, anchor] = target!.split('#');
        const file = path ? resolve(dirname(resolve(repo, doc)), path) : resolve(repo, doc);
        if (!existsSync(file)) {
          broken.push(`${doc}: ${target} (no such file)`);
          continue;
        }
        if (anchor && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor)) {
          broken.push(`${doc}: ${target} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it('derives anchors the way GitHub does', () => {
    expect([...anchorsOf('# Getting started\n## What is retried, and when\n## `retryAt`: per account\n## Getting started')]).toEqual([
      'getting-started',
      'what-is-retried-and-when',
      'retryat-per-account',
      'getting-started-1',
    ]);
  });
});
