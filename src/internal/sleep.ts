import { abortedByCaller } from './abort.js';

/** Sleeps `ms`, or rejects with a `KnotAbortError` as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedByCaller(signal, 'The request', 'while it waited to retry'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedByCaller(signal, 'The request', 'while it waited to retry'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
