import type Bottleneck from 'bottleneck';
import { KnotAbortError, KnotConfigError, KnotConnectionError } from './errors.js';

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

function isBottleneck(value: unknown): value is Bottleneck {
  return typeof value === 'object' && value !== null && typeof (value as Bottleneck).schedule === 'function' &&
    typeof (value as Bottleneck).ready === 'function';
}

function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KnotConnectionError(message)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** `promise`, or a KnotAbortError as soon as `signal` fires (the promise itself keeps running). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new KnotAbortError('Request aborted by the caller.', { cause: signal.reason }));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new KnotAbortError('Request aborted by the caller while it waited for the limiter.', { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

type ScriptFn = (...args: unknown[]) => unknown;
type ScriptConnection = { __scriptFn__?: (name: string) => ScriptFn };
const NORMALISED = Symbol.for('knotapi-node.bottleneck-script-errors');

/**
 * Redis 7 prefixes the errors of Lua scripts with "ERR " ("ERR SETTINGS_KEY_NOT_FOUND"), while
 * bottleneck 2.19.5 recognises its own errors by exact message. Without this, a clustered limiter
 * whose keys are gone (expired after `timeout` of inactivity, Redis restarted or flushed, a
 * failover) or whose client id was dropped (a process stalled past `clientTimeout`) fails every
 * request forever instead of re-creating them. The prefix is removed from those three errors on the
 * limiter's connection, once, so bottleneck's own recovery runs.
 */
function normaliseScriptErrors(limiter: Bottleneck): void {
  const connection = (limiter as unknown as { connection?: ScriptConnection & { [NORMALISED]?: true } }).connection;
  if (!connection || typeof connection.__scriptFn__ !== 'function' || connection[NORMALISED]) return;
  const original = connection.__scriptFn__.bind(connection);
  connection.__scriptFn__ = (name: string) => {
    const fn = original(name);
    return (...args: unknown[]) => {
      const callback = args.at(-1);
      if (typeof callback !== 'function') return fn(...args);
      return fn(...args.slice(0, -1), (error: unknown, replies: unknown) => {
        if (error instanceof Error && /^ERR (SETTINGS_KEY_NOT_FOUND|UNKNOWN_CLIENT|OVERWEIGHT)/.test(error.message)) {
          error.message = error.message.slice(4);
        }
        (callback as (error: unknown, replies: unknown) => void)(error, replies);
      });
    };
  };
  Object.defineProperty(connection, NORMALISED, { value: true });
}

/** Thrown inside a job the caller gave up on, so it never sends (its rejection is swallowed). */
const ABANDONED = Symbol('abandoned');

function isClustered(limiter: Bottleneck): boolean {
  return typeof limiter.datastore === 'string' && limiter.datastore !== 'local';
}

function limiterFailure(limiter: Bottleneck, error: unknown): KnotConnectionError {
  const detail = error instanceof Error ? error.message : String(error);
  const message = isClustered(limiter)
    ? `The limiter's datastore (${limiter.datastore}) failed before the request was sent: ${detail}. Is Redis reachable?`
    : `The client's limiter failed before the request was sent: ${detail}.`;
  return new KnotConnectionError(message, { cause: error });
}

/** Per limiter: the probe in flight, and when one last succeeded (shared by every waiting request). */
const probes = new WeakMap<Bottleneck, { pending?: Promise<void>; okAt: number }>();

/**
 * Resolves if the limiter's datastore answered a cheap question (`running()`) within `probeMs`, now
 * or less than `probeMs` ago; rejects otherwise. One probe at a time per limiter, so a thousand
 * queued requests cost one Redis call per period, not a thousand.
 */
function probe(limiter: Bottleneck, probeMs: number): Promise<void> {
  let entry = probes.get(limiter);
  if (!entry) {
    entry = { okAt: Number.NEGATIVE_INFINITY };
    probes.set(limiter, entry);
  }
  if (Date.now() - entry.okAt < probeMs) return Promise.resolve();
  if (entry.pending) return entry.pending;
  const current = entry;
  const pending = withDeadline(Promise.resolve(limiter.running()), probeMs, 'no answer').then(
    () => {
      current.okAt = Date.now();
      current.pending = undefined;
    },
    (error: unknown) => {
      current.pending = undefined;
      throw error;
    },
  );
  current.pending = pending;
  return pending;
}

/**
 * Runs `job` through `limiter` and keeps every failure of the limiter itself (not of the job) a
 * {@link KnotConnectionError}: a clustered limiter whose Redis went away rejects with ioredis'
 * own errors, or, with `maxRetriesPerRequest: null`, never settles.
 *
 * While the job waits for its turn, the caller's `signal` ends the wait at once
 * ({@link KnotAbortError}). For a clustered limiter a watchdog also bounds the wait without limiting
 * legitimate queueing: after `probeMs` of waiting it asks the datastore a cheap question
 * (`running()`), answered within `probeMs` or the wait is abandoned with a
 * {@link KnotConnectionError}. An abandoned job stays in bottleneck's queue but never sends: when it
 * is finally admitted it fails at once.
 */
function runLimited<T>(limiter: Bottleneck, job: () => Promise<T>, probeMs: number, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) return Promise.reject(new KnotAbortError('Request aborted by the caller.', { cause: signal.reason }));
  let state: 'waiting' | 'started' | 'abandoned' = 'waiting';
  let jobFailure: { error: unknown } | undefined;
  const wrapped = async (): Promise<T> => {
    if (state === 'abandoned') throw ABANDONED;
    state = 'started';
    try {
      return await job();
    } catch (error) {
      jobFailure = { error };
      throw error;
    }
  };
  const scheduled = limiter.schedule(wrapped).catch((error: unknown) => {
    if (jobFailure && error === jobFailure.error) throw error;
    throw limiterFailure(limiter, error);
  });
  const clustered = isClustered(limiter);
  if (!clustered && !signal) return scheduled;

  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const onAbort = () => {
      if (state !== 'waiting') return; // running: the transport sees the same signal
      state = 'abandoned';
      finish(() => reject(new KnotAbortError('Request aborted by the caller while it waited for the limiter.', { cause: signal?.reason })));
    };
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    scheduled.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
    if (!clustered) return;
    const watch = () => {
      timer = setTimeout(() => {
        if (state !== 'waiting' || settled) return;
        probe(limiter, probeMs).then(
          () => {
            if (!settled && state === 'waiting') watch();
          },
          (error: unknown) => {
            if (state !== 'waiting') return;
            state = 'abandoned';
            const detail = error instanceof Error ? error.message : String(error);
            finish(() =>
              reject(
                new KnotConnectionError(
                  `The limiter's datastore (${limiter.datastore}) did not answer within ${probeMs} ms while the request waited for its turn (${detail}): is Redis reachable? Nothing was sent.`,
                  { cause: error },
                ),
              ),
            );
          },
        );
      }, probeMs);
      timer.unref?.();
    };
    watch();
  });
}

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

