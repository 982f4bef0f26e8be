import { KnotAbortError } from '../core/errors.js';

/**
 * The error for "the caller's signal fired", built in one place so every abort reads the same and
 * keeps the signal's reason as its `cause`. `what` names the operation, `when` the stage it was in.
 */
export function abortedByCaller(signal: AbortSignal | undefined, what = 'The request', when = ''): KnotAbortError {
  return new KnotAbortError(`${what} was aborted by the caller${when ? ` ${when}` : ''}.`, { cause: signal?.reason });
}

/** Throws {@link abortedByCaller} if `signal` has already fired. */
export function throwIfAborted(signal: AbortSignal | undefined, what?: string): void {
  if (signal?.aborted) throw abortedByCaller(signal, what);
}

/**
 * `promise`, or {@link abortedByCaller} as soon as `signal` fires (the promise itself keeps running).
 * `when` names the stage the request was waiting in.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, when = ''): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedByCaller(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedByCaller(signal, 'The request', when));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.finally(() => signal.removeEventListener('abort', onAbort)).then(resolve, reject);
  });
}
