/**
 * npm never installs an optional peer dependency by itself, so most users of `knotapi-node/testing`
 * and `npx knot-mock` have no msw. Everything but `mock.handlers` must work for them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Consumer, installPacked, repo, startKnotMock } from '../helpers/packed.js';

let consumer: Consumer;
beforeAll(() => {
  consumer = installPacked();
}, 180_000);
afterAll(() => consumer?.remove());

it('installs no msw (npm leaves optional peers out)', () => {
  consumer.write('has-msw.cjs', `try { require.resolve('msw'); console.log('true'); } catch { console.log('false'); }`);
  expect(consumer.run('node', ['has-msw.cjs']).trim()).toBe('false');
});

it('serves the fake through listen() and the dispatcher from ESM; only mock.handlers asks for msw', () => {
  consumer.write(
    'kit.mjs',
    `import { KnotClient, KnotConfigError } from 'knotapi-node';
import { createMockKnot } from 'knotapi-node/testing';
const mock = createMockKnot();
await mock.linkAccount({ external_user_id: 'u1', merchant_id: 19, transactions: { new: true } });
const server = await mock.listen();
const overSocket = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: server.url });
let synced = 0;
for await (const _ of overSocket.transactions.sync({ merchant_id: 19, external_user_id: 'u1' })) synced++;
const inMemory = new KnotClient({ clientId: mock.clientId, secret: mock.secret, dispatcher: mock.dispatcher });
const merchants = (await inMemory.merchants.list({ type: 'transaction_link' })).length > 0;
let handlers;
try { void mock.handlers; handlers = 'no error'; } catch (e) { handlers = { config: e instanceof KnotConfigError, message: e.message }; }
await overSocket.close(); await inMemory.close(); await server.close(); await mock.close();
console.log(JSON.stringify({ synced, merchants, handlers }));`,
  );
  expect(JSON.parse(consumer.run('node', ['kit.mjs']))).toEqual({
    synced: 205,
    merchants: true,
    handlers: {
      config: true,
      message:
        "mock.handlers needs msw, which could not be loaded (Cannot find module 'msw'). msw is an optional peer dependency that npm does not install by itself: run `npm i -D msw`.",
    },
  });
});

it('requires the testing entry from CommonJS without loading msw, even with require(esm) disabled', () => {
  consumer.write(
    'kit.cjs',
    `const { createMockKnot } = require('knotapi-node/testing');
const { KnotClient } = require('knotapi-node');
(async () => {
  const mock = createMockKnot();
  const server = await mock.listen();
  const knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: server.url });
  const merchants = (await knot.merchants.list({ type: 'transaction_link' })).length > 0;
  await knot.close(); await server.close(); await mock.close();
  const mswLoaded = Object.keys(require.cache).some((p) => p.includes('/msw/'));
  console.log(JSON.stringify({ merchants, mswLoaded }));
})().catch((e) => { console.error(e); process.exit(1); });`,
  );
  expect(JSON.parse(consumer.run('node', ['--no-experimental-require-module', 'kit.cjs']))).toEqual({ merchants: true, mswLoaded: false });
});

it('runs the installed knot-mock, whose banner lines, pasted into a shell, point an unchanged new KnotClient() at it', async () => {
  const mock = await startKnotMock(consumer);
  try {
    expect(mock.exports).toHaveLength(3);
    consumer.write(
      'env-client.mjs',
      `import { KnotClient } from 'knotapi-node';
const knot = new KnotClient();
console.log(JSON.stringify((await knot.merchants.list({ type: 'transaction_link' })).length > 0));
await knot.close();`,
    );
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const listed = consumer.run('sh', ['-c', `${mock.exports.join('\n')}\nnode env-client.mjs`], { env });
    expect(JSON.parse(listed)).toBe(true);
  } finally {
    await mock.stop();
  }
}, 90_000);

it('typechecks a TypeScript consumer of the testing kit without msw, with library checking on', () => {
  mkdirSync(join(consumer.dir, 'ts-kit'), { recursive: true });
  consumer.write(
    'ts-kit/index.ts',
    `import { KnotClient } from 'knotapi-node';
import { createMockKnot, type MockKnot } from 'knotapi-node/testing';
export async function linked(): Promise<MockKnot> {
  const mock = createMockKnot();
  await mock.linkAccount({ external_user_id: 'u1', merchant_id: 19 });
  const knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, dispatcher: mock.dispatcher });
  await knot.close();
  return mock;
}
`,
  );
  consumer.write(
    'ts-kit/tsconfig.json',
    JSON.stringify({
      compilerOptions: {
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        strict: true,
        noEmit: true,
        // The point: our testing.d.ts imports msw's types, and msw is not installed here.
        skipLibCheck: false,
        ignoreDeprecations: '6.0',
        types: ['node'],
        typeRoots: [join(repo, 'node_modules/@types')],
      },
      files: ['index.ts'],
    }),
  );
  // By path: typescript-5.5 (devDependency) also ships a `tsc` bin, so .bin/tsc may be either.
  consumer.run('node', [join(repo, 'node_modules/typescript/bin/tsc'), '-p', join(consumer.dir, 'ts-kit/tsconfig.json')]);
}, 120_000);
