/**
 * examples/queue-worker.ts end to end against real Redis: the fake Knot API sends signed webhooks
 * to the receiver process, which enqueues BullMQ jobs deduplicated per account; 3 worker processes
 * sync through one Redis-clustered limiter into the store process's PGlite, with 5xx and
 * connection resets injected. Every transaction lands (ids compared with the fake), no account
 * ever has two syncs at once, the fake never sees more than maxConcurrent requests at once, and
 * every process shuts down cleanly.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastJson, startScript } from '../helpers/child.js';
import { type RedisHandle, startRedis } from '../helpers/redis.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/queue-worker.ts', import.meta.url));

interface Summary {
  ok: boolean;
  checks: Record<string, boolean>;
  expected: number;
  stored: number;
  missing: string[];
  maxParallelPerAccount: number;
  peakInFlight: number;
  maxConcurrent: number;
  jobsStarted: number;
  failedJobs: number;
}

describe('examples/queue-worker.ts', () => {
  let redis: RedisHandle;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('webhooks → BullMQ → 3 workers with a shared limiter → Postgres: every transaction lands', async () => {
    const run = startScript(
      EXAMPLE,
      { REDIS_URL: redis.url, ACCOUNTS: '12', WORKERS: '3', EXTRA: '40', FAULTS: '1', KNOT_MAX_CONCURRENT: '4', SEED: '7' },
      150_000,
    );
    const result = await run.result;
    expect(result.timedOut, `the demo did not finish in time. stderr: ${result.stderr.slice(-3000)}`).toBe(false);
    const summary = lastJson<Summary>(result.stdout, 'queue-worker');
    expect(summary, `no summary. stdout: ${result.stdout.slice(-2000)} stderr: ${result.stderr.slice(-2000)}`).toBeDefined();
    if (!summary) return;
    console.log(`queue-worker: ${JSON.stringify(summary)}`);
    expect(summary.missing).toEqual([]);
    expect(summary.stored).toBe(summary.expected);
    expect(summary.expected).toBe(12 * (205 + 40));
    expect(summary.maxParallelPerAccount).toBe(1);
    // The follow-up syncs (webhooks that arrived mid-sync) ran: more jobs than accounts.
    expect(summary.jobsStarted).toBeGreaterThan(12);
    expect(summary.peakInFlight).toBeLessThanOrEqual(summary.maxConcurrent);
    expect(summary.peakInFlight).toBeGreaterThan(1);
    expect(summary.checks).toEqual({ complete: true, oneJobPerAccountAtATime: true, limiterHeld: true, noFailedJobs: true, cleanShutdown: true });
    expect(summary.ok).toBe(true);
    expect(result.code).toBe(0);
  }, 160_000);
});
