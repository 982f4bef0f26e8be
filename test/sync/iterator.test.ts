/**
 * The iterator's contract against a small scripted server (history-server.ts): checkpoint timing,
 * stopping early, prefetch and its abort, misuse. Whole-history behaviour against the fake Knot API
 * is in history.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  KnotAbortError,
  KnotClient,
  KnotError,
  KnotResponseValidationError,
  KnotServerError,
  KnotValidationError,
  type SyncOptions,
  type SyncPage,
  type SyncParams,
} from '../../src/index.js';
import { type HistoryServer, startHistoryServer, txnId } from './history-server.js';

let server: HistoryServer;
let knot: KnotClient;
const unhandled = vi.fn();

beforeEach(() => {
  process.on('unhandledRejection', unhandled);
});

afterEach(async () => {
  process.off('unhandledRejection', unhandled);
  await knot?.close();
  await server?.close();
  unhandled.mockReset();
});

async function setup(total: number, clientOptions: Partial<ConstructorParameters<typeof KnotClient>[0]> = {}) {
  server = await startHistoryServer(total);
  knot = new KnotClient({
    clientId: 'id',
    secret: 'secret',
    baseUrl: server.url,
    retryBackoff: { initialDelayMs: 1, maxDelayMs: 5 },
    logLevel: 'off',
    ...clientOptions,
  });
}

const params = (extra: Partial<SyncParams> = {}): SyncParams => ({ merchant_id: 19, external_user_id: 'user-1', limit: 5, ...extra });
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => txnId(from + k));
const settle = () => new Promise((r) => setTimeout(r, 30));

/** Consumes `sync` item by item, recording interleaved events. */
async function trace(options: SyncOptions, p: SyncParams = params()) {
  const events: string[] = [];
  const sync = knot.transactions.sync(p, {
    ...options,
    onCheckpoint: async (cursor, page) => {
      events.push(`checkpoint ${cursor} (page ${page.cursor})`);
      await options.onCheckpoint?.(cursor, page);
    },
  });
  for await (const txn of sync) events.push(txn.id);
  return events;
}

