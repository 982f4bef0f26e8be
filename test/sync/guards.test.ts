/**
 * Issue 13 against a scripted loopback server (history-server.ts): no lost page, no wedge, no
 * endless loop. Each case is what a real user's database or pager would have seen.
 * - onCheckpoint runs after every finished page, so "buffer, then flush in onCheckpoint" stores all;
 * - a blank next_cursor ends the sync and is never a checkpoint;
 * - a cursor cycle and an endless run of empty pages are KnotResponseValidationErrors;
 * - params are validated once per run, not once per page.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as validate from '../../src/internal/validate.js';
import { KnotClient, KnotResponseValidationError, type SyncOptions, type SyncParams, type Transaction } from '../../src/index.js';
import { type HistoryServer, startHistoryServer, txnId } from './history-server.js';

// Counts parseParams calls (the original still runs): how often params are validated.
vi.mock('../../src/internal/validate.js', async (original) => {
  const actual = await original<typeof import('../../src/internal/validate.js')>();
  return { ...actual, parseParams: vi.fn(actual.parseParams) };
});

let server: HistoryServer;
let knot: KnotClient;
const warnings: string[] = [];

afterEach(async () => {
  await knot?.close();
  await server?.close();
  warnings.length = 0;
});

async function setup(total: number) {
  server = await startHistoryServer(total);
  const collect = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  knot = new KnotClient({
    clientId: 'id',
    secret: 'secret',
    baseUrl: server.url,
    maxRetries: 0,
    logLevel: 'warn',
    logger: { debug: () => {}, info: () => {}, warn: collect, error: collect },
  });
}

const params = (extra: Partial<SyncParams> = {}): SyncParams => ({ merchant_id: 19, external_user_id: 'user-1', limit: 5, ...extra });
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => txnId(from + k));
const emptyPage = (next: string | null) => ({ answer: { kind: 'json' as const, status: 200, body: { merchant: { id: 19, name: 'D' }, transactions: [], next_cursor: next, limit: 5 } } });

/**
 * The pattern of the issue: items go to a buffer; onCheckpoint writes the buffer and the cursor to
 * the "database" together. Whatever onCheckpoint never flushes is lost.
 */
async function bufferThenFlush(start: string | null, form: 'items' | 'pages', db = { rows: [] as string[], cursor: start }) {
  let buffer: Transaction[] = [];
  const sync = knot.transactions.sync(params({ cursor: start }), {
    onCheckpoint: (cursor) => {
      db.rows.push(...buffer.map((t) => t.id));
      buffer = [];
      db.cursor = cursor;
    },
  });
  if (form === 'items') for await (const txn of sync) buffer.push(txn);
  else for await (const page of sync.pages()) buffer.push(...page.transactions);
  return db;
}

describe('buffer, then flush in onCheckpoint: nothing lost', () => {
  it.each(['items', 'pages'] as const)('fresh run whose last page carries next_cursor null (%s)', async (form) => {
    await setup(23);
    server.lastPageEnds = true; // pages 5, 5, 5, 5, 3; the last answers next_cursor null
    const db = await bufferThenFlush(null, form);
    expect(db.rows).toEqual(ids(0, 23));
    // The final page's checkpoint is the cursor sent for it (never null over a real cursor).
    expect(db.cursor).toBe('c20');
    expect(server.requests.map((r) => r.cursor)).toEqual([null, 'c5', 'c10', 'c15', 'c20']);
  });

  it.each(['items', 'pages'] as const)('resumed run whose first page is already final (%s)', async (form) => {
    await setup(23);
    server.lastPageEnds = true;
    const db = await bufferThenFlush('c20', form);
    expect(db.rows).toEqual(ids(20, 23));
    expect(db.cursor).toBe('c20');
    expect(server.requests.map((r) => r.cursor)).toEqual(['c20']);
  });

  it('a run that ends with the usual closing empty page flushes every page too', async () => {
    await setup(12);
    const db = await bufferThenFlush(null, 'items');
    expect(db.rows).toEqual(ids(0, 12));
    expect(db.cursor).toBe('c12');
  });
});

describe('blank next_cursor', () => {
  it.each(['', '   ', '\t\n'])('next_cursor %j ends the sync like null, is never a checkpoint, and the next run starts', async (blank) => {
    await setup(12);
    server.script = (i) =>
      i === 1 ? { answer: { kind: 'json', status: 200, body: { merchant: { id: 19, name: 'D' }, transactions: [], next_cursor: blank, limit: 5 } } } : undefined;
    const checkpoints: string[] = [];
    const got: string[] = [];
    for await (const txn of knot.transactions.sync(params(), { onCheckpoint: (c) => void checkpoints.push(c) })) got.push(txn.id);
    expect(got).toEqual(ids(0, 5));
    // The blank page's checkpoint is the cursor that was sent for it.
    expect(checkpoints).toEqual(['c5', 'c5']);
    expect(server.requests.map((r) => r.cursor)).toEqual([null, 'c5']);
    expect(warnings.join('\n')).toMatch(/blank next_cursor/);

    // The stored cursor still starts a run (a stored "" would be a KnotValidationError on every start).
    server.script = () => undefined;
    const rest: string[] = [];
    for await (const txn of knot.transactions.sync(params({ cursor: checkpoints.at(-1)! }))) rest.push(txn.id);
    expect(rest).toEqual(ids(5, 12));
  });

  it('syncPage: a blank next_cursor gives the cursor sent as checkpoint', async () => {
    await setup(12);
    server.script = () => ({ answer: { kind: 'json', status: 200, body: { merchant: { id: 19, name: 'D' }, transactions: [], next_cursor: ' ', limit: 5 } } });
    const page = await knot.transactions.syncPage(params({ cursor: 'c5' }));
    expect(page.next_cursor).toBe(' '); // as Knot sent it
    expect(page.checkpoint).toBe('c5');
  });
});

