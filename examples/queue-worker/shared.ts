/** Configuration and small helpers shared by the queue-worker processes (see ../queue-worker.ts). */

import Bottleneck from 'bottleneck';

export const QUEUE_NAME = process.env.QUEUE_NAME ?? 'knot-sync';

/** Redis from REDIS_URL (required): BullMQ and the shared limiter both live there. */
export function redisOptions(): { host: string; port: number; password?: string; db?: number } {
  const raw = process.env.REDIS_URL;
  if (!raw) throw new Error('REDIS_URL is required, e.g. REDIS_URL=redis://127.0.0.1:6379');
  const url = new URL(raw);
  return {
    host: url.hostname || '127.0.0.1',
    port: Number(url.port || 6379),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
  };
}

export function knotCredentials(): { clientId: string; secret: string; baseUrl?: string } {
  const clientId = process.env.KNOT_CLIENT_ID;
  const secret = process.env.KNOT_SECRET;
  if (!clientId || !secret) throw new Error('KNOT_CLIENT_ID and KNOT_SECRET are required');
  return { clientId, secret, ...(process.env.KNOT_BASE_URL ? { baseUrl: process.env.KNOT_BASE_URL } : {}) };
}

export const limits = {
  /** Requests in flight to Knot across every worker process. */
  maxConcurrent: Number(process.env.KNOT_MAX_CONCURRENT ?? 4),
  /** Minimum ms between two request starts across every worker process. */
  minTime: Number(process.env.KNOT_MIN_TIME ?? 0),
  /** Jobs one worker process runs at once (each a sync of one account). */
  jobConcurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
};

/**
 * The limiter every worker shares: same `id`, state in Redis. One Redis connection per limiter
 * (clientOptions, not a shared `connection`): two limiters on one connection hang.
 */
export function sharedLimiter(): Bottleneck {
  const clientTimeout = Number(process.env.LIMITER_CLIENT_TIMEOUT_MS ?? 10_000);
  const limiter = new Bottleneck({
    id: process.env.LIMITER_ID ?? 'knot-api',
    datastore: 'ioredis',
    clientOptions: redisOptions(),
    maxConcurrent: limits.maxConcurrent,
    minTime: limits.minTime,
    // Keys expire after a minute of inactivity; a crashed process's slots are reclaimed once it
    // has been silent for clientTimeout (bottleneck's default 10 s).
    timeout: 60_000,
    clientTimeout,
    // Live processes must beat well within clientTimeout, or their running requests would be
    // counted as free and the limit exceeded.
    heartbeatInterval: Math.max(250, Math.floor(clientTimeout / 4)),
  });
  // Without a listener, Redis hiccups would be silent; the SDK turns a lasting outage into a
  // KnotConnectionError for the request (and the job is retried by BullMQ).
  limiter.on('error', (error: unknown) => console.error(`[limiter] ${String(error)}`));
  return limiter;
}

export interface AccountRef {
  external_user_id: string;
  merchant_id: number;
}

/** One key per linked account: the deduplication id of its sync jobs. */
export function accountKey(ref: AccountRef): string {
  return `${ref.merchant_id}:${ref.external_user_id}`;
}

/** Prints one JSON line the parent (or a test) waits for. */
export function announce(payload: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(payload)}\n`);
}

/** Runs `stop` once on SIGTERM/SIGINT, then lets the process exit by itself. */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    stop().catch((error: unknown) => {
      console.error('shutdown failed:', error);
      process.exitCode = 1;
    });
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
