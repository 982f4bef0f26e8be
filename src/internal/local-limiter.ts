import type { Limiter } from '../core/limiter.js';
import { abortedByCaller, throwIfAborted } from './abort.js';

/**
 * The local adapter: at most `max` jobs at once, the rest in FIFO order (what Bottleneck does with
 * only `maxConcurrent`, without its timer hops; see `chooseLimiter`).
 */
export function createLocalLimiter(max: number): Limiter {
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
      throwIfAborted(signal);
      if (running < max) running++;
      else {
        // The caller's signal ends the wait at once (the slot, if handed over meanwhile, is kept).
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => {
            const index = waiting.indexOf(admit);
            if (index === -1) return;
            waiting.splice(index, 1);
            reject(abortedByCaller(signal, 'The request', 'while it waited for the limiter'));
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
