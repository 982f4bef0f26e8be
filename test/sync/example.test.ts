/** CI runs the example: against the fake Knot API it starts itself, it must exit 0. */
import { afterAll, expect, it } from 'vitest';
import { killAllExamples, runExample } from './run-example.js';

afterAll(() => killAllExamples());

it('examples/sync-to-postgres.ts runs on its own against the fake Knot API and exits 0', { timeout: 120_000 }, async () => {
  // No KNOT_BASE_URL: the example starts the fake itself.
  const outcome = await runExample({ KNOT_BASE_URL: '', PGLITE_DATA_DIR: '' });
  expect(outcome.code, outcome.stderr).toBe(0);
  expect(outcome.stdout).toMatch(/first sync: 205 transaction\(s\); 205 stored/);
  expect(outcome.stdout).toMatch(/second sync: 5 transaction\(s\); 210 stored/);
});
