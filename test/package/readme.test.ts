/**
 * The README's code, as a newcomer uses it: every TypeScript block copied verbatim into a fresh
 * project that has only `npm i knotapi-node` (the packed tarball, no msw), saved as an .mjs file and
 * run twice with `node`, against the installed `knot-mock`, with the environment its banner prints.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findCodeBlocks } from '../../scripts/doc-snippets.js';
import { type Consumer, installPacked, type KnotMockProcess, repo, startKnotMock } from '../helpers/packed.js';

const blocks = findCodeBlocks('README.md', readFileSync(join(repo, 'README.md'), 'utf8')).filter((b) => ['ts', 'typescript'].includes(b.lang));

let consumer: Consumer;
let mock: KnotMockProcess;

beforeAll(async () => {
  consumer = installPacked();
  mock = await startKnotMock(consumer);
}, 180_000);
afterAll(async () => {
  await mock?.stop();
  consumer?.remove();
});

/** Runs `node quickstart.mjs` in `dir` from a shell that has only the pasted banner lines set. */
function runPasted(dir: string): string {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  return consumer.run('sh', ['-c', `${mock.exports.join('\n')}\nnode quickstart.mjs 2>&1`], { cwd: dir, env });
}

it('the README has TypeScript blocks, the Quickstart first', () => {
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks[0]!.body).toContain('knot.transactions.sync(');
});

it.each(blocks.map((block, i) => [`README.md:${block.line}`, block, i] as const))('%s runs twice in a row, verbatim', (_where, block, i) => {
  const dir = join(consumer.dir, `block-${i}`);
  mkdirSync(dir);
  consumer.write(`block-${i}/quickstart.mjs`, block.body);
  const first = runPasted(dir);
  const second = runPasted(dir);
  if (i === 0) {
    // First run: links the account, syncs its whole history, gets a refresh in.
    expect(first).toMatch(/^session for the client-side SDK: \S+$/m);
    expect(first).toMatch(/^synced 205 transactions; 205 stored$/m);
    expect(first).toMatch(/^refresh requested:/m);
    // Second run: resumes from the stored cursor (only what the refresh found), refused a refresh.
    const [, synced, stored] = /^synced (\d+) transactions; (\d+) stored$/m.exec(second) ?? [];
    expect(Number(synced)).toBeLessThan(205);
    expect(Number(stored)).toBe(205 + Number(synced));
    expect(second).toMatch(/^refresh refused until \d{4}-\d\d-\d\dT\S+Z \(one per hour\)$/m);
  }
}, 120_000);
