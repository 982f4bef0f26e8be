import type Bottleneck from 'bottleneck';
import { KnotConnectionError } from './errors.js';

/** Bottleneck options, a ready `Bottleneck` (e.g. clustered over Redis), or `false` for none. */
export type LimiterSetting = Bottleneck.ConstructorOptions | Bottleneck | false;

export interface Limiter {
  /** Runs `job` when the limiter allows it. */
  schedule<T>(job: () => Promise<T>): Promise<T>;
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

/**
 * Client-side throttling. The Bottleneck is created on the first request (and the module loaded
 * then), so a client that is constructed but never used costs nothing.
 *
 * A clustered limiter whose datastore is unreachable never becomes ready; rather than hang every
 * request, readiness is awaited for at most `readyTimeoutMs` and then fails with a
 * {@link KnotConnectionError}.
 */
export function createLimiter(setting: LimiterSetting | undefined, readyTimeoutMs: number): Limiter {
  if (setting === false) return { schedule: (job) => job() };
  let instance: Promise<Bottleneck> | undefined;

  const get = (): Promise<Bottleneck> => {
    instance ??= (async () => {
      if (isBottleneck(setting)) {
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
    async schedule(job) {
      const limiter = await get();
      return limiter.schedule(job);
    },
  };
}
