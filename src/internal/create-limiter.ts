import { chooseLimiter, type Limiter, type LimiterSetting } from '../core/limiter.js';
import { checkLimiterOptions } from '../core/limiter-options.js';
import { createBottleneckLimiter } from './bottleneck-limiter.js';
import { createLocalLimiter } from './local-limiter.js';

/**
 * The client's limiter for `setting`: checked now (a bad one is a `KnotConfigError` from the
 * constructor), served by the adapter `chooseLimiter` picks. `readyTimeoutMs` bounds how long a
 * clustered Bottleneck may take to answer (see bottleneck-limiter.ts).
 */
export function createLimiter(setting: LimiterSetting | undefined, readyTimeoutMs: number): Limiter {
  checkLimiterOptions(setting);
  const choice = chooseLimiter(setting);
  if (choice.kind === 'none') return { schedule: (job) => job() };
  if (choice.kind === 'local') return createLocalLimiter(choice.maxConcurrent);
  return createBottleneckLimiter(choice.setting, readyTimeoutMs);
}
