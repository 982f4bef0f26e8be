import { type AttemptOutcome, type RetryDecision, type RetryPolicy, shouldRetry } from '../core/retry.js';
import { sleep } from './sleep.js';

/**
 * Runs `attempt` until it succeeds or {@link shouldRetry} says stop, sleeping the delay it names in
 * between. The pure decision function is the only rule: no error type is special here.
 * `classify` maps a thrown error to an outcome; the last error is rethrown as is.
 * Bounded: `shouldRetry` says stop once `maxRetries` retries are spent.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: {
    policy: RetryPolicy;
    classify: (error: unknown) => AttemptOutcome;
    signal?: AbortSignal;
    onRetry?: (decision: RetryDecision, error: unknown, attemptNumber: number) => void;
    random?: () => number;
  },
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      const decision = shouldRetry(attemptNumber, options.classify(error), options.policy, options.random);
      if (!decision.retry) throw error;
      options.onRetry?.(decision, error, attemptNumber);
      await sleep(decision.delayMs, options.signal);
    }
  }
}
