import { KnotAbortError } from '../core/errors.js';
import type { Limiter, LimiterSetting } from '../core/limiter.js';

/**
 * The default limiter setting, and any setting that only caps concurrency, needs no Bottleneck.
 * A local Bottleneck hands every job through several `setTimeout(0)` hops (≥ 1 ms each on Node):
 * measured at ~6 ms per request, it tripled the wall time of a sync against a fast server.
 *
 * Returns the cap, or `null` when the setting needs Bottleneck itself (a Bottleneck instance, or
 * options such as minTime, reservoir, a Redis datastore).
 */
export function concurrencyOnly(setting: LimiterSetting | undefined): number | null {
  if (setting === undefined) return 10;
  if (typeof setting !== 'object' || setting === null || typeof (setting as { schedule?: unknown }).schedule === 'function') return null;
  const keys = Object.keys(setting).filter((key) => (setting as Record<string, unknown>)[key] !== undefined);
  if (keys.length !== 1 || keys[0] !== 'maxConcurrent') return null;
  const max = (setting as { maxConcurrent?: unknown }).maxConcurrent;
  return typeof max === 'number' && Number.isInteger(max) && max >= 1 ? max : null;
}

/** At most `max` jobs at once, the rest in FIFO order: what Bottleneck does with only `maxConcurrent`. */
export function createSemaphore(max: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    // Hand the slot straight to the next job, so a newcomer cannot jump the queue in between.
    if (next) next();
    else running--;
  };
  return {
    async schedule(job, signal) {
      if (signal?.aborted) throw new KnotAbortError('Request aborted by the caller.', { cause: signal.reason });
      if (running < max) running++;
      else {
        // The caller's signal ends the wait at once (the slot, if handed over meanwhile, is kept).
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => {
            const index = waiting.indexOf(admit);
            if (index === -1) return;
            waiting.splice(index, 1);
            reject(new KnotAbortError('Request aborted by the caller while it waited for the limiter.', { cause: signal?.reason }));
          };
          const admit = () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          };
          waiting.push(admit);
          signal?.addEventListener('abort', onAbort, { once: true });
        });
      }
      try {
        return await job();
      } finally {
        release();
      }
    },
  };
}
