/**
 * The SDK bundled into an app with esbuild (`--bundle --platform=node`), ESM and CommonJS, run
 * against the installed knot-mock: every outcome is a working client or a KnotError that says what
 * to change, never a bare Error from inside the bundle.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Consumer, installPacked, type KnotMockProcess, repo, startKnotMock } from '../helpers/packed.js';

let consumer: Consumer;
let mock: KnotMockProcess;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  consumer = installPacked();
  mock = await startKnotMock(consumer);
  env = { ...process.env };
  for (const line of mock.exports) {
    const [, name, value] = /^export (\w+)=(.*)$/.exec(line)!;
    env[name!] = value;
  }
}, 180_000);
afterAll(async () => {
  await mock?.stop();
  consumer?.remove();
});

/** One program, two module systems: lists merchants, then provokes a typed API error. */
const body = `
  const knot = new KnotClient({ maxRetries: 0 });
  try {
    const merchants = (await knot.merchants.list({ type: 'transaction_link' })).length > 0;
    const error = await knot.transactions.refresh({ merchant_id: 19, external_user_id: 'nobody' }).then(() => null, (e) => e);
    console.log(JSON.stringify({ merchants, code: error instanceof KnotApiError ? error.errorCode : String(error) }));
  } catch (e) {
    console.log(JSON.stringify({ failed: e instanceof KnotError ? e.name : 'not a KnotError: ' + e, message: e.message }));
  } finally {
    await knot.close();
  }`;
const esm = `import { KnotApiError, KnotClient, KnotError } from 'knotapi-node';\n${body}\n`;
const cjs = `const { KnotApiError, KnotClient, KnotError } = require('knotapi-node');\n(async () => {${body}\n})();\n`;
const REQUIRE_BANNER = "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

function bundle(entry: string, source: string, outfile: string, args: string[]): string {
  consumer.write(entry, source);
  consumer.run(join(repo, 'node_modules/.bin/esbuild'), [entry, '--bundle', '--platform=node', `--outfile=${outfile}`, '--log-level=error', ...args]);
  return join(consumer.dir, outfile);
}

/** Runs a bundle copied to a folder with no node_modules anywhere above it: fully self-contained. */
function runAlone(file: string): unknown {
  const alone = join(consumer.work, 'alone');
  mkdirSync(alone, { recursive: true });
  const copy = join(alone, file.split('/').at(-1)!);
  copyFileSync(file, copy);
  return JSON.parse(consumer.run('node', [copy], { cwd: alone, env }));
}

const works = { merchants: true, code: 'USER_NOT_FOUND' };

describe('esbuild bundles against the fake', () => {
  it('CommonJS (--format=cjs): works, and needs nothing beside the bundle', () => {
    const file = bundle('app.cjs', cjs, 'out/app.bundle.cjs', ['--format=cjs']);
    expect(JSON.parse(consumer.run('node', [file], { env }))).toEqual(works);
    expect(runAlone(file)).toEqual(works);
  });

  it('ESM with the usual `require` banner: works, and needs nothing beside the bundle', () => {
    const file = bundle('app-banner.mjs', esm, 'out/app.banner.mjs', ['--format=esm', REQUIRE_BANNER]);
    expect(JSON.parse(consumer.run('node', [file], { env }))).toEqual(works);
    expect(runAlone(file)).toEqual(works);
  });

  it('plain ESM (--format=esm): works beside node_modules; alone, a KnotConfigError gives the fixes', () => {
    const file = bundle('app.mjs', esm, 'out/app.bundle.mjs', ['--format=esm']);
    expect(JSON.parse(consumer.run('node', [file], { env }))).toEqual(works);
    const alone = runAlone(file) as { failed: string; message: string };
    expect(alone.failed).toBe('KnotConfigError');
    expect(alone.message).toMatch(/^knotapi-node could not load undici \(Dynamic require of "node:\w+" is not supported\)\. This is an ESM bundle/);
    expect(alone.message).toContain('--format=cjs');
  });
});
