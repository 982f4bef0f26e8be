/**
 * Fault soak (issue 8): 50 accounts × 1,000 transactions synced concurrently through one client
 * while the fake injects 10% 5xx, 5% 429 (Retry-After 20 ms), 3% connection resets, 2% malformed
 * JSON and 0–15 ms latency. Runs in a child process (test/reliability/fixtures/soak-run.ts) that
 * must exit by itself: a leaked socket or timer would keep it alive past the bound.
 *
 * Proves: every transaction of every account stored exactly once per id and field-for-field equal
 * to the fake's; syncs that failed after retries resumed from their checkpoint; only KnotErrors;
 * no unhandled rejection; the process exits promptly.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastJson, startScript } from '../helpers/child.js';

const SCRIPT = fileURLToPath(new URL('./fixtures/soak-run.ts', import.meta.url));

interface SoakResult {
  expected: number;
  stored: number;
  mismatchCount: number;
  mismatches: string[];
  restarts: number;
  retries: number;
  foreignErrors: string[];
  stuck: string[];
  unhandledCount: number;
  unhandled: string[];
  checkpointsSaved: number;
  serverRequests: number;
  peakInFlight: number;
  syncMs: number;
  totalMs: number;
  failuresByKind: Record<string, number>;
  retryReasons: Record<string, number>;
}

describe('fault soak', () => {
  it('50 × 1,000 transactions under 5xx/429/resets/malformed/latency: nothing missing, no leak, exits by itself', async () => {
    const seed = process.env.SOAK_SEED ?? '1';
    const run = startScript(SCRIPT, { SOAK_SEED: seed, SOAK_ACCOUNTS: '50', SOAK_TRANSACTIONS: '1000' }, 110_000);
    let printedAt = 0;
    run
      .waitForLine((line) => line.includes('"type":"soak"'), 110_000)
      .then(() => {
        printedAt = Date.now();
      })
      .catch(() => {});
    const result = await run.result;
    const exitedAt = Date.now();
    expect(result.timedOut, `soak did not finish or exit within 110 s. stderr: ${result.stderr.slice(-3000)}`).toBe(false);
    expect(result.code, result.stderr.slice(-3000)).toBe(0);
    const soak = lastJson<SoakResult>(result.stdout, 'soak');
    expect(soak, `no result line. stdout: ${result.stdout.slice(-2000)}`).toBeDefined();
    if (!soak) return;
    console.log(`soak (seed ${seed}): ${JSON.stringify(soak)}`);

    expect(soak.mismatches).toEqual([]);
    expect(soak.stored).toBe(soak.expected);
    expect(soak.stuck).toEqual([]);
    expect(soak.foreignErrors).toEqual([]);
    expect(soak.unhandled).toEqual([]);
    expect(soak.unhandledCount).toBe(0);
    // The faults really happened and were handled both ways: retried inside the client, and
    // resumed from a checkpoint when retries ran out (or the fault is not retryable, e.g. bad JSON).
    expect(soak.retries).toBeGreaterThan(0);
    expect(soak.restarts).toBeGreaterThan(0);
    expect(soak.checkpointsSaved).toBeGreaterThanOrEqual(soak.expected / 100);
    // The default limiter (maxConcurrent 10) held under 50 concurrent syncs.
    expect(soak.peakInFlight).toBeLessThanOrEqual(10);
    // Exits by itself once done: nothing left open (sockets, timers, the fake's server).
    expect(printedAt).toBeGreaterThan(0);
    expect(exitedAt - printedAt).toBeLessThan(5_000);
  }, 120_000);
});
