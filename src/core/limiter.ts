/**
 * The limiter seam: what the client needs from a throttle ({@link Limiter}), what users may pass
 * ({@link LimiterSetting}), and the pure rules that check a setting and pick its adapter. The
 * adapters live in src/internal: `local-limiter.ts` (an in-process semaphore) and
 * `bottleneck-limiter.ts` (Bottleneck, local or clustered over Redis).
 *
 * A little over a screen: `LimiterSetting` is public and carries the TSDoc users read.
 */
import type Bottleneck from 'bottleneck';

/**
 * The client's throttle: Bottleneck options for a limiter of its own, a `Bottleneck` you created
 * (e.g. clustered over Redis to share one budget between processes; you own it and disconnect it),
 * or `false` for none. Options with a Redis `datastore` are refused with a `KnotConfigError`:
 * create the Bottleneck yourself instead.
 *
 * @example
 * ```ts
 * import Bottleneck from 'bottleneck';
 *
 * // at most 5 requests in flight and 20 per second, in this process
 * new KnotClient({ limiter: { maxConcurrent: 5, minTime: 50 } });
 * // one budget shared by every process, over Redis
 * const shared = new Bottleneck({ id: 'knot', datastore: 'ioredis', clientOptions: { host: 'redis' }, maxConcurrent: 10 });
 * new KnotClient({ limiter: shared });
 * ```
 */
export type LimiterSetting = Bottleneck.ConstructorOptions | Bottleneck | false;

export interface Limiter {
  /**
   * Runs `job` when the limiter allows it. `signal` (the caller's) ends a wait that has not started
   * the job yet with a `KnotAbortError`; once started, the job sees the signal itself.
   */
  schedule<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export function isBottleneck(value: unknown): value is Bottleneck {
  return typeof value === 'object' && value !== null && typeof (value as Bottleneck).schedule === 'function' &&
    typeof (value as Bottleneck).ready === 'function';
}

/** Which adapter serves a setting. */
export type LimiterChoice =
  | { kind: 'none' }
  | { kind: 'local'; maxConcurrent: number }
  | { kind: 'bottleneck'; setting: Bottleneck.ConstructorOptions | Bottleneck };

/** Bottleneck's own defaults: an option set to one of these changes nothing. */
const BOTTLENECK_DEFAULTS: Record<string, unknown> = {
  maxConcurrent: null,
  minTime: 0,
  highWater: null,
  reservoir: null,
  reservoirRefreshInterval: null,
  reservoirIncreaseInterval: null,
  datastore: 'local',
};

/**
 * A setting that only caps concurrency (the default is 10) needs no Bottleneck: a local Bottleneck
 * hands every job through several `setTimeout(0)` hops, measured at ~6 ms per request, which tripled
 * the wall time of a sync against a fast server. Options left at Bottleneck's defaults (`minTime: 0`,
 * `highWater: null`, ...) do not count, so `{ maxConcurrent: 5, minTime: 0 }` stays on the fast path.
 */
export function chooseLimiter(setting: LimiterSetting | undefined): LimiterChoice {
  if (setting === false) return { kind: 'none' };
  if (setting === undefined) return { kind: 'local', maxConcurrent: 10 };
  if (isBottleneck(setting)) return { kind: 'bottleneck', setting };
  const effective = Object.entries(setting).filter(
    ([name, value]) => value !== undefined && !(Object.hasOwn(BOTTLENECK_DEFAULTS, name) && BOTTLENECK_DEFAULTS[name] === value),
  );
  if (effective.length === 0) return { kind: 'none' }; // Bottleneck with its defaults limits nothing
  const [name, max] = effective[0]!;
  if (effective.length === 1 && name === 'maxConcurrent' && typeof max === 'number' && Number.isInteger(max) && max >= 1) {
    return { kind: 'local', maxConcurrent: max };
  }
  return { kind: 'bottleneck', setting };
}
