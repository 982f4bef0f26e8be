/**
 * Crash safety with a real database: examples/sync-to-postgres.ts runs as a child process, syncing
 * into PGlite on disk from the fake Knot API served here. It buffers each page and flushes it, rows
 * and cursor in one database transaction, in onCheckpoint. It is SIGKILLed at seeded random points,
 * restarted, and in the end the table must hold every transaction of the account (none missing),
 * and a further sync must fetch only what is new. The same against a server whose last page
 * already answers `next_cursor: null` (no closing empty page): that last page must be flushed too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMockKnot, type MockKnot, type MockServer } from '../../src/testing.js';
import { type HistoryServer, startHistoryServer, txnId } from './history-server.js';
import { killAllExamples, runExample } from './run-example.js';

const account = { external_user_id: 'crash-user', merchant_id: 19 };

/** mulberry32: the kill points replay exactly for a given seed. */
function rng(seed: number): (min: number, max: number) => number {
  let a = seed >>> 0;
  return (min, max) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return min + Math.floor(r * (max - min + 1));
  };
}

let mock: MockKnot;
let server: MockServer;
let dataDir: string;
let history: HistoryServer | undefined;
let historyDir: string | undefined;

beforeAll(async () => {
  mock = createMockKnot({ seed: 1 });
  server = await mock.listen();
  await mock.linkAccount({ ...account, transactions: { new: true } });
  dataDir = await mkdtemp(join(tmpdir(), 'knot-crash-'));
});

afterAll(async () => {
  killAllExamples();
  await server?.close();
  await mock?.close();
  await history?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (historyDir) await rm(historyDir, { recursive: true, force: true });
});

it('survives SIGKILL at random points: every transaction stored, none missing; the next sync fetches only what is new', { timeout: 120_000 }, async () => {
  const env = {
    KNOT_BASE_URL: server.url,
    KNOT_CLIENT_ID: mock.clientId,
    KNOT_SECRET: mock.secret,
    KNOT_EXTERNAL_USER_ID: account.external_user_id,
    KNOT_MERCHANT_ID: String(account.merchant_id),
    KNOT_SYNC_LIMIT: '10',
    PGLITE_DATA_DIR: dataDir,
  };
  // Latency on every page, so a kill lands mid-sync: during an upsert, between the last upsert of a
  // page and its checkpoint, during the checkpoint write, or while the prefetched page is in flight.
  mock.faults.set({ latencyMs: [5, 30], only: (r) => r.path === '/transactions/sync' });

  const random = rng(20261122);
  let kills = 0;
  // Each run costs ~3 s of process and PGlite start-up (the first ~7 s more: initdb), so 4 rounds.
  for (let round = 0; round < 4; round++) {
    const outcome = await runExample(env, { afterLines: random(1, 4), delayMs: random(0, 60) });
    if (outcome.signal === 'SIGKILL') {
      kills++;
      continue;
    }
    // Finished before the kill: fine, but it must have finished cleanly.
    expect(outcome.code, outcome.stderr).toBe(0);
    break;
  }
  expect(kills).toBeGreaterThanOrEqual(3);

  const last = await runExample(env);
  expect(last.code, last.stderr).toBe(0);
  expect(last.stdout).toMatch(/synced \d+ transaction\(s\); 205 stored/);

  mock.addTransactions({ ...account, count: 30, notify: false });
  mock.requests.length = 0;
  const further = await runExample(env);
  expect(further.code, further.stderr).toBe(0);
  // Only the 30 new ones were fetched: from the stored cursor, 3 pages of 10 and the closing empty page.
  expect(further.stdout).toMatch(/synced 30 transaction\(s\); 235 stored/);
  expect(mock.requests.filter((r) => r.path === '/transactions/sync')).toHaveLength(4);

  // Check the table itself (every child has exited: one writer at a time).
  const db = await PGlite.create(dataDir);
  try {
    const ids = (await db.query<{ id: string }>('SELECT id FROM knot_transactions ORDER BY id')).rows.map((r) => r.id);
    const expected = mock
      .transactionsOf(account)
      .map((t) => t.id)
      .sort();
    expect(ids).toEqual(expected);
    const cursors = await db.query<{ cursor: string | null }>('SELECT cursor FROM knot_sync_cursors');
    expect(cursors.rows).toHaveLength(1);
    expect(cursors.rows[0]!.cursor).toEqual(expect.any(String));
  } finally {
    await db.close();
  }
});

it('a last page that carries next_cursor null is flushed too', { timeout: 120_000 }, async () => {
  history = await startHistoryServer(205);
  history.lastPageEnds = true; // 20 pages of 10, then 5 transactions with next_cursor null
  historyDir = await mkdtemp(join(tmpdir(), 'knot-crash-last-'));
  const env = {
    KNOT_BASE_URL: history.url,
    KNOT_CLIENT_ID: 'id',
    KNOT_SECRET: 'secret',
    KNOT_EXTERNAL_USER_ID: account.external_user_id,
    KNOT_MERCHANT_ID: String(account.merchant_id),
    KNOT_SYNC_LIMIT: '10',
    PGLITE_DATA_DIR: historyDir,
  };
  const last = await runExample(env);
  expect(last.code, last.stderr).toBe(0);
  expect(last.stdout).toMatch(/; 205 stored/);

  // 30 more: the next sync resumes at the last page's cursor (sent for it: its next_cursor was null),
  // so those 5 come again (upserted) with the 30 new ones.
  history.total = 235;
  const further = await runExample(env);
  expect(further.code, further.stderr).toBe(0);
  expect(further.stdout).toMatch(/synced 35 transaction\(s\); 235 stored/);

  const db = await PGlite.create(historyDir);
  try {
    const ids = (await db.query<{ id: string }>('SELECT id FROM knot_transactions ORDER BY id')).rows.map((r) => r.id);
    expect(ids).toEqual(Array.from({ length: 235 }, (_, i) => txnId(i)));
    const cursors = await db.query<{ cursor: string }>('SELECT cursor FROM knot_sync_cursors');
    expect(cursors.rows.map((r) => r.cursor)).toEqual(['c230']);
  } finally {
    await db.close();
  }
});
