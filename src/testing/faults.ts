/**
 * Fault injection for the fake: settable at runtime, decided by a seeded PRNG so a failing test
 * replays the same faults. Faults apply to API requests only, never to webhook deliveries.
 */
import { createRng, hash32, type Rng } from './prng.js';

/**
 * What the `only` filter of {@link FaultOptions} sees of a request.
 *
 * @example
 * ```ts
 * const onlySync = (request: FaultRequest) => request.method === 'POST' && request.path === '/transactions/sync';
 * ```
 */
export interface FaultRequest {
  /** HTTP method, upper case. */
  method: string;
  /** URL path, e.g. `/transactions/sync`. */
  path: string;
  /** Query string parameters. */
  query: Record<string, string>;
  /** The JSON body, parsed (`undefined` when there is none). */
  body: unknown;
}

/**
 * Fault settings for `mock.faults.set()`. Rates are shares of requests between 0 and 1; each
 * request draws its fate from the seeded PRNG, in the order reset, server error, rate limit,
 * malformed. Fields left out are off.
 *
 * @example
 * ```ts
 * mock.faults.set({ serverErrorRate: 0.1, resetRate: 0.05, latencyMs: [10, 200] });
 * ```
 */
export interface FaultOptions {
  /** Share of requests answered 500 or 503 `{"message":"Server Error"}`. */
  serverErrorRate?: number;
  /** Share of requests answered 429 TOO_MANY_REQUESTS with `Retry-After`. */
  rateLimitRate?: number;
  /** `Retry-After` (seconds) of injected 429s. Default 1. */
  retryAfterSeconds?: number;
  /** Share of requests whose connection is reset with no answer. */
  resetRate?: number;
  /** Share of successful answers whose JSON body is cut in half. */
  malformedRate?: number;
  /** Added latency: a fixed number of ms or a `[min, max]` range. */
  latencyMs?: number | readonly [number, number];
  /** Only requests for which this returns true get faults (e.g. one path). */
  only?: (request: FaultRequest) => boolean;
}

/**
 * A fault injected into a request, as recorded in {@link RecordedRequest.fault}: a connection
 * `reset`, a `server_error` (500/503), a `rate_limit` (429) or a `malformed` (truncated) body.
 *
 * @example
 * ```ts
 * const faulted = mock.requests.filter((r) => r.fault === 'rate_limit').length;
 * ```
 */
export type FaultKind = 'reset' | 'server_error' | 'rate_limit' | 'malformed';

export interface FaultDecision {
  latencyMs: number;
  kind: FaultKind | null;
  status?: number;
  retryAfterSeconds?: number;
}

export class Faults {
  private options: FaultOptions = {};
  private readonly rng: Rng;

  constructor(seed: number) {
    this.rng = createRng(hash32(seed, 'faults'));
  }

  /** Replaces the fault settings (unset fields are off). */
  set(options: FaultOptions): void {
    for (const key of ['serverErrorRate', 'rateLimitRate', 'resetRate', 'malformedRate'] as const) {
      const rate = options[key];
      if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new RangeError(`faults.${key} must be between 0 and 1`);
    }
    this.options = { ...options };
  }

  clear(): void {
    this.options = {};
  }

  /** Decides the fate of one request. Draws happen in a fixed order so a seed replays exactly. */
  decide(request: FaultRequest): FaultDecision {
    const o = this.options;
    if (o.only && !o.only(request)) return { latencyMs: 0, kind: null };
    const latency = o.latencyMs;
    const latencyMs = Array.isArray(latency)
      ? this.rng.int(latency[0], latency[1])
      : typeof latency === 'number'
        ? latency
        : 0;
    if (o.resetRate && this.rng() < o.resetRate) return { latencyMs, kind: 'reset' };
    if (o.serverErrorRate && this.rng() < o.serverErrorRate) {
      return { latencyMs, kind: 'server_error', status: this.rng.chance(0.5) ? 500 : 503 };
    }
    if (o.rateLimitRate && this.rng() < o.rateLimitRate) {
      return { latencyMs, kind: 'rate_limit', retryAfterSeconds: o.retryAfterSeconds ?? 1 };
    }
    if (o.malformedRate && this.rng() < o.malformedRate) return { latencyMs, kind: 'malformed' };
    return { latencyMs, kind: null };
  }
}
