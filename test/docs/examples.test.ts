import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockKnot, type MockKnot } from '../../src/testing.js';

const repo = resolve(import.meta.dirname, '../..');
/** Every runnable guide example: the files directly in examples/guides (sub-folders hold their helpers). */
const examples = readdirSync(resolve(repo, 'examples/guides'), { withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
  .map((entry) => `examples/guides/${entry.name}`)
  .sort();

/** tsx by path: the examples run in an empty working directory, so that files they write (the quickstart's store) land there. */
const tsx = pathToFileURL(resolve(repo, 'node_modules/tsx/dist/loader.mjs')).href;

function run(file: string, env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', tsx, resolve(repo, file)], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    // A hung example must fail the test, not the whole run.
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

let mock: MockKnot | undefined;
let cwd: string | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
  if (cwd) rmSync(cwd, { recursive: true, force: true });
  cwd = undefined;
});

describe('the guides’ examples run against the fake Knot API', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)('%s exits 0', async (file) => {
    mock = createMockKnot();
    const server = await mock.listen();
    const env: NodeJS.ProcessEnv = { ...process.env, KNOT_BASE_URL: server.url, KNOT_CLIENT_ID: mock.clientId, KNOT_SECRET: mock.secret };
    delete env.KNOT_ENVIRONMENT; // the examples must not depend on the shell they run from
    cwd = mkdtempSync(join(tmpdir(), 'knot-example-'));
    const { code, output } = await run(file, env, cwd);
    expect(output, output).not.toMatch(/Error:/);
    expect(code, output).toBe(0);
  }, 60_000);
});
