/**
 * The Bottleneck adapter, for settings the local limiter cannot serve (minTime, reservoirs, a
 * Bottleneck you built, clustered over Redis or not). Every failure of the limiter itself (not of
 * the job) is a KnotConnectionError, and the caller's signal ends a wait in the queue at once.
 */
import type Bottleneck from 'bottleneck';
import { KnotConnectionError } from '../core/errors.js';
import { isBottleneck, type Limiter } from '../core/limiter.js';
import { abortable, abortedByCaller } from './abort.js';
import { isClustered, normaliseScriptErrors, watchDatastore, withDeadline } from './bottleneck-redis.js';

/** Thrown inside a job the caller gave up on, so it never sends (its rejection is swallowed). */
const ABANDONED = Symbol('abandoned');

const WAITING = 'while it waited for the limiter';

function limiterFailure(limiter: Bottleneck, error: unknown): KnotConnectionError {
  const detail = error instanceof Error ? error.message : String(error);
  const message = isClustered(limiter)
    ? `The limiter's datastore (${limiter.datastore}) failed before the request was sent: ${detail}. Is Redis reachable?`
    : `The client's limiter failed before the request was sent: ${detail}.`;
  return new KnotConnectionError(message, { cause: error });
}

/**
 * Runs `job` through `limiter`. A rejection of Bottleneck's own (ioredis errors, say) becomes a
 * KnotConnectionError; the job's own error passes through unchanged. A job abandoned while it
 * waited (caller's abort, or the datastore watchdog) stays in Bottleneck's queue but never sends:
 * when it is finally admitted it fails at once.
 */
function runLimited<T>(limiter: Bottleneck, job: () => Promise<T>, probeMs: number, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) return Promise.reject(abortedByCaller(signal));
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
    let settled = false;
    let stopWatch = () => {};
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      stopWatch();
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const abandon = (error: unknown) => {
      state = 'abandoned';
      finish(() => reject(error));
    };
    const onAbort = () => {
      if (state === 'waiting') abandon(abortedByCaller(signal, 'The request', WAITING)); // running: the transport sees the signal
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    scheduled.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
    if (clustered) stopWatch = watchDatastore(limiter, probeMs, () => state === 'waiting' && !settled, abandon);
  });
}

/**
 * The Bottleneck is created on the first request (and the module loaded then), so a client that is
 * constructed but never used costs nothing. A clustered limiter whose datastore is unreachable
 * never becomes ready: readiness is awaited for at most `readyTimeoutMs`, then fails with a
 * KnotConnectionError, and the next request tries again.
 */
export function createBottleneckLimiter(setting: Bottleneck.ConstructorOptions | Bottleneck, readyTimeoutMs: number): Limiter {
  let instance: Promise<Bottleneck> | undefined;
  const get = (): Promise<Bottleneck> => {
    instance ??= (async () => {
      if (!isBottleneck(setting)) {
        const { default: BottleneckClass } = await import('bottleneck');
        return new BottleneckClass(setting);
      }
      if (isClustered(setting)) normaliseScriptErrors(setting);
      await withDeadline(
        setting.ready(),
        readyTimeoutMs,
        `The limiter's datastore (${setting.datastore}) did not become ready within ${readyTimeoutMs} ms: is Redis reachable?`,
      );
      return setting;
    })();
    // A failed readiness check must not poison every later request: try again next time.
    instance.catch(() => {
      instance = undefined;
    });
    return instance;
  };
  return {
    async schedule(job, signal) {
      return runLimited(await abortable(get(), signal, WAITING), job, readyTimeoutMs, signal);
    },
  };
}