/**
 * Bottleneck accepts nonsense such as `maxConcurrent: 0` and then fails every job ("Impossible to
 * add a job having a weight of 1 to a limiter having a maxConcurrent setting of 0"), which would
 * surface only at the first request, as a retried connection error. Refuse it at construction.
 */
export function checkLimiterOptions(setting: unknown): void {
  if (setting === undefined || setting === false || isBottleneck(setting)) return;
  if (typeof setting !== 'object' || setting === null || Array.isArray(setting)) {
    throw new KnotConfigError('Invalid `limiter` option: expected Bottleneck options, a Bottleneck instance or false.');
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
      throw new KnotConfigError(`Invalid \`limiter\` option: ${name} must be ${expected}, or null for no limit; got ${JSON.stringify(value)}.`);
    }
  }
}

/**
 * Client-side throttling. The Bottleneck is created on the first request (and the module loaded
 * then), so a client that is constructed but never used costs nothing.
 *
 * A clustered limiter whose datastore is unreachable never becomes ready; rather than hang every
 * request, readiness is awaited for at most `readyTimeoutMs` and then fails with a
 * {@link KnotConnectionError}. The same bound applies when the datastore goes away later (see
 * `runLimited`), and any failure of the limiter itself is a {@link KnotConnectionError}.
 */
export function createLimiter(setting: LimiterSetting | undefined, readyTimeoutMs: number): Limiter {
  if (setting === false) return { schedule: (job) => job() };
  checkLimiterOptions(setting);
  if (setting !== undefined && !isBottleneck(setting)) {
    const { datastore, connection } = setting as { datastore?: unknown; connection?: unknown };
    // A Bottleneck the client built over Redis would hold connections nobody can close: the process
    // would never exit. The caller builds it and owns it (and disconnects it) instead.
    if ((datastore !== undefined && datastore !== 'local') || connection !== undefined) {
      throw new KnotConfigError(
        'Invalid `limiter` option: for a limiter shared over Redis, create the Bottleneck yourself and pass the instance ' +
          "(limiter: new Bottleneck({ id, datastore: 'ioredis', clientOptions, ... })), so you can call limiter.disconnect() at shutdown.",
      );
    }
  }
  let instance: Promise<Bottleneck> | undefined;

  const get = (): Promise<Bottleneck> => {
    instance ??= (async () => {
      if (isBottleneck(setting)) {
        if (isClustered(setting)) normaliseScriptErrors(setting);
        await withDeadline(
          setting.ready(),
          readyTimeoutMs,
          `The limiter's datastore (${setting.datastore}) did not become ready within ${readyTimeoutMs} ms: is Redis reachable?`,
        );
        return setting;
      }
      const { default: BottleneckClass } = await import('bottleneck');
      return new BottleneckClass(setting ?? { maxConcurrent: 10 });
    })();
    // A failed readiness check must not poison every later request: try again next time.
    instance.catch(() => {
      instance = undefined;
    });
    return instance;
  };

  return {
    async schedule(job, signal) {
      const limiter = await abortable(get(), signal);
      return runLimited(limiter, job, readyTimeoutMs, signal);
    },
  };
}
