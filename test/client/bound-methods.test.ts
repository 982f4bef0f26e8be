/**
 * Resource methods are bound (DESIGN §2.2): `const { get } = knot.transactions; ids.map((id) => get(id))`
 * works, for every method of every namespace, including ones added later (the list is read from
 * the client, not written here). Against the fake Knot API on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnotClient, KnotError, KnotValidationError, KnotWebhookError, signWebhook, TransactionSync } from '../../src/index.js';
import { createMockKnot, type MockKnot, type MockServer } from '../../src/testing.js';
import { newTransactions } from '../webhooks/fixtures.js';

const account = { external_user_id: 'bound-user', merchant_id: 19 };
let mock: MockKnot;
let server: MockServer;
let knot: KnotClient;

beforeAll(async () => {
  mock = createMockKnot({ seed: 3 });
  server = await mock.listen();
  knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: server.url, logLevel: 'off', maxRetries: 0 });
  await mock.linkAccount({ ...account, transactions: { new: true } });
});

afterAll(async () => {
  await knot?.close();
  await server?.close();
  await mock?.close();
});

/** Every API namespace of the client (`knot.sessions`, ...) and the names of its methods. */
function namespaces(client: KnotClient): [string, object, string[]][] {
  const found: [string, object, string[]][] = [];
  for (const [name, value] of Object.entries(client)) {
    if (name === 'webhooks' || typeof value !== 'object' || value === null) continue;
    const methods = new Set<string>();
    for (let proto = Object.getPrototypeOf(value); proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const key of Object.getOwnPropertyNames(proto)) if (key !== 'constructor' && typeof value[key as keyof typeof value] === 'function') methods.add(key);
    }
    found.push([name, value, [...methods]]);
  }
  return found;
}

describe('detached resource methods', () => {
  const all = () => namespaces(knot).flatMap(([ns, target, methods]) => methods.map((m) => [ns, target, m] as const));

  it('covers every namespace and method of the client', () => {
    const names = all().map(([ns, , m]) => `${ns}.${m}`);
    expect(names).toEqual(expect.arrayContaining(['sessions.create', 'transactions.get', 'transactions.sync', 'development.linkAccount', 'accounts.unlink']));
    expect(names.length).toBeGreaterThanOrEqual(12);
  });

  it('every detached method runs with its namespace as this: never a TypeError, only KnotErrors', async () => {
    const outcomes = new Map<string, unknown>();
    for (const [ns, target, name] of all()) {
      const detached = (target as Record<string, (...args: unknown[]) => unknown>)[name]!;
      let result: unknown;
      expect(() => {
        result = detached(undefined);
      }, `${ns}.${name}`).not.toThrow();
      const settled = result instanceof TransactionSync ? result[Symbol.asyncIterator]().next() : result;
      // Methods with params reject KnotValidationError; one without params may simply succeed.
      const outcome = await Promise.resolve(settled).then(
        () => 'resolved',
        (error: unknown) => error,
      );
      if (outcome !== 'resolved') expect(outcome, `${ns}.${name}`).toBeInstanceOf(KnotError);
      outcomes.set(`${ns}.${name}`, outcome);
    }
    for (const name of ['sessions.create', 'accounts.list', 'transactions.get', 'transactions.sync', 'development.linkAccount']) {
      expect(outcomes.get(name), name).toBeInstanceOf(KnotValidationError);
    }
  });

  it('ids.map((id) => get(id)), a detached sync and a detached list reach Knot', async () => {
    const ids = mock
      .transactionsOf(account)
      .slice(0, 3)
      .map((t) => t.id);
    const { get, sync } = knot.transactions;
    const fetched = await Promise.all(ids.map((id) => get(id)));
    expect(fetched.map((t) => t.id)).toEqual(ids);

    let count = 0;
    for await (const _ of sync({ ...account, limit: 100 })) count++;
    expect(count).toBe(mock.transactionCount(account));

    const { list } = knot.accounts;
    expect((await list({ external_user_id: account.external_user_id })).map((a) => a.merchant.id)).toContain(19);
  });

  it('a method rebound elsewhere still talks to its own client', async () => {
    const { create } = knot.sessions;
    const other = { create };
    expect(await other.create({ type: 'transaction_link', external_user_id: 'u-1' })).toEqual({ session: expect.any(String) });
  });
});

describe('detached webhooks methods', () => {
  it('verify, unwrap and handler work detached', () => {
    const { verify, unwrap, handler } = knot.webhooks;
    const body = JSON.stringify(newTransactions);
    const headers = signWebhook({ body, secret: mock.secret });
    expect(verify(body, headers)).toBe(true);
    expect(unwrap(body, headers).event).toBe('NEW_TRANSACTIONS_AVAILABLE');
    expect(() => unwrap(body, {})).toThrow(KnotWebhookError);
    expect(typeof handler({})).toBe('function');
  });
});
