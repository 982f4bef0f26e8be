/**
 * The fake's HTTP layer: answers a Fetch `Request` with a `Response`, the one surface behind
 * `mock.listen()`, `mock.dispatcher` and `mock.handlers`. It records the request, applies injected
 * faults, finds the route in the table (routes.ts), checks Basic auth, then calls the engine and
 * writes its answer (or its Knot error) as JSON. No msw: the kit works without the optional peer.
 */
import { timingSafeEqual } from 'node:crypto';
import type { KnotEngine } from './engine.js';
import { knotErrors, MockKnotError, SERVER_ERROR_BODY } from './errors.js';
import type { Faults } from './faults.js';
import { connectionReset } from './connection-reset.js';
import { matchRoute, type Route } from './routes.js';
import { sleep } from './sleep.js';
import type { Fields } from './validate.js';

/**
 * One request the fake received, as logged in `mock.requests`: for assertions on what your code
 * sent.
 *
 * @example
 * ```ts
 * const storedCursor = await loadCursor();
 * const syncs = mock.requests.filter((r) => r.path === '/transactions/sync');
 * expect(syncs.map((r) => (r.body as { cursor?: string }).cursor)).toContain(storedCursor);
 * ```
 */
export interface RecordedRequest {
  /** HTTP method, upper case. */
  method: string;
  /** URL path, e.g. `/transactions/sync`. */
  path: string;
  /** Query string parameters. */
  query: Record<string, string>;
  /** The JSON body, parsed (the raw text when it was not JSON, `undefined` when there was none). */
  body: unknown;
  /** Lower-cased names; `authorization` is replaced by `'[redacted]'`. */
  headers: Record<string, string>;
  /** `now()` when the request arrived. */
  at: number;
  /** The fault injected into this request, if any (a {@link FaultKind}). */
  fault: string | null;
  /** Final status (0 for a reset), set once answered; stays `null` if the client hung up first. */
  status: number | null;
  /** An unexpected failure inside the fake (answered 500), for debugging the fake itself. */
  error: string | null;
}

/**
 * Server-side counters of the fake (`mock.stats`), e.g. to check a client's concurrency limit.
 * `mock.resetStats()` starts a new measurement.
 *
 * @example
 * ```ts
 * expect(mock.stats.peakInFlight).toBeLessThanOrEqual(5);
 * ```
 */
export interface MockStats {
  /** Requests received since the last reset. */
  requests: number;
  /** Requests being answered right now. */
  inFlight: number;
  /** The most requests in flight at once since the last reset. */
  peakInFlight: number;
}

export interface AppContext {
  engine: KnotEngine;
  faults: Faults;
  stats: MockStats;
  requests: RecordedRequest[];
  requestLogLimit: number;
  routes: readonly Route[];
  /** Expected `Authorization` header value. */
  authorization: () => string;
}

/** The fake as a function: what the socket server, the dispatcher and the msw adapter call. */
export type KnotApp = (request: Request) => Promise<Response>;

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function record(ctx: AppContext, request: Request, url: URL, body: unknown): RecordedRequest {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = SENSITIVE_HEADERS.has(name) ? '[redacted]' : value;
  });
  const entry: RecordedRequest = {
    method: request.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body,
    headers,
    at: ctx.engine.now(),
    fault: null,
    status: null,
    error: null,
  };
  ctx.requests.push(entry);
  if (ctx.requests.length > ctx.requestLogLimit) ctx.requests.splice(0, ctx.requests.length - ctx.requestLogLimit);
  return entry;
}

/** The body as JSON; `undefined` when empty; `{ text }` when it is not JSON. */
function parseBody(text: string): { body: unknown; badJson: boolean } {
  if (text === '') return { body: undefined, badJson: false };
  try {
    return { body: JSON.parse(text), badJson: false };
  } catch {
    return { body: text, badJson: true };
  }
}

export function createApp(ctx: AppContext): KnotApp {
  return async (request) => {
    const url = new URL(request.url);
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const { body, badJson } = parseBody(text);
    const entry = record(ctx, request, url, body);
    const match = matchRoute(ctx.routes, request.method, url.pathname);
    if (match.kind === 'not_found') {
      return answer(entry, { status: 404, body: { message: `Not Found: ${request.method} ${url.pathname}` } });
    }
    if (match.kind === 'method_not_allowed') {
      return answer(entry, {
        status: 405,
        body: { message: `Method Not Allowed: ${request.method} ${url.pathname} (allowed: ${match.allowed.join(', ')})` },
        headers: { Allow: match.allowed.join(', ') },
      });
    }
    ctx.stats.requests++;
    ctx.stats.inFlight++;
    ctx.stats.peakInFlight = Math.max(ctx.stats.peakInFlight, ctx.stats.inFlight);
    try {
      const decision = ctx.faults.decide({ method: entry.method, path: entry.path, query: entry.query, body });
      entry.fault = decision.kind;
      if (decision.latencyMs > 0) await sleep(decision.latencyMs, request.signal);
      if (request.signal.aborted) return connectionReset(); // nobody to answer: status stays null
      if (decision.kind === 'reset') {
        entry.status = 0;
        return connectionReset();
      }
      if (decision.kind === 'server_error') return answer(entry, { status: decision.status!, body: SERVER_ERROR_BODY });
      if (decision.kind === 'rate_limit') {
        const error = knotErrors.tooManyRequests(decision.retryAfterSeconds!);
        return answer(entry, { status: error.status, body: error.body, headers: error.headers });
      }
      let reply: Reply;
      try {
        if (!sameSecret(request.headers.get('authorization') ?? '', ctx.authorization())) throw knotErrors.invalidApiKeys();
        if (match.kind === 'bad_encoding') throw knotErrors.invalidField('The URL path is not valid percent-encoding.');
        if (badJson) throw knotErrors.invalidField('The request body must be valid JSON.');
        if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
          throw knotErrors.invalidField('The request body must be a JSON object.');
        }
        const { route, params } = match;
        reply = { status: route.status, body: await route.handle(ctx.engine, { body: (body ?? {}) as Fields, query: entry.query, params }) };
      } catch (error) {
        if (!(error instanceof MockKnotError)) throw error;
        reply = { status: error.status, body: error.body, headers: error.headers };
      }
      if (decision.kind === 'malformed' && reply.status < 300) {
        // A truncated body, as if a proxy cut the answer short: never valid JSON.
        const full = JSON.stringify(reply.body);
        entry.status = reply.status;
        return new Response(full.slice(0, Math.max(1, Math.floor(full.length / 2))), {
          status: reply.status,
          headers: { 'Content-Type': 'application/json' },
        });
      }
      return answer(entry, reply);
    } catch (error) {
      // A bug in the fake must still look like Knot's 500, not a hung request; the log keeps why.
      entry.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
      return answer(entry, { status: 500, body: SERVER_ERROR_BODY });
    } finally {
      ctx.stats.inFlight--;
    }
  };
}

function answer(entry: RecordedRequest, reply: Reply): Response {
  entry.status = reply.status;
  // A string body: about twice as fast as Response.json for 100-transaction pages (benchmarks).
  return new Response(JSON.stringify(reply.body), {
    status: reply.status,
    headers: { ...reply.headers, 'Content-Type': 'application/json' },
  });
}
