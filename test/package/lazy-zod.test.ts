/**
 * Importing the main entry loads none of the SDK's dependencies (zod, undici, bottleneck, jose): zod
 * is most of what the import used to cost. The synchronous `parseWebhook` then loads zod by itself,
 * in both builds, and after a first request it uses the zod that request loaded (one copy).
 * Separate Node processes on the built output in dist/ (`npm run build`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const DEPENDENCIES = ['zod', 'undici', 'bottleneck', 'jose'];
let work: string;

function node(args: string[]): unknown {
  const out = execFileSync(process.execPath, args, { cwd: work, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NODE_OPTIONS: '' } });
  return JSON.parse(out);
}

/** Node's resolve hook (off-thread, ESM only): resolving a dependency fails loudly. */
const REFUSE_HOOKS = `const refused = ${JSON.stringify(DEPENDENCIES)};
export async function resolve(specifier, context, next) {
  if (refused.some((name) => specifier === name || specifier.startsWith(name + '/'))) throw new Error('REFUSED ' + specifier);
  return next(specifier, context);
}`;

/** The CommonJS modules of a dependency in require.cache (createRequire shares it with ESM). */
const LOADED = `const loaded = () => Object.keys(require.cache).flatMap((p) => ${JSON.stringify(DEPENDENCIES)}.filter((d) => p.includes('/node_modules/' + d + '/'))).filter((d, i, all) => all.indexOf(d) === i);`;

const EVENT = JSON.stringify({ event: 'NEW_TRANSACTIONS_AVAILABLE', external_user_id: 'user-1', merchant: { id: 19, name: 'DoorDash' }, timestamp: '1710864923198' });
const parsed = { event: 'NEW_TRANSACTIONS_AVAILABLE', external_user_id: 'user-1', merchant: { id: 19, name: 'DoorDash' }, timestamp: 1710864923198 };

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'knot-lazy-zod-'));
  writeFileSync(join(work, 'refuse.mjs'), REFUSE_HOOKS);
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('importing knotapi-node', () => {
  it('CommonJS: requires no dependency at import nor for a client; parseWebhook then requires zod and parses', () => {
    const program = `${LOADED}
      const { KnotClient, parseWebhook } = require(${JSON.stringify(join(repo, 'dist/index.cjs'))});
      new KnotClient({ clientId: 'a', secret: 'b', baseUrl: 'http://127.0.0.1:9' });
      const atImport = loaded();
      const event = parseWebhook(${JSON.stringify(EVENT)});
      console.log(JSON.stringify({ atImport, afterParse: loaded(), event }));`;
    expect(node(['-e', program])).toEqual({ atImport: [], afterParse: ['zod'], event: parsed });
  });

  it('ESM: resolves no dependency at import nor for a client; parseWebhook then loads zod by itself and parses', () => {
    const program = `
      import { register, createRequire } from 'node:module';
      register(${JSON.stringify(new URL('refuse.mjs', `file://${work}/`).href)});
      const require = createRequire(import.meta.url);
      ${LOADED}
      const { KnotClient, parseWebhook } = await import(${JSON.stringify(join(repo, 'dist/index.js'))});
      await new KnotClient({ clientId: 'a', secret: 'b', baseUrl: 'http://127.0.0.1:9' }).close();
      const atImport = loaded();
      const event = parseWebhook(${JSON.stringify(EVENT)});
      console.log(JSON.stringify({ atImport, afterParse: loaded(), event }));`;
    expect(node(['--input-type=module', '-e', program])).toEqual({ atImport: [], afterParse: ['zod'], event: parsed });
  });

  it('ESM: after a first request, parseWebhook uses the zod that request loaded (no CommonJS copy)', () => {
    const program = `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      ${LOADED}
      const { KnotClient, parseWebhook } = await import(${JSON.stringify(join(repo, 'dist/index.js'))});
      const { createMockKnot } = await import(${JSON.stringify(join(repo, 'dist/testing.js'))});
      const mock = createMockKnot();
      const knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: 'https://development.knotapi.com', dispatcher: mock.dispatcher });
      const merchants = (await knot.merchants.list({ type: 'transaction_link' })).length > 0;
      const event = parseWebhook(${JSON.stringify(EVENT)});
      await knot.close();
      await mock.close();
      console.log(JSON.stringify({ merchants, event, commonJs: loaded().filter((d) => d === 'zod') }));`;
    expect(node(['--input-type=module', '-e', program])).toEqual({ merchants: true, event: parsed, commonJs: [] });
  });
});