describe('cursor cycles', () => {
  it('A→B→A is a KnotResponseValidationError after page B; nothing of the cycling page is handed over', async () => {
    await setup(20);
    // Request 2 (sent c10) answers next_cursor c5, already sent in this run.
    server.script = (i) =>
      i === 2 ? { answer: { kind: 'json', status: 200, body: { merchant: { id: 19, name: 'D' }, transactions: [], next_cursor: 'c5', limit: 5 } } } : undefined;
    const got: string[] = [];
    const checkpoints: string[] = [];
    const run = async () => {
      // maxPages only so that the old code ends too (it looped until then); the guard fires long before.
      for await (const txn of knot.transactions.sync(params(), { maxPages: 50, onCheckpoint: (c) => void checkpoints.push(c) })) got.push(txn.id);
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotResponseValidationError);
    expect(error).toMatchObject({ status: 200, method: 'POST', path: '/transactions/sync', issues: [{ path: 'next_cursor' }] });
    expect((error as Error).message).toMatch(/"c5" was already sent in this run/);
    expect(got).toEqual(ids(0, 10));
    expect(checkpoints).toEqual(['c5', 'c10']);
    expect(server.requests.map((r) => r.cursor)).toEqual([null, 'c5', 'c10']);
  });

  it('a next_cursor equal to the cursor the run started from is a cycle too', async () => {
    await setup(20);
    server.script = () => emptyPage('c5');
    const error = await (async () => {
      for await (const _ of knot.transactions.sync(params({ cursor: 'c5' }), { maxPages: 50 })) void _;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotResponseValidationError);
    expect(server.requests).toHaveLength(1);
  });

  it('distinct cursors for the same position are not a cycle', async () => {
    await setup(10);
    // c5 → d5 → e5 all name position 5: a server may re-issue cursors; only a repeat is a loop.
    server.script = (i) => (i === 1 ? emptyPage('d5') : i === 2 ? emptyPage('e5') : undefined);
    const got: string[] = [];
    for await (const txn of knot.transactions.sync(params())) got.push(txn.id);
    expect(got).toEqual(ids(0, 10));
    expect(server.requests.map((r) => r.cursor)).toEqual([null, 'c5', 'd5', 'e5', 'c10']);
  });
});

describe('empty pages', () => {
  it('more than 100 empty pages in a row, each with a fresh cursor, is a KnotResponseValidationError', async () => {
    await setup(0);
    server.script = (i) => emptyPage(`e${i + 1}`);
    const checkpoints: string[] = [];
    const error = await (async () => {
      // maxPages only so that the old code ends too; the guard must fire first.
      for await (const _ of knot.transactions.sync(params(), { maxPages: 300, prefetch: false, onCheckpoint: (c) => void checkpoints.push(c) })) void _;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotResponseValidationError);
    expect((error as Error).message).toMatch(/more than 100 empty pages in a row/);
    // 100 empty pages pointing on are accepted (and checkpointed); the 101st is refused.
    expect(server.requests).toHaveLength(101);
    expect(checkpoints).toHaveLength(100);
    expect(checkpoints.at(-1)).toBe('e100');
  });

  it('100 empty pages in a row, then data, is fine', async () => {
    await setup(10);
    // Requests 1..100 are empty pages (e1..e100); then the history goes on from e100 = position 5.
    server.script = (i) => (i >= 1 && i <= 100 ? emptyPage(i === 100 ? 'e5' : `e${i}x`) : undefined);
    const got: string[] = [];
    for await (const txn of knot.transactions.sync(params(), { prefetch: false })) got.push(txn.id);
    expect(got).toEqual(ids(0, 10));
    expect(server.requests).toHaveLength(103);
  });
});

describe('validation', () => {
  it('params are validated once per run, not once per page', async () => {
    await setup(23);
    const parseParams = vi.mocked(validate.parseParams);
    parseParams.mockClear();
    let n = 0;
    for await (const _ of knot.transactions.sync(params())) n++;
    expect(n).toBe(23);
    expect(server.requests).toHaveLength(6);
    expect(parseParams.mock.calls.map((call) => call[2])).toEqual(['transactions.sync']);
  });

  it('a sync with bad options still sends nothing', async () => {
    await setup(3);
    const bad: SyncOptions = { maxPages: -1 };
    await expect(knot.transactions.sync(params(), bad)[Symbol.asyncIterator]().next()).rejects.toThrow(/maxPages/);
    expect(server.requests).toHaveLength(0);
  });
});
