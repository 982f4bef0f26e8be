/**
 * A refresh of the fake finds new and updated transactions and announces them with signed webhooks
 * (DESIGN §2.7), so the refresh → webhook → sync loop runs end to end: a real fake server on
 * 127.0.0.1, a real receiver verifying with the client's secret, the SDK in between.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { KnotClient, type KnotWebhookEvent, type Transaction } from '../../src/index.js';
import { createMockKnot, type MockKnot, type MockKnotOptions } from '../../src/testing.js';
import { fakeClock } from './helpers.js';

const ref = { external_user_id: 'loop-user', merchant_id: 19 };
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Harness {
  mock: MockKnot;
  knot: KnotClient;
  /** Events the receiver accepted (signature verified by `knot.webhooks.handler`). */
  events: KnotWebhookEvent[];
  /** Resolves once the receiver has accepted `n` events of that name; bounded by vitest's timeout. */
  waitFor(event: KnotWebhookEvent['event'], n: number): Promise<void>;
}

async function start(options: MockKnotOptions = {}): Promise<Harness> {
  const events: KnotWebhookEvent[] = [];
  const mock = createMockKnot({ seed: 7, webhookRetryDelayMs: 10, ...options });
  const server = await mock.listen();
  const knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: server.url, maxRetries: 0 });
  const record = (e: KnotWebhookEvent) => void events.push(e);
  const receiver: Server = createServer(
    knot.webhooks.handler({ on: { AUTHENTICATED: record, NEW_TRANSACTIONS_AVAILABLE: record, UPDATED_TRANSACTIONS_AVAILABLE: record } }),
  );
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  mock.setWebhookUrl(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks`);
  cleanups.push(async () => {
    await knot.close();
    await mock.close();
    await server.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });
  const waitFor = async (event: string, n: number) => {
    // Deliveries settle without waiting on a timer; the receiver answers each one before that.
    await mock.webhooksSettled();
    const got = events.filter((e) => e.event === event).length;
    if (got < n) throw new Error(`expected ${n} ${event}, the receiver accepted ${got}`);
  };
  return { mock, knot, events, waitFor };
}

async function syncFrom(knot: KnotClient, cursor: string | null): Promise<{ txns: Transaction[]; checkpoint: string | null }> {
  const txns: Transaction[] = [];
  let checkpoint = cursor;
  const sync = knot.transactions.sync(
    { ...ref, cursor },
    {
      onCheckpoint: (c) => {
        checkpoint = c;
      },
    },
  );
  for await (const txn of sync) txns.push(txn);
  return { txns, checkpoint };
}

it('refresh → NEW/UPDATED webhooks arrive verified → a sync from the checkpoint gets exactly the new ones → get returns the updated ones', async () => {
  const clock = fakeClock();
  const { mock, knot, events, waitFor } = await start({ now: clock.now });
  await knot.development.linkAccount({ ...ref, transactions: { new: true } });
  await waitFor('NEW_TRANSACTIONS_AVAILABLE', 1);
  const first = await syncFrom(knot, null);
  expect(first.txns).toHaveLength(205);
  const before = new Map(first.txns.map((t) => [t.id, t]));

  clock.advance(2 * 60 * 60_000);
  const refreshedAt = clock.now();
  expect(await knot.transactions.refresh(ref)).toEqual({ message: 'Success' });
  await waitFor('NEW_TRANSACTIONS_AVAILABLE', 2);
  await waitFor('UPDATED_TRANSACTIONS_AVAILABLE', 1);

  // The two events of the refresh, in order, after the link's AUTHENTICATED and NEW.
  const fromRefresh = events.slice(2);
  expect(fromRefresh.map((e) => e.event)).toEqual(['NEW_TRANSACTIONS_AVAILABLE', 'UPDATED_TRANSACTIONS_AVAILABLE']);
  for (const e of fromRefresh) {
    expect(e).toMatchObject({ external_user_id: ref.external_user_id, merchant: { id: 19, name: 'DoorDash' }, timestamp: refreshedAt });
  }

  // Exactly the new transactions, none seen before, dated at the refresh.
  const second = await syncFrom(knot, first.checkpoint);
  expect(second.txns).toHaveLength(5);
  expect(second.txns.map((t) => t.id)).toEqual(mock.transactionsOf(ref).slice(205).map((t) => t.id));
  for (const t of second.txns) {
    expect(before.has(t.id)).toBe(false);
    expect(Date.parse(t.datetime)).toBeLessThanOrEqual(refreshedAt);
    expect(Date.parse(t.datetime)).toBeGreaterThan(refreshedAt - 10 * 60_000);
  }
  expect(second.checkpoint).not.toBe(first.checkpoint);
  expect((await syncFrom(knot, second.checkpoint)).txns).toEqual([]);

  // The updated ones are transactions the client already held, and get returns their new version.
  const updated = fromRefresh[1]!.event === 'UPDATED_TRANSACTIONS_AVAILABLE' ? fromRefresh[1]!.updated.map((u) => u.id) : [];
  expect(updated).toHaveLength(2);
  for (const id of updated) {
    const old = before.get(id)!;
    expect(old).toBeDefined();
    const fresh = await knot.transactions.get(id);
    expect(fresh.id).toBe(id);
    expect(fresh.price.total).not.toBe(old.price.total);
    expect(Number(fresh.price.total)).toBeLessThan(Number(old.price.total));
  }
});

it('a refresh within the hour is a 429 that changes nothing; an hour later the next refresh finds more', async () => {
  const clock = fakeClock();
  const { mock, knot } = await start({ now: clock.now });
  await mock.linkAccount({ ...ref, transactions: { new: true } });
  await knot.transactions.refresh(ref);
  await mock.webhooksSettled();
  const count = mock.transactionCount(ref);
  const sent = mock.webhooks.length;

  clock.advance(30 * 60_000);
  await expect(knot.transactions.refresh(ref)).rejects.toMatchObject({ status: 429, errorCode: 'TOO_MANY_REQUESTS' });
  expect(mock.transactionCount(ref)).toBe(count);
  expect(mock.webhooks).toHaveLength(sent);

  // `knot` now remembers the wall-clock retryAt; a fresh client follows the fake's clock instead.
  clock.advance(30 * 60_000);
  const later = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: knot.baseUrl });
  cleanups.push(() => later.close());
  await later.transactions.refresh(ref);
  expect(mock.transactionCount(ref)).toBe(count + 5);
  await mock.webhooksSettled();
  expect(mock.webhooks.slice(sent).map((w) => [w.event, w.delivered])).toEqual([
    ['NEW_TRANSACTIONS_AVAILABLE', true],
    ['UPDATED_TRANSACTIONS_AVAILABLE', true],
  ]);
});

it('is deterministic per seed and configurable: same seed, same new and updated ids; 0 and 0 sends nothing', async () => {
  const run = async (seed: number) => {
    const mock = createMockKnot({ seed, now: () => Date.UTC(2026, 0, 1) });
    cleanups.push(() => mock.close());
    const server = await mock.listen();
    cleanups.push(server.close);
    const knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: server.url });
    cleanups.push(() => knot.close());
    await mock.linkAccount({ ...ref, transactions: { new: true } });
    await knot.transactions.refresh(ref);
    const updated = mock.webhooks.at(-1)!.payload.updated;
    return { added: mock.transactionsOf(ref).slice(205), updated };
  };
  const a = await run(11);
  expect(await run(11)).toEqual(a);
  expect((await run(12)).updated).not.toEqual(a.updated);

  const quiet = createMockKnot({ transactionsPerRefresh: 0, updatedPerRefresh: 0 });
  cleanups.push(() => quiet.close());
  const server = await quiet.listen();
  cleanups.push(server.close);
  const knot = new KnotClient({ clientId: quiet.clientId, secret: quiet.secret, baseUrl: server.url });
  cleanups.push(() => knot.close());
  await quiet.linkAccount({ ...ref, transactions: { new: true } });
  const sent = quiet.webhooks.length;
  await knot.transactions.refresh(ref);
  expect(quiet.transactionCount(ref)).toBe(205);
  expect(quiet.webhooks).toHaveLength(sent);

  expect(() => createMockKnot({ transactionsPerRefresh: -1 })).toThrow(/transactionsPerRefresh must be a non-negative integer/);
  expect(() => createMockKnot({ updatedPerRefresh: 1.5 })).toThrow(RangeError);
});
