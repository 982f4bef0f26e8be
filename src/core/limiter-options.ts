import { KnotConfigError } from './errors.js';
import { isBottleneck } from './limiter.js';

/** Bottleneck's numeric options: `null` means "no limit", anything else a number of this kind. */
const NUMERIC_OPTIONS: Record<string, 'count>=1' | 'count' | 'ms'> = {
  maxConcurrent: 'count>=1',
  highWater: 'count',
  reservoir: 'count',
  reservoirRefreshAmount: 'count',
  reservoirIncreaseAmount: 'count',
  reservoirIncreaseMaximum: 'count',
  minTime: 'ms',
  penalty: 'ms',
  reservoirRefreshInterval: 'ms',
  reservoirIncreaseInterval: 'ms',
};

function fail(problem: string): never {
  throw new KnotConfigError(`Invalid \`limiter\` option: ${problem}`);
}

/**
 * Checked at construction. Bottleneck accepts nonsense such as `maxConcurrent: 0` and then fails
 * every job ("Impossible to add a job having a weight of 1 to a limiter having a maxConcurrent
 * setting of 0"), which would surface only at the first request, as a retried connection error.
 * Options over Redis are refused too: a Bottleneck the client built would hold connections nobody
 * can close (the process would never exit), so the caller builds it, owns it and disconnects it.
 */
export function checkLimiterOptions(setting: unknown): void {
  if (setting === undefined || setting === false || isBottleneck(setting)) return;
  if (typeof setting !== 'object' || setting === null || Array.isArray(setting)) {
    fail('expected Bottleneck options, a Bottleneck instance or false.');
  }
  for (const [name, kind] of Object.entries(NUMERIC_OPTIONS)) {
    const value = (setting as Record<string, unknown>)[name];
    if (value === undefined || value === null) continue;
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (kind === 'ms' ? value >= 0 : Number.isInteger(value) && value >= (kind === 'count>=1' ? 1 : 0));
    if (!ok) {
      const expected = kind === 'ms' ? 'a number of milliseconds ≥ 0' : kind === 'count' ? 'an integer ≥ 0' : 'an integer ≥ 1';
      fail(`${name} must be ${expected}, or null for no limit; got ${JSON.stringify(value)}.`);
    }
  }
  const { datastore, connection } = setting as { datastore?: unknown; connection?: unknown };
  if ((datastore !== undefined && datastore !== 'local') || connection !== undefined) {
    fail(
      'for a limiter shared over Redis, create the Bottleneck yourself and pass the instance ' +
        "(limiter: new Bottleneck({ id, datastore: 'ioredis', clientOptions, ... })), so you can call limiter.disconnect() at shutdown.",
    );
  }
}
