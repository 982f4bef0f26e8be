/**
 * src/core is the part a newcomer reads first: each module fits one screen, or its top comment
 * (the first lines, before the code) says why it is longer (docs/architecture.md, "Module size").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const core = resolve(import.meta.dirname, '../../src/core');
const SCREEN = 60;
const modules = readdirSync(core).filter((name) => name.endsWith('.ts'));

/** The comment lines before the first line of code (imports included). */
function topComment(source: string): string {
  const lines = source.split('\n');
  const code = lines.findIndex((line) => line.trim() !== '' && !/^\s*(\/\/|\/\*|\*)/.test(line));
  return lines.slice(0, code === -1 ? lines.length : code).join('\n');
}

describe('src/core modules', () => {
  it('are found', () => {
    expect(modules.length).toBeGreaterThan(5);
  });

  it.each(modules)('%s fits one screen or says at its top why not', (name) => {
    const source = readFileSync(join(core, name), 'utf8');
    const lines = source.trimEnd().split('\n').length;
    if (lines > SCREEN) expect(topComment(source), `${name}: ${lines} lines`).toMatch(/screen/i);
  });
});