describe('items and checkpoints', () => {
  it.each([true, false])('hands over every transaction once and checkpoints after each page (prefetch %s)', async (prefetch) => {
    await setup(12);
    const events = await trace({ prefetch });
    expect(events).toEqual([
      ...ids(0, 5),
      'checkpoint c5 (page null)',
      ...ids(5, 10),
      'checkpoint c10 (page c5)',
      ...ids(10, 12),
      'checkpoint c12 (page c10)',
      // The closing empty page (sent c12, next_cursor null) is a finished page too: reported again.
      'checkpoint c12 (page c12)',
    ]);
    expect(server.requests.map((r) => r.cursor)).toEqual([null, 'c5', 'c10', 'c12']);
    expect(server.requests.every((r) => r.limit === 5)).toBe(true);
  });

  it('sends limit 100 by default and leaves a null cursor out of the body', async () => {
    await setup(3);
    const got: string[] = [];
    for await (const txn of knot.transactions.sync({ merchant_id: 19, external_user_id: 'u', cursor: null })) got.push(txn.id);
    expect(got).toEqual(ids(0, 3));
    expect(server.requests.map((r) => [r.cursor, r.limit])).toEqual([
      [null, 100],
      ['c3', 100],
    ]);
  });

  it('awaits onCheckpoint before handing over the next page', async () => {
    await setup(10);
    const events: string[] = [];
    const sync = knot.transactions.sync(params(), {
      onCheckpoint: async (cursor) => {
        events.push(`start ${cursor}`);
        await new Promise((r) => setTimeout(r, 20));
        events.push(`end ${cursor}`);
      },
    });
    for await (const page of sync.pages()) events.push(`page ${page.cursor}`);
    expect(events).toEqual(['page null', 'start c5', 'end c5', 'page c5', 'start c10', 'end c10', 'page c10', 'start c10', 'end c10']);
  });

  it('page iterator: checkpoint only when the next page is asked for, never after break', async () => {
    await setup(12);
    const checkpoints: string[] = [];
    const sync = knot.transactions.sync(params(), { onCheckpoint: (c) => void checkpoints.push(c) });
    const seen: (string | null)[] = [];
    for await (const page of sync.pages()) {
      seen.push(page.cursor);
      expect(page.checkpoint).toBe(page.next_cursor ?? page.cursor);
      if (page.cursor === 'c5') break;
    }
    expect(seen).toEqual([null, 'c5']);
    expect(checkpoints).toEqual(['c5']);
  });

  it('item iterator: a break mid-page gives no checkpoint for that page', async () => {
    await setup(12);
    const checkpoints: string[] = [];
    const got: string[] = [];
    for await (const txn of knot.transactions.sync(params(), { onCheckpoint: (c) => void checkpoints.push(c) })) {
      got.push(txn.id);
      if (got.length === 7) break;
    }
    expect(checkpoints).toEqual(['c5']);
    // A break right after a page's last item proves nothing either: only asking for more does.
    const again: string[] = [];
    for await (const txn of knot.transactions.sync(params({ cursor: 'c5' }), { onCheckpoint: (c) => void checkpoints.push(c) })) {
      again.push(txn.id);
      if (again.length === 5) break;
    }
    expect(checkpoints).toEqual(['c5']);
  });

  it('goes on across empty pages while next_cursor is non-null, and never reports null', async () => {
    await setup(4);
    // Pages 2 and 3 are empty but point on (to the same position): Knot may do that.
    server.script = (i) => {
      const empty = (next: string) => ({ merchant: { id: 19, name: 'D' }, transactions: [], next_cursor: next, limit: 2 });
      if (i === 1) return { answer: { kind: 'json', status: 200, body: empty('e2') } };
      if (i === 2) return { answer: { kind: 'json', status: 200, body: empty('f2') } };
      return undefined;
    };
    const events = await trace({}, params({ limit: 2 }));
    expect(events).toEqual([
      ...ids(0, 2),
      'checkpoint c2 (page null)',
      'checkpoint e2 (page c2)',
      'checkpoint f2 (page e2)',
      ...ids(2, 4),
      'checkpoint c4 (page f2)',
      'checkpoint c4 (page c4)',
    ]);
    expect(server.requests.map((r) => r.cursor)).toEqual([null, 'c2', 'e2', 'f2', 'c4']);
  });

  it('an empty first sync reports no checkpoint (it would be null)', async () => {
    await setup(0);
    const onCheckpoint = vi.fn();
    const pages: SyncPage[] = [];
    for await (const page of knot.transactions.sync(params(), { onCheckpoint }).pages()) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.checkpoint).toBeNull();
    expect(onCheckpoint).not.toHaveBeenCalled();
  });

  it('an onCheckpoint error surfaces at iteration and stops the sync', async () => {
    await setup(12);
    const boom = new Error('db down');
    const got: string[] = [];
    const run = async () => {
      for await (const txn of knot.transactions.sync(params(), { onCheckpoint: () => Promise.reject(boom) })) got.push(txn.id);
    };
    server.script = (i) => (i === 1 ? { answer: { kind: 'hold' } } : undefined);
    await expect(run()).rejects.toBe(boom);
    expect(got).toEqual(ids(0, 5));
    await settle();
    // The prefetched page 2 (held by the server) was aborted, not left running; nothing after it.
    expect(server.requests.length).toBeLessThanOrEqual(2);
    if (server.requests[1]) expect(server.requests[1].aborted).toBe(true);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('calls an onCheckpoint method with its options object as this', async () => {
    await setup(3);
    const options = {
      saved: [] as string[],
      onCheckpoint(cursor: string) {
        this.saved.push(cursor);
      },
    };
    for await (const _ of knot.transactions.sync(params(), options)) void _;
    expect(options.saved).toEqual(['c3', 'c3']);
  });
});

describe('maxPages and maxItems', () => {
  it('maxPages stops after that many pages, checkpointing the last one, without requesting more', async () => {
    await setup(20);
    const events = await trace({ maxPages: 2 });
    expect(events).toEqual([...ids(0, 5), 'checkpoint c5 (page null)', ...ids(5, 10), 'checkpoint c10 (page c5)']);
    await settle();
    expect(server.requests.map((r) => r.cursor)).toEqual([null, 'c5']);
  });

  it('maxItems mid-page: stops there, no checkpoint for the page cut short, its prefetch aborted or never sent', async () => {
    await setup(20);
    const events = await trace({ maxItems: 7 });
    expect(events).toEqual([...ids(0, 5), 'checkpoint c5 (page null)', ...ids(5, 7)]);
    await settle();
    expect(server.requests.map((r) => r.cursor)).toEqual([null, 'c5']);
  });

  it('maxItems on a page boundary: the full page is checkpointed', async () => {
    await setup(20);
    const events = await trace({ maxItems: 10 });
    expect(events).toEqual([...ids(0, 5), 'checkpoint c5 (page null)', ...ids(5, 10), 'checkpoint c10 (page c5)']);
  });

  it('pages() hands over whole pages and stops after the page that reaches maxItems', async () => {
    await setup(20);
    const sizes: number[] = [];
    for await (const page of knot.transactions.sync(params(), { maxItems: 7 }).pages()) sizes.push(page.transactions.length);
    expect(sizes).toEqual([5, 5]);
  });
});

describe('prefetch', () => {
  it('requests page N+1 before the consumer finishes page N', async () => {
    await setup(15);
    const marks: { page: string | null; requestsWhenDone: number }[] = [];
    for await (const page of knot.transactions.sync(params()).pages()) {
      await new Promise((r) => setTimeout(r, 40)); // the consumer's work on this page
      marks.push({ page: page.cursor, requestsWhenDone: server.requests.length });
    }
    // While the consumer was on page k (1-based), the server had already received request k+1.
    expect(marks).toEqual([
      { page: null, requestsWhenDone: 2 },
      { page: 'c5', requestsWhenDone: 3 },
      { page: 'c10', requestsWhenDone: 4 },
      { page: 'c15', requestsWhenDone: 4 },
    ]);
  });

  it('without prefetch, the next page is requested only when asked for', async () => {
    await setup(10);
    const counts: number[] = [];
    for await (const _ of knot.transactions.sync(params(), { prefetch: false }).pages()) {
      await new Promise((r) => setTimeout(r, 20));
      counts.push(server.requests.length);
    }
    expect(counts).toEqual([1, 2, 3]);
  });

  it('aborts the in-flight prefetch on break: the server sees the connection closed, nothing rejects unhandled', async () => {
    await setup(20);
    server.script = (i) => (i === 1 ? { answer: { kind: 'hold' } } : undefined);
    const started = performance.now();
    for await (const txn of knot.transactions.sync(params())) {
      if (txn.id === txnId(2)) {
        // Page 2's request is on the wire (held by the server) while we are on page 1.
        await vi.waitFor(() => expect(server.requests).toHaveLength(2));
        break;
      }
    }
    // return() waited for the abort to complete: the socket is closed already.
    await vi.waitFor(() => expect(server.requests[1]?.aborted).toBe(true), { timeout: 1000 });
    expect(performance.now() - started).toBeLessThan(5_000);
    await settle();
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('break returns at once even when the prefetch is still queued in the client limiter', async () => {
    await setup(20, { limiter: { maxConcurrent: 1 } });
    // Page 1 takes 100 ms; meanwhile another call (1.5 s) queues first, so the prefetch queues behind it.
    server.script = (i, cursor) => (i === 0 ? { delayMs: 100 } : cursor === 'c15' ? { delayMs: 1500 } : undefined);
    const pages = knot.transactions.sync(params()).pages()[Symbol.asyncIterator]();
    const first = pages.next();
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    const other = knot.transactions.syncPage(params({ cursor: 'c15', external_user_id: 'other' }));
    expect((await first).value?.cursor).toBeNull();
    const started = performance.now();
    await pages.return?.();
    expect(performance.now() - started).toBeLessThan(500);
    expect((await other).transactions).toHaveLength(5);
    await settle();
    // The aborted prefetch never went out.
    expect(server.requests.map((r) => r.cursor)).toEqual([null, 'c15']);
  });

  it('a failing prefetched page surfaces only when the consumer reaches it, after the previous checkpoint', async () => {
    await setup(20);
    server.script = (i) => (i === 1 ? { answer: { kind: 'json', status: 400, body: { error_type: 'INVALID_REQUEST', error_code: 'INVALID_CURSOR_FORMAT', error_message: 'bad' } } } : undefined);
    const events: string[] = [];
    const run = async () => {
      for await (const txn of knot.transactions.sync(params(), { onCheckpoint: (c) => void events.push(`checkpoint ${c}`) })) {
        // The failed answer has arrived long before we finish page 1.
        await vi.waitFor(() => expect(server.requests[1]?.answered).toBe(true));
        events.push(txn.id);
      }
    };
    await expect(run()).rejects.toMatchObject({ status: 400, errorCode: 'INVALID_CURSOR_FORMAT' });
    expect(events).toEqual([...ids(0, 5), 'checkpoint c5']);
    await settle();
    expect(unhandled).not.toHaveBeenCalled();
  });

  it("the caller's signal aborts the sync at the point of iteration", async () => {
    await setup(20);
    server.script = (i) => (i === 1 ? { answer: { kind: 'hold' } } : undefined);
    const controller = new AbortController();
    const got: string[] = [];
    const run = async () => {
      for await (const txn of knot.transactions.sync(params(), { signal: controller.signal })) {
        got.push(txn.id);
        if (got.length === 5) {
          await vi.waitFor(() => expect(server.requests).toHaveLength(2));
          controller.abort();
        }
      }
    };
    await expect(run()).rejects.toBeInstanceOf(KnotAbortError);
    expect(got).toEqual(ids(0, 5));
    await vi.waitFor(() => expect(server.requests[1]?.aborted).toBe(true));
  });

  it("the caller's signal also stops hand-overs of a page already received, with no checkpoint", async () => {
    await setup(20);
    const controller = new AbortController();
    const got: string[] = [];
    const checkpoints: string[] = [];
    const run = async () => {
      const sync = knot.transactions.sync(params(), { signal: controller.signal, onCheckpoint: (c) => void checkpoints.push(c) });
      for await (const page of sync.pages()) {
        got.push(...page.transactions.map((t) => t.id));
        // Page 2 has arrived (prefetched) before the abort.
        await vi.waitFor(() => expect(server.requests[1]?.answered).toBe(true));
        controller.abort();
      }
    };
    await expect(run()).rejects.toBeInstanceOf(KnotAbortError);
    expect(got).toEqual(ids(0, 5));
    expect(checkpoints).toEqual([]);

    // Item iterator: the abort stops the very next item, mid-page.
    const c2 = new AbortController();
    const items: string[] = [];
    const run2 = async () => {
      for await (const txn of knot.transactions.sync(params(), { signal: c2.signal })) {
        items.push(txn.id);
        if (items.length === 2) c2.abort();
      }
    };
    await expect(run2()).rejects.toBeInstanceOf(KnotAbortError);
    expect(items).toEqual(ids(0, 2));
  });

  it('returns early (break during a pending retry backoff) without waiting for the backoff', async () => {
    await setup(20, { retryBackoff: { initialDelayMs: 10_000, maxDelayMs: 10_000 } });
    server.script = (i) => (i === 1 ? { answer: { kind: 'json', status: 503, body: { message: 'busy' } } } : undefined);
    const started = performance.now();
    for await (const page of knot.transactions.sync(params()).pages()) {
      await vi.waitFor(() => expect(server.requests[1]?.answered).toBe(true));
      void page;
      break;
    }
    expect(performance.now() - started).toBeLessThan(3_000);
    await settle();
    expect(server.requests).toHaveLength(2);
    expect(unhandled).not.toHaveBeenCalled();
  });
});

describe('errors', () => {
  it('a next_cursor equal to the cursor just sent is a KnotResponseValidationError, not an endless loop', async () => {
    await setup(20);
    server.script = (i, cursor) =>
      i === 1 ? { answer: { kind: 'json', status: 200, body: { merchant: { id: 19, name: 'D' }, transactions: [], next_cursor: cursor, limit: 5 } } } : undefined;
    const checkpoints: string[] = [];
    const run = async () => {
      for await (const _ of knot.transactions.sync(params(), { onCheckpoint: (c) => void checkpoints.push(c) })) void _;
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotResponseValidationError);
    expect((error as Error).message).toMatch(/"c5" was already sent in this run/);
    expect(checkpoints).toEqual(['c5']);
    expect(server.requests).toHaveLength(2);
  });

  it('a second iteration, by either form, is a KnotError on its first next()', async () => {
    await setup(3);
    const sync = knot.transactions.sync(params());
    for await (const _ of sync) void _;
    const second = sync[Symbol.asyncIterator]();
    await expect(second.next()).rejects.toBeInstanceOf(KnotError);
    await expect(sync.pages()[Symbol.asyncIterator]().next()).rejects.toThrow(/already been iterated/);
    // pages() first, then items: also refused.
    const other = knot.transactions.sync(params());
    const pages = other.pages();
    await expect(other[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(KnotError);
    for await (const _ of pages) void _;
    expect(server.requests).toHaveLength(4);
  });

  it.each<[string, unknown, SyncOptions | undefined]>([
    ['merchant_id 0', { merchant_id: 0, external_user_id: 'u' }, undefined],
    ['missing external_user_id', { merchant_id: 19 }, undefined],
    ['limit 101', { merchant_id: 19, external_user_id: 'u', limit: 101 }, undefined],
    ['empty cursor', { merchant_id: 19, external_user_id: 'u', cursor: '' }, undefined],
    ['unknown field', { merchant_id: 19, external_user_id: 'u', curser: 'x' }, undefined],
    ['maxPages 0', { merchant_id: 19, external_user_id: 'u' }, { maxPages: 0 }],
    ['maxItems 1.5', { merchant_id: 19, external_user_id: 'u' }, { maxItems: 1.5 }],
    ['prefetch "no"', { merchant_id: 19, external_user_id: 'u' }, { prefetch: 'no' as unknown as boolean }],
    ['onCheckpoint not a function', { merchant_id: 19, external_user_id: 'u' }, { onCheckpoint: 1 as never }],
    ['timeoutMs -1', { merchant_id: 19, external_user_id: 'u' }, { timeoutMs: -1 }],
  ])('bad params (%s): sync() does not throw, the first next() rejects KnotValidationError, nothing sent', async (_name, p, options) => {
    await setup(3);
    const sync = knot.transactions.sync(p as SyncParams, options);
    await expect(sync[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(KnotValidationError);
    const viaPages = knot.transactions.sync(p as SyncParams, options);
    await expect(viaPages.pages()[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(KnotValidationError);
    await settle();
    expect(server.requests).toHaveLength(0);
  });

  it('retries exhausted: the error surfaces where the consumer reaches that page', async () => {
    await setup(20);
    server.script = (i) => (i >= 1 ? { answer: { kind: 'json', status: 503, body: { message: 'down' } } } : undefined);
    const got: string[] = [];
    const run = async () => {
      for await (const txn of knot.transactions.sync(params(), { maxRetries: 1 })) got.push(txn.id);
    };
    await expect(run()).rejects.toBeInstanceOf(KnotServerError);
    expect(got).toEqual(ids(0, 5));
    expect(server.requests.map((r) => r.cursor)).toEqual([null, 'c5', 'c5']);
  });
});
