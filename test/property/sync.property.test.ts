/**
 * The sync iterator against a server answering any sequence of pages (valid pages with any cursor
 * chain, repeated cursors, garbage, error statuses), with or without prefetch, consumed to the end
 * or abandoned at any point: it only ever fails with a KnotError, always terminates, hands over a
 * prefix of the transactions served in order, and reports only real, non-empty cursors.
 */
import fc from 'fast-check';
import { MockAgent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { KnotClient, KnotError } from '../../src/index.js';
import { nearValid, runs, SAMPLE_SYNC, SAMPLE_TRANSACTION } from './support.js';

const ORIGIN = 'https://knot-sync.invalid';
let script: { status: number; body: string }[] = [];
let served: { status: number; body: string }[] = [];
const agent = new MockAgent();
agent.disableNetConnect();
agent
  .get(ORIGIN)
  .intercept({ path: () => true, method: () => true })
  .reply(() => {
    const next = script.shift() ?? { status: 500, body: '{"message":"script exhausted"}' };
    served.push(next);
    return { statusCode: next.status, data: next.body, responseOptions: { headers: { 'content-type': 'application/json' } } };
  })
  .persist();
const knot = new KnotClient({ clientId: 'id', secret: 'secret_value', baseUrl: ORIGIN, dispatcher: agent, maxRetries: 0, logLevel: 'off' });
afterAll(async () => {
  await agent.close();
});

let txnCounter = 0;
const validPage = fc.record({
  count: fc.integer({ min: 0, max: 3 }),
  next: fc.oneof(fc.constant(null), fc.constantFrom('c1', 'c2', 'c3', 'c4'), fc.string({ minLength: 1, maxLength: 8 })),
}).map(({ count, next }) => {
  const transactions = Array.from({ length: count }, () => ({ ...SAMPLE_TRANSACTION, id: `t-${++txnCounter}` }));
  return { status: 200, body: JSON.stringify({ ...SAMPLE_SYNC, transactions, next_cursor: next }) };
});
const answer = fc.oneof(
  { weight: 8, arbitrary: validPage },
  { weight: 1, arbitrary: nearValid(SAMPLE_SYNC).map((v) => ({ status: 200, body: JSON.stringify(v) })) },
  { weight: 1, arbitrary: fc.constantFrom(400, 429, 500, 503).map((status) => ({ status, body: '{"message":"x"}' })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((body) => ({ status: 200, body })) },
);

describe('transactions.sync on any sequence of answers', () => {
  it('fails only with KnotErrors, terminates, hands over a prefix of what was served, reports only real cursors', async () => {
    const seen = { completed: 0, failed: 0, withItems: 0, withCheckpoints: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(answer, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.option(fc.nat({ max: 12 }), { nil: undefined }),
        fc.option(fc.constantFrom('c0', 'start'), { nil: undefined }),
        async (answers, prefetch, stopAfter, cursor) => {
          script = [...answers];
          served = [];
          const checkpoints: unknown[] = [];
          const items: string[] = [];
          let outcome: unknown = 'ok';
          try {
            const sync = knot.transactions.sync(
              { merchant_id: 19, external_user_id: 'u', cursor },
              { prefetch, maxPages: 10, onCheckpoint: (c) => void checkpoints.push(c) },
            );
            for await (const txn of sync) {
              items.push(txn.id);
              if (stopAfter !== undefined && items.length >= stopAfter) break;
            }
          } catch (error) {
            outcome = error;
          }
          if (outcome !== 'ok') expect(outcome).toBeInstanceOf(KnotError);
          seen[outcome === 'ok' ? 'completed' : 'failed'] += 1;
          if (items.length > 0) seen.withItems += 1;
          if (checkpoints.length > 0) seen.withCheckpoints += 1;
          expect(served.length).toBeLessThanOrEqual(10);

          // What the server handed out, in request order, up to the first answer the client rejects.
          const servedIds: string[] = [];
          const sentCursors = new Set<string>();
          for (const s of served) {
            let page: { transactions?: { id?: unknown }[]; next_cursor?: unknown } | undefined;
            try {
              page = JSON.parse(s.body);
            } catch {
              page = undefined;
            }
            if (s.status !== 200 || !page || !Array.isArray(page.transactions)) break;
            for (const t of page.transactions) servedIds.push(String(t?.id));
            if (typeof page.next_cursor === 'string') sentCursors.add(page.next_cursor);
          }
          expect(servedIds.slice(0, items.length)).toEqual(items);
          for (const c of checkpoints) {
            expect(typeof c).toBe('string');
            expect(c).not.toBe('');
            expect(sentCursors.has(c as string) || c === cursor).toBe(true);
          }
        },
      ),
      runs(1_500),
    );
    // The generator reached every kind of case (not a vacuous pass).
    expect(seen.completed).toBeGreaterThan(0);
    expect(seen.failed).toBeGreaterThan(0);
    expect(seen.withItems).toBeGreaterThan(0);
    expect(seen.withCheckpoints).toBeGreaterThan(0);
  }, 120_000);
});
