/**
 * transactions.sync() over a whole account history served by the fake Knot API on 127.0.0.1.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KnotClient, KnotError, KnotServerError, KnotValidationError, type SyncOptions, type SyncPage } from '../../src/index.js';
import { createMockKnot, type MockKnot, type MockServer } from '../../src/testing.js';

const account = { external_user_id: 'user-sync', merchant_id: 19 } as const;

let mock: MockKnot;
let server: MockServer;
let knot: KnotClient;
let history: string[];
const unhandled = vi.fn();

beforeEach(async () => {
  process.on('unhandledRejection', unhandled);
  mock = createMockKnot({ seed: 1 });
  server = await mock.listen();
  knot = new KnotClient({
    clientId: mock.clientId,
    secret: mock.secret,
    baseUrl: server.url,
    retryBackoff: { initialDelayMs: 1, maxDelayMs: 5 },
    logLevel: 'off',
  });
  await mock.linkAccount({ ...account, transactions: { new: true } });
  history = mock.transactionsOf(account).map((t) => t.id);
});

afterEach(async () => {
  await knot.close();
  await server.close();
  await mock.close();
  process.off('unhandledRejection', unhandled);
  expect(unhandled).not.toHaveBeenCalled();
  unhandled.mockReset();
});

const syncRequests = () => mock.requests.filter((r) => r.path === '/transactions/sync');

interface Run {
  ids: string[];
  checkpoints: { cursor: string; page: SyncPage; processedSoFar: number }[];
  error?: unknown;
}

/**
 * Syncs like a user would: an async "upsert" per transaction, the cursor stored in onCheckpoint.
 * Each checkpoint records how many transactions had been fully processed when it was called.
 */
async function run(cursor: string | null, options: SyncOptions & { limit?: number; stopAfter?: number } = {}): Promise<Run> {
  const { limit, stopAfter, ...syncOptions } = options;
  const result: Run = { ids: [], checkpoints: [] };
  const sync = knot.transactions.sync(
    { ...account, cursor, limit: limit ?? 100 },
    {
      ...syncOptions,
      onCheckpoint: (c, page) => {
        result.checkpoints.push({ cursor: c, page, processedSoFar: result.ids.length });
      },
    },
  );
  try {
    for await (const txn of sync) {
      if (stopAfter !== undefined && result.ids.length === stopAfter) break;
      await Promise.resolve(); // the "upsert"
      result.ids.push(txn.id);
    }
  } catch (error) {
    result.error = error;
  }
  return result;
}

/** Every checkpoint came after its whole page was processed, in page order, each resuming where the previous ended. */
function expectCheckpointsAfterEachPage(r: Run, startCursor: string | null) {
  let expectedProcessed = 0;
  let previous = startCursor;
  for (const { cursor, page, processedSoFar } of r.checkpoints) {
    expectedProcessed += page.transactions.length;
    expect(page.cursor).toBe(previous);
    expect(cursor).toBe(page.checkpoint);
    expect(cursor).not.toBeNull();
    // Everything up to and including this page's last transaction had been processed.
    expect(processedSoFar).toBe(expectedProcessed);
    expect(r.ids.slice(processedSoFar - page.transactions.length, processedSoFar)).toEqual(page.transactions.map((t) => t.id));
    previous = cursor;
  }
}

