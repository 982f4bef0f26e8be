/**
 * `npm run demo` (examples/demo.ts) in a child process, as a user runs it: which mode it picks and
 * says, every step it verifies (the refresh → webhook → sync loop included), and what it refuses.
 */
import { afterEach, expect, it } from 'vitest';
import { createMockKnot, type MockKnot } from '../src/testing.js';
import { type ChildResult, startScript } from './helpers/child.js';

/** Blank values: the demo and the client treat them as unset, whatever the developer's shell holds. */
const CLEAN_ENV = { KNOT_BASE_URL: '', KNOT_ENVIRONMENT: '', KNOT_CLIENT_ID: '', KNOT_SECRET: '', CI: '' };
const CHILD_TIMEOUT_MS = 100_000;

let mock: MockKnot | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function runDemo(env: Record<string, string>): Promise<ChildResult> {
  const result = await startScript('examples/demo.ts', { ...CLEAN_ENV, ...env }, CHILD_TIMEOUT_MS).result;
  expect(result.timedOut, result.stderr).toBe(false);
  return result;
}

it('runs the built-in fake by default, even with credentials in the shell, and verifies every step of the refresh loop', async () => {
  const { stdout, code } = await runDemo({ KNOT_CLIENT_ID: 'live_client_id', KNOT_SECRET: 'live_secret_value' });

  const lines = stdout.split('\n');
  expect(lines[0]).toBe('Mode: built-in fake Knot API, no credentials needed (neither KNOT_BASE_URL nor KNOT_ENVIRONMENT is set)');
  expect(lines[1]).toContain('note: KNOT_CLIENT_ID/KNOT_SECRET are set but not used: set KNOT_ENVIRONMENT=development');
  expect(stdout).not.toContain('live_secret_value');

  for (const step of [
    '✔ linked a DoorDash account',
    '✔ received AUTHENTICATED',
    '✔ received NEW_TRANSACTIONS_AVAILABLE (signature verified)',
    '✔ synced every transaction into Postgres (205 stored, 205 expected)',
    '✔ saved a resume cursor',
    '✔ applied the updated transactions (3/3)',
    '✔ asked Knot to refresh the account (202 Accepted)',
    '✔ received NEW_ and UPDATED_TRANSACTIONS_AVAILABLE for the refresh (signatures verified)',
    '✔ the sync from the stored cursor got exactly the 5 new transactions (5 received)',
    '✔ applied the 2 updated transactions from the refresh',
    '✔ a second refresh within the hour is refused with the time to retry (429, retry at ',
    '✔ a sync from the stored cursor returns nothing new (0 new)',
  ]) {
    expect(stdout).toContain(step);
  }
  // Not a terminal: plain progress lines per page and checkpoint, no carriage returns or escapes.
  expect(stdout).toContain('  initial sync: page 1 received, 100 transactions');
  expect(stdout).toMatch(/ {2}initial sync: checkpoint 1 saved \(100 transactions so far\), cursor \S+/);
  expect(stdout).toMatch(/✔ initial sync {2}page \d+ · 205 transactions · \d+ checkpoints/);
  expect(stdout).toContain('  sync after the refresh: page 1 received, 5 transactions');
  expect(stdout).not.toContain('\r');
  expect(stdout).not.toContain('\x1b');
  expect(stdout).toContain('All steps verified.');
  expect(stdout).not.toContain('✘');
  expect(code).toBe(0);
}, 120_000);

it('honours KNOT_BASE_URL: runs against that server with the credentials from the environment, polling instead of webhooks', async () => {
  mock = createMockKnot({ clientId: 'demo_id', secret: 'demo_secret', seed: 5 });
  const server = await mock.listen();
  try {
    const { stdout, code } = await runDemo({
      KNOT_BASE_URL: server.url,
      KNOT_CLIENT_ID: 'demo_id',
      KNOT_SECRET: 'demo_secret',
      KNOT_ENVIRONMENT: 'development',
    });

    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`Mode: the Knot API at ${server.url} (KNOT_BASE_URL is set)`);
    expect(lines[1]).toBe('  note: KNOT_ENVIRONMENT=development is ignored: KNOT_BASE_URL takes precedence.');
    expect(stdout).toContain('✔ transactions are available (polled: no webhook receiver in this mode)');
    expect(stdout).toContain('✔ synced every transaction into Postgres (205 stored, 205 expected)');
    expect(stdout).toContain('– applied the updated transactions (skipped: their ids arrive only in UPDATED_TRANSACTIONS_AVAILABLE');
    expect(stdout).toContain('✔ the sync from the stored cursor got the new transactions (5 new)');
    expect(stdout).toContain('✔ a second refresh within the hour is refused with the time to retry');
    expect(stdout).toContain('All steps verified. (1 skipped in this mode)');
    expect(code).toBe(0);

    // The demo really talked to this server: its user was linked, synced and refreshed here.
    const paths = mock.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain('POST /development/accounts/link');
    expect(paths).toContain('POST /transactions/sync');
    const refreshes = mock.requests.filter((r) => r.path === '/transactions/refresh').map((r) => r.status);
    expect(refreshes).toEqual([202, 429]);
    const [user] = [...stdout.matchAll(/user (demo-[0-9a-f-]{36})/g)].map((m) => m[1]!);
    expect(mock.transactionCount({ external_user_id: user!, merchant_id: 19 })).toBe(210);
  } finally {
    await server.close();
  }
}, 120_000);

it('refuses production and says why, sending nothing', async () => {
  const { stdout, code } = await runDemo({ KNOT_ENVIRONMENT: 'production', KNOT_CLIENT_ID: 'id', KNOT_SECRET: 'secret' });
  expect(stdout).toContain('✘ chose where to run (KNOT_ENVIRONMENT=production: the demo creates test users with development-only endpoints');
  expect(stdout).not.toContain('Mode:');
  expect(stdout).not.toContain('linked');
  expect(stdout).toContain('1 step(s) failed.');
  expect(code).toBe(1);
}, 120_000);
