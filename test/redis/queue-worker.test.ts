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
  killedWorkers: number;
  jobsKilledMidSync: number;
}

describe('examples/queue-worker.ts', () => {
  let redis: RedisHandle;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  async function runDemo(env: Record<string, string>): Promise<Summary> {
    const run = startScript(
      EXAMPLE,
      { REDIS_URL: redis.url, ACCOUNTS: '12', WORKERS: '3', EXTRA: '40', FAULTS: '1', KNOT_MAX_CONCURRENT: '4', SEED: '7', ...env },
      150_000,
    );
    const result = await run.result;
    expect(result.timedOut, `the demo did not finish in time. stderr: ${result.stderr.slice(-3000)}`).toBe(false);
    const summary = lastJson<Summary>(result.stdout, 'queue-worker');
    expect(summary, `no summary. stdout: ${result.stdout.slice(-2000)} stderr: ${result.stderr.slice(-2000)}`).toBeDefined();
    console.log(`queue-worker ${JSON.stringify(env)}: ${JSON.stringify(summary)}`);
    expect(summary!.missing).toEqual([]);
    expect(summary!.stored).toBe(summary!.expected);
    expect(summary!.expected).toBe(12 * (205 + 40));
    expect(summary!.maxParallelPerAccount).toBe(1);
    expect(summary!.peakInFlight).toBeLessThanOrEqual(summary!.maxConcurrent);
    expect(summary!.checks).toEqual({ complete: true, oneJobPerAccountAtATime: true, limiterHeld: true, noFailedJobs: true, cleanShutdown: true });
    expect(summary!.ok).toBe(true);
    expect(result.code).toBe(0);
    return summary!;
  }

  it('webhooks → BullMQ → 3 workers with a shared limiter → Postgres: every transaction lands', async () => {
    const summary = await runDemo({});
    // The follow-up syncs (webhooks that arrived mid-sync) ran: more jobs than accounts.
    expect(summary.jobsStarted).toBeGreaterThan(12);
    expect(summary.peakInFlight).toBeGreaterThan(1);
  }, 160_000);

  it('a worker SIGKILLed mid-job: its jobs are taken back and resume from their cursors; nothing missing', async () => {
    const summary = await runDemo({ KILL_WORKER: '1', WORKER_LOCK_MS: '2000', LIMITER_CLIENT_TIMEOUT_MS: '2000' });
    expect(summary.killedWorkers).toBe(1);
    // It really died mid-sync: jobs were running in it, and were started again elsewhere.
    expect(summary.jobsKilledMidSync).toBeGreaterThan(0);
    expect(summary.jobsStarted).toBeGreaterThanOrEqual(12 + summary.jobsKilledMidSync);
  }, 160_000);
});