describe('a 205-transaction history', () => {
  it('the fake links 205 transactions', () => {
    expect(history).toHaveLength(205);
    expect(new Set(history).size).toBe(205);
  });

  it.each([1, 5, 7, 100])('limit %i: every transaction exactly once, a checkpoint after each page', async (limit) => {
    const r = await run(null, { limit });
    expect(r.error).toBeUndefined();
    expect(r.ids).toEqual(history);
    const pagesWithData = Math.ceil(205 / limit);
    // One request per page with data, plus the empty page that ends the sync.
    expect(syncRequests()).toHaveLength(pagesWithData + 1);
    expect(syncRequests().every((req) => (req.body as { limit: number }).limit === limit)).toBe(true);
    // Every finished page is reported, the closing empty page too (its checkpoint repeats the last).
    expect(r.checkpoints).toHaveLength(pagesWithData + 1);
    expect(r.checkpoints.at(-1)!.cursor).toBe(r.checkpoints.at(-2)!.cursor);
    expectCheckpointsAfterEachPage(r, null);

    // The stored checkpoint resumes after everything: nothing new, one request, one checkpoint (the same cursor).
    const stored = r.checkpoints.at(-1)!.cursor;
    mock.requests.length = 0;
    const again = await run(stored, { limit });
    expect(again.ids).toEqual([]);
    expect(again.checkpoints.map((c) => c.cursor)).toEqual([stored]);
    expect(syncRequests()).toHaveLength(1);
  });

  it('break mid-page: no checkpoint for that page; resuming from the last one yields the rest', async () => {
    const first = await run(null, { limit: 7, stopAfter: 40 }); // page 6 holds items 35..41
    expect(first.ids).toEqual(history.slice(0, 40));
    expect(first.checkpoints).toHaveLength(5);
    expect(first.checkpoints.at(-1)!.processedSoFar).toBe(35);
    const stored = first.checkpoints.at(-1)!.cursor;

    const rest = await run(stored, { limit: 7 });
    expect(rest.error).toBeUndefined();
    expectCheckpointsAfterEachPage(rest, stored);
    // At least once: the 5 items of the interrupted page come again, nothing is missing.
    expect(rest.ids).toEqual(history.slice(35));
    expect(new Set([...first.ids, ...rest.ids])).toEqual(new Set(history));
  });

  it('transactions added later come on the next sync from the stored checkpoint, and nothing else', async () => {
    const first = await run(null, { limit: 50 });
    const stored = first.checkpoints.at(-1)!.cursor;
    mock.addTransactions({ ...account, count: 12, notify: false });
    const added = mock.transactionsOf(account).slice(205).map((t) => t.id);
    expect(added).toHaveLength(12);

    const second = await run(stored, { limit: 5 });
    expect(second.ids).toEqual(added);
    expectCheckpointsAfterEachPage(second, stored);
    const third = await run(second.checkpoints.at(-1)!.cursor, { limit: 5 });
    expect(third.ids).toEqual([]);
  });

  it('prefetch: the request for page N+1 reaches the server before the consumer finishes page N', async () => {
    let page = 0;
    for await (const p of knot.transactions.sync({ ...account, limit: 50 }).pages()) {
      page++;
      if (p.next_cursor !== null) {
        // Still on page `page`: the server already has request page+1.
        await vi.waitFor(() => expect(syncRequests()).toHaveLength(page + 1), { timeout: 2000, interval: 2 });
      }
    }
    expect(page).toBe(6); // 5 pages with data + the closing empty page
  });

  it('prefetch is aborted on break: the loop ends at once, nothing rejects unhandled', async () => {
    // Every page after the first takes 3 s to answer.
    mock.faults.set({ latencyMs: 3000, only: () => syncRequests().length > 1 });
    const started = performance.now();
    let seen = 0;
    for await (const _txn of knot.transactions.sync({ ...account, limit: 50 })) {
      if (++seen === 10) {
        await vi.waitFor(() => expect(syncRequests()).toHaveLength(2));
        break;
      }
    }
    expect(performance.now() - started).toBeLessThan(1500);
    await new Promise((r) => setTimeout(r, 50));
    expect(syncRequests()[1]!.status).toBeNull(); // never answered to us
  });
});

describe('failures', () => {
  it('a 503 on page 3 is retried by the core: no duplicate, no gap', async () => {
    let syncCalls = 0;
    mock.faults.set({ serverErrorRate: 1, only: (req) => req.path === '/transactions/sync' && ++syncCalls === 3 });
    const r = await run(null, { limit: 10 });
    expect(r.error).toBeUndefined();
    expect(r.ids).toEqual(history);
    const statuses = syncRequests().map((req) => req.status);
    expect([500, 503]).toContain(statuses[2]);
    expect(statuses.filter((s) => s !== 200)).toHaveLength(1);
    // The retry asked for the same page.
    expect(syncRequests()[3]!.body).toEqual(syncRequests()[2]!.body);
    expectCheckpointsAfterEachPage(r, null);
  });

  it('retries exhausted: the error surfaces at iteration; a new sync from the last checkpoint resumes with no gap', async () => {
    let failing = true;
    let syncCalls = 0;
    mock.faults.set({ serverErrorRate: 1, only: (req) => req.path === '/transactions/sync' && ++syncCalls >= 3 && failing });
    const first = await run(null, { limit: 10, maxRetries: 2 });
    expect(first.error).toBeInstanceOf(KnotServerError);
    // Pages 1 and 2 were handed over and checkpointed; page 3 failed 1 + 2 times.
    expect(first.ids).toEqual(history.slice(0, 20));
    expect(first.checkpoints.map((c) => c.processedSoFar)).toEqual([10, 20]);
    expect(syncRequests()).toHaveLength(5);

    failing = false;
    const stored = first.checkpoints.at(-1)!.cursor;
    const second = await run(stored, { limit: 10 });
    expect(second.error).toBeUndefined();
    expect([...first.ids, ...second.ids]).toEqual(history);
  });

  it('a second iteration is a KnotError', async () => {
    const sync = knot.transactions.sync({ ...account, limit: 100 });
    let n = 0;
    for await (const _ of sync) n++;
    expect(n).toBe(205);
    await expect(sync.pages()[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(KnotError);
    await expect(sync[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(KnotError);
  });

  it('bad params: the first next() rejects with KnotValidationError and no request is sent', async () => {
    mock.requests.length = 0;
    const sync = knot.transactions.sync({ ...account, limit: 0 });
    await expect(sync[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(KnotValidationError);
    expect(mock.requests).toHaveLength(0);
  });
});
