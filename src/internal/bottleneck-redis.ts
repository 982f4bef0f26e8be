/**
 * Hardening for a Bottleneck clustered over Redis, kept out of the adapter's main path: Redis can
 * vanish (no answer at all, forever) and Redis 7 words script errors in a way bottleneck 2.19.5
 * does not recognise. Nothing here runs for a local Bottleneck.
 */
import type Bottleneck from 'bottleneck';
import { KnotConnectionError } from '../core/errors.js';

export function isClustered(limiter: Bottleneck): boolean {
  return typeof limiter.datastore === 'string' && limiter.datastore !== 'local';
}

/** `promise`, or a KnotConnectionError with `message` after `ms`. */
export function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KnotConnectionError(message)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
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
 * limiter's connection (its private `__scriptFn__`), once, so bottleneck's own recovery runs.
 */
export function normaliseScriptErrors(limiter: Bottleneck): void {
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
 * The watchdog of one queued request: every `probeMs` while `waiting()` holds, it probes the
 * datastore; a probe that fails calls `onDead` with a {@link KnotConnectionError}. This bounds a
 * wait on a vanished Redis without limiting legitimate queueing. Returns the function that stops it.
 */
export function watchDatastore(limiter: Bottleneck, probeMs: number, waiting: () => boolean, onDead: (error: KnotConnectionError) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watch = () => {
    timer = setTimeout(() => {
      if (!waiting()) return;
      probe(limiter, probeMs).then(
        () => {
          if (waiting()) watch();
        },
        (error: unknown) => {
          if (!waiting()) return;
          const detail = error instanceof Error ? error.message : String(error);
          onDead(
            new KnotConnectionError(
              `The limiter's datastore (${limiter.datastore}) did not answer within ${probeMs} ms while the request waited for its turn (${detail}): is Redis reachable? Nothing was sent.`,
              { cause: error },
            ),
          );
        },
      );
    }, probeMs);
    timer.unref?.();
  };
  watch();
  return () => clearTimeout(timer);
}
