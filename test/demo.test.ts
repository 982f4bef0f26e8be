import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');

it('the demo (npm run demo) runs end to end against the fake Knot API and verifies every step', () => {
  const env = { ...process.env };
  delete env.KNOT_CLIENT_ID; // force the credential-free path
  delete env.KNOT_SECRET;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], { cwd: repo, env, encoding: 'utf8', timeout: 90_000 });
  expect(result.stdout).toContain('✔ synced every transaction into Postgres');
  expect(result.stdout).toContain('✔ applied the updated transactions');
  expect(result.stdout).toContain('All steps verified.');
  expect(result.stdout).not.toContain('✘');
  expect(result.status).toBe(0);
}, 120_000);
