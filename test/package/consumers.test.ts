/**
 * Installs the packed tarball (what npm would publish) into throwaway consumer projects and uses it
 * the ways users do: ESM, CJS, TypeScript under three resolutions, and the testing entry with msw.
 * Without msw: without-msw.test.ts; bundlers: bundles.test.ts; the README: readme.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
let work: string;
let consumer: string;

function run(cmd: string, args: string[], cwd = consumer): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

function write(relative: string, text: string): string {
  const path = join(consumer, relative);
  writeFileSync(path, text);
  return path;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'knot-consumer-'));
  run('npm', ['pack', '--silent', '--pack-destination', work], repo);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball');
  consumer = join(work, 'app');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
  const mswVersion: string = JSON.parse(run('node', ['-p', 'JSON.stringify(require("msw/package.json").version)'], repo));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, tarball), `msw@${mswVersion}`]);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const esmProgram = `
import { KnotClient, KnotApiError, KnotConfigError } from 'knotapi-node';
import { createMockKnot } from 'knotapi-node/testing';
const mock = createMockKnot();
const server = await mock.listen();
try {
  const knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: server.url });
  const merchants = await knot.merchants.list({ type: 'transaction_link' });
  let code = null;
  try { await knot.transactions.refresh({ merchant_id: 19, external_user_id: 'nobody' }); } catch (e) { code = e instanceof KnotApiError ? e.errorCode : 'wrong'; }
  let config = false;
  try { new KnotClient({ clientId: '', secret: '' }); } catch (e) { config = e instanceof KnotConfigError; }
  console.log(JSON.stringify({ merchants: merchants.length > 0, code, config }));
  await knot.close();
} finally { await server.close(); }
`;

describe('the packed tarball', () => {
  it('works as ESM, with the testing entry', () => {
    write('esm.mjs', esmProgram);
    expect(JSON.parse(run('node', ['esm.mjs']))).toEqual({ merchants: true, code: 'USER_NOT_FOUND', config: true });
  });

  it('works as CommonJS', () => {
    const cjs = `(async () => {${esmProgram
      .replace("import { KnotClient, KnotApiError, KnotConfigError } from 'knotapi-node';", "const { KnotClient, KnotApiError, KnotConfigError } = require('knotapi-node');")
      .replace("import { createMockKnot } from 'knotapi-node/testing';", "const { createMockKnot } = require('knotapi-node/testing');")}})().catch((e) => { console.error(e); process.exit(1); });`;
    write('cjs.cjs', cjs);
    expect(JSON.parse(run('node', ['cjs.cjs']))).toEqual({ merchants: true, code: 'USER_NOT_FOUND', config: true });
  });

  it('loads the main entry with require(esm) disabled', () => {
    write(
      'cjs-main.cjs',
      `const { KnotClient, KnotError } = require('knotapi-node');
try { new KnotClient({ clientId: '', secret: '' }); } catch (e) { console.log(JSON.stringify(e instanceof KnotError)); }`,
    );
    expect(JSON.parse(run('node', ['--no-experimental-require-module', 'cjs-main.cjs']))).toBe(true);
  });

  it.each([
    ['the testing entry (ESM)', `await import('knotapi-node/testing');`],
    ['the testing entry (CJS)', `createRequire(import.meta.url)('knotapi-node/testing');`],
    [
      'a first request (ESM)',
      `const { KnotClient } = await import('knotapi-node');
const knot = new KnotClient({ clientId: 'a', secret: 'b', baseUrl: url, maxRetries: 0, logLevel: 'off' });
await knot.merchants.list({ type: 'transaction_link' }).catch(() => {});
await knot.close();`,
    ],
  ])("leaves Node's own fetch working after %s (undici must not take over the global dispatcher)", (_name, load) => {
    write(
      'fetch-after.mjs',
      `import { createServer } from 'node:http';
import { createRequire } from 'node:module';
const server = createServer((req, res) => { req.resume(); req.on('end', () => res.end('ok')); }).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = 'http://127.0.0.1:' + server.address().port;
try {
  ${load}
  // Node 20/22 fetch on undici 7's Agent fails exactly here: "invalid content-length header".
  const res = await fetch(url, { method: 'POST', body: 'abc', headers: { 'content-length': '3' } });
  console.log(JSON.stringify(await res.text()));
} finally { server.close(); }`,
    );
    expect(JSON.parse(run('node', ['fetch-after.mjs']))).toBe('ok');
  });

  it('keeps instanceof across builds: an error from the CJS build is an instance of the ESM class', () => {
    write(
      'cross.mjs',
      `import { createRequire } from 'node:module';
import { KnotApiError, KnotRateLimitError, KnotError } from 'knotapi-node';
const cjs = createRequire(import.meta.url)('knotapi-node');
const err = new cjs.KnotRateLimitError({ status: 429, body: {}, headers: new Headers(), method: 'POST', path: '/x', retryAfterMs: 1 });
console.log(JSON.stringify([cjs.KnotApiError !== KnotApiError, err instanceof KnotApiError, err instanceof KnotRateLimitError, err instanceof KnotError, new Error('x') instanceof KnotError]));`,
    );
    expect(JSON.parse(run('node', ['cross.mjs']))).toEqual([true, true, true, true, false]);
  });

  const webhooksProgram = (load: string) => `${load}
const body = JSON.stringify({ event: 'NEW_TRANSACTIONS_AVAILABLE', external_user_id: 'u', merchant: { id: 19, name: 'DoorDash' }, timestamp: 1 });
const headers = root.signWebhook({ body, secret: 's' });
const seen = [];
const handler = edge.fetchHandler({ secret: 's', on: { NEW_TRANSACTIONS_AVAILABLE: (e) => { seen.push(e.external_user_id); } } });
(async () => {
  const status = (await handler(new Request('http://x/', { method: 'POST', headers, body }))).status;
  const verified = await edge.verifyWebhookSignatureAsync({ body, headers, secret: 's' });
  let thrown = null;
  try { edge.parseWebhook('{'); } catch (e) { thrown = e; }
  console.log(JSON.stringify({
    status, seen, verified,
    sameFunction: root.parseWebhook === edge.parseWebhook,
    edgeErrorIsRootError: thrown instanceof root.KnotWebhookError && thrown instanceof root.KnotError,
    rootErrorIsEdgeError: (() => { try { root.parseWebhook('{'); } catch (e) { return e instanceof edge.KnotWebhookError; } })(),
  }));
})().catch((e) => { console.error(e); process.exit(1); });`;

  it.each([
    ['ESM', 'webhooks.mjs', "import * as edge from 'knotapi-node/webhooks';\nimport * as root from 'knotapi-node';"],
    ['CommonJS', 'webhooks.cjs', "const edge = require('knotapi-node/webhooks');\nconst root = require('knotapi-node');"],
  ])('imports knotapi-node/webhooks as %s: fetchHandler answers, and KnotWebhookError is the root one', (_kind, file, load) => {
    write(file, webhooksProgram(load));
    expect(JSON.parse(run('node', [file]))).toEqual({
      status: 200,
      seen: ['u'],
      verified: true,
      sameFunction: true,
      edgeErrorIsRootError: true,
      rootErrorIsEdgeError: true,
    });
  });

  it('keeps instanceof between the webhooks entry of one build and the root entry of the other', () => {
    write(
      'webhooks-cross.mjs',
      `import { createRequire } from 'node:module';
import { KnotWebhookError } from 'knotapi-node';
const edgeCjs = createRequire(import.meta.url)('knotapi-node/webhooks');
let error;
try { edgeCjs.parseWebhook('[]'); } catch (e) { error = e; }
console.log(JSON.stringify([error instanceof KnotWebhookError, error.reason]));`,
    );
    expect(JSON.parse(run('node', ['webhooks-cross.mjs']))).toEqual([true, 'invalid_payload']);
  });

  for (const [moduleKind, resolution] of [
    ['NodeNext', 'NodeNext'],
    ['ESNext', 'Bundler'],
    ['CommonJS', 'Node10'],
  ] as const) {
    it(`typechecks for a TypeScript consumer under ${resolution} resolution`, () => {
      const dir = `ts-${resolution.toLowerCase()}`;
      mkdirSync(join(consumer, dir), { recursive: true });
      write(
        `${dir}/index.ts`,
        `import { KnotClient, KnotApiError, type Transaction, type SyncPage } from 'knotapi-node';
import { createMockKnot } from 'knotapi-node/testing';
import { fetchHandler, type KnotWebhookEvent, type WebhookFetchHandler } from 'knotapi-node/webhooks';
export const webhook: WebhookFetchHandler = fetchHandler({
  secret: 's',
  on: { UPDATED_TRANSACTIONS_AVAILABLE: (event) => event.updated.map((u) => u.id) },
  onDelivery: ({ status, ms }) => void (status + ms),
});
export function name(event: KnotWebhookEvent): string { return event.event === 'AUTHENTICATED' ? event.session_id : 'other'; }
const knot = new KnotClient({ clientId: 'a', secret: 'b' });
export async function f(t: Transaction, p: SyncPage): Promise<string | null> {
  const mock = createMockKnot();
  void mock.clientId;
  const err: unknown = null;
  if (err instanceof KnotApiError && err.errorCode === 'USER_NOT_FOUND') return err.errorMessage;
  const page = await knot.transactions.syncPage({ merchant_id: 19, external_user_id: 'u' });
  return t.id + p.checkpoint + page.next_cursor;
}
`,
      );
      write(
        `${dir}/tsconfig.json`,
        JSON.stringify({
          compilerOptions: {
            module: moduleKind,
            moduleResolution: resolution,
            target: 'ES2022',
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            ignoreDeprecations: '6.0',
            types: ['node'],
            typeRoots: [join(repo, 'node_modules/@types')],
          },
          files: ['index.ts'],
        }),
      );
      // By path: typescript-5.5 (devDependency) also ships a `tsc` bin, so .bin/tsc may be either.
      run('node', [join(repo, 'node_modules/typescript/bin/tsc'), '-p', join(consumer, dir, 'tsconfig.json')]);
      // A full check of our .d.ts and @types/node (skipLibCheck off): ~10 s alone, far more on busy cores.
    }, 120_000);
  }

  // The oldest TypeScript the package supports: zod 4's floor. README states it; this proves it,
  // with library checking on (our .d.ts and zod's), under both modern resolutions. The main entry
  // only: the testing entry's types come from msw, whose own floor is not ours to test.
  for (const [moduleKind, resolution] of [
    ['NodeNext', 'NodeNext'],
    ['ESNext', 'Bundler'],
  ] as const) {
    it(`typechecks with TypeScript 5.5 (the minimum) under ${resolution} resolution`, () => {
      const dir = `ts55-${resolution.toLowerCase()}`;
      mkdirSync(join(consumer, dir), { recursive: true });
      write(
        `${dir}/index.ts`,
        `import { KnotClient, isKnownWebhookEvent, type Transaction, type WebhookEventOf } from 'knotapi-node';
const knot = new KnotClient({ clientId: 'a', secret: 'b' });
export async function totals(): Promise<string[]> {
  const out: string[] = [];
  for await (const t of knot.transactions.sync({ merchant_id: 19, external_user_id: 'u' })) out.push(t.price.total);
  return out;
}
export function route(body: string): number | null {
  const event = knot.webhooks.unwrap(body, {});
  if (!isKnownWebhookEvent(event)) return null;
  switch (event.event) {
    case 'UPDATED_TRANSACTIONS_AVAILABLE':
      return event.updated.length;
    case 'MERCHANT_STATUS_UPDATE':
      return event.data.status === 'UP' ? 1 : 0;
    default:
      return event.timestamp;
  }
}
export const onNew = (e: WebhookEventOf<'NEW_TRANSACTIONS_AVAILABLE'>): number => e.merchant.id;
export const firstProduct = (t: Transaction): string | undefined => t.products[0]?.name;
`,
      );
      write(
        `${dir}/tsconfig.json`,
        JSON.stringify({
          compilerOptions: {
            module: moduleKind,
            moduleResolution: resolution,
            target: 'ES2022',
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: ['node'],
            typeRoots: [join(repo, 'node_modules/@types')],
          },
          files: ['index.ts'],
        }),
      );
      const tsc55 = join(repo, 'node_modules/typescript-5.5/bin/tsc');
      expect(run('node', [tsc55, '--version'])).toContain('Version 5.5.');
      run('node', [tsc55, '-p', join(consumer, dir, 'tsconfig.json')]);
    }, 180_000);
  }

  it('never loads msw from the main entry', () => {
    write('no-msw.cjs', `require('knotapi-node'); console.log(JSON.stringify(Object.keys(require.cache).some((p) => p.includes('/msw/'))));`);
    expect(JSON.parse(run('node', ['no-msw.cjs']))).toBe(false);
  });
});
