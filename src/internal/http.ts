import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { checkRequestOptions, type RequestOptions, type ResolvedConfig } from '../core/config.js';
import {
  errorFromResponse,
  KnotAbortError,
  KnotApiError,
  KnotConfigError,
  KnotConnectionError,
  KnotRateLimitError,
  KnotResponseValidationError,
  KnotTimeoutError,
} from '../core/errors.js';
import type { Limiter } from '../core/limiter.js';
import { type Logger, redactString } from '../core/logger.js';
import { fillPath, queryString } from './path.js';
import { KnotPromise, type WithResponse } from '../core/promise.js';
import { RateLimitMemory } from './rate-limit-memory.js';
import { type AttemptOutcome, parseRetryAfter, type RetryPolicy, withRetries } from '../core/retry.js';
import { MAX_RESPONSE_BYTES, sendOnce, type TransportResponse } from './transport.js';
import { loadSchemas, type Schemas } from '../schemas/load.js';
import { parseParams, parseResponse } from './validate.js';

/** One row of the endpoint table (src/endpoints.ts): everything the SDK and the fake know about an endpoint. */
export interface EndpointSpec<P, T, R = T> {
  method: 'GET' | 'POST';
  /** The method's name, e.g. `transactions.syncPage`: the row's key and the name in messages. */
  operation: string;
  /**
   * The path pattern: literal segments and `:name` segments, each filled from the validated param
   * of that name (percent-encoded as one segment) and left out of the body or query.
   */
  path: string;
  /** The status of a successful answer, as Knot documents it (the fake answers with it). */
  status: number;
  /** Picks the params schema from the schemas module, which the first request loads (schemas/load.ts). */
  paramsSchema: (schemas: Schemas) => z.ZodType<P, any>;
  /** POST: the JSON body (default: the params). GET: the query (default: the params). Path params are already gone. */
  payload?: (params: P) => Record<string, unknown> | undefined;
  /** Picks the response schema, likewise. */
  response: (schemas: Schemas) => z.ZodType<T, any>;
  /** Refused with a KnotConfigError when the client points at Knot's production host. */
  developmentOnly?: boolean;
  /** Per-key memory of 429 `Retry-After`; such endpoints are never retried on 429. */
  rateLimitKey?: (params: P) => string;
  /** Shapes the validated answer for the caller (e.g. adds the cursor sent to a sync page). */
  result?: (data: T, params: P) => R;
}

export interface HttpCoreDeps {
  config: ResolvedConfig;
  authorization: string;
  userAgent: string;
  dispatcher: () => Dispatcher;
  limiter: Limiter;
  logger: Logger;
  now?: () => number;
}

function classify(error: unknown): AttemptOutcome {
  if (error instanceof KnotAbortError) return { kind: 'abort' };
  if (error instanceof KnotTimeoutError) return { kind: 'timeout' };
  if (error instanceof KnotConnectionError) return { kind: 'network' };
  if (error instanceof KnotApiError) {
    const retryAfterMs = error instanceof KnotRateLimitError ? error.retryAfterMs : parseRetryAfter(error.headers);
    return { kind: 'response', status: error.status, retryAfterMs };
  }
  return { kind: 'fatal' };
}

function decodeJson(text: string): { ok: true; value: unknown } | { ok: false; text: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, text };
  }
}

/**
 * The one request function every resource goes through:
 * validate → build → throttle → send → retry → decode → validate the answer.
 * It never throws synchronously: every failure rejects the returned promise.
 */
export class HttpCore {
  readonly #deps: HttpCoreDeps;
  readonly #refreshMemory: RateLimitMemory;
  readonly #now: () => number;
  /** What must never reach an error: the secret and the base64 of `id:secret`. */
  readonly #secrets: string[];

  constructor(deps: HttpCoreDeps) {
    this.#deps = deps;
    const basic = deps.authorization.replace(/^Basic\s+/i, '');
    this.#secrets = [deps.config.secret, JSON.stringify(deps.config.secret).slice(1, -1), basic];
    this.#now = deps.now ?? Date.now;
    this.#refreshMemory = new RateLimitMemory(this.#now);
  }

  request<P, T, R = T>(spec: EndpointSpec<P, T, R>, params: unknown, options?: RequestOptions): KnotPromise<R> {
    return new KnotPromise(this.#execute(spec, params, options, false));
  }

  /**
   * {@link request} for params already parsed with `spec.paramsSchema` by the caller: a loop over
   * pages validates once per run, not once per page.
   */
  requestParsed<P, T, R = T>(spec: EndpointSpec<P, T, R>, params: P, options?: RequestOptions): KnotPromise<R> {
    return new KnotPromise(this.#execute(spec, params, options, true));
  }

  /** The client's logger (levels applied, secrets redacted), for what resources log themselves. */
  get logger(): Logger {
    return this.#deps.logger;
  }

  async #execute<P, T, R>(spec: EndpointSpec<P, T, R>, rawParams: unknown, options: RequestOptions = {}, prevalidated: boolean): Promise<WithResponse<R>> {
    const { config, logger } = this.#deps;
    checkRequestOptions(options);
    const schemas = await loadSchemas();
    const params = prevalidated ? (rawParams as P) : parseParams(spec.paramsSchema(schemas), rawParams, spec.operation);
    if (spec.developmentOnly && config.isProduction) {
      throw new KnotConfigError(
        `${spec.operation} is a development-only endpoint and the client points at Knot's production host (${config.baseUrl}). Use environment: 'development'.`,
      );
    }
    const filled = fillPath(spec.path, params);
    const basePath = filled.path;
    const payload = spec.payload ? spec.payload(filled.rest as P) : filled.rest;
    let path = basePath;
    let body: string | undefined;
    if (spec.method === 'GET') path += queryString(payload);
    else body = JSON.stringify(payload ?? {});

    const limitKey = spec.rateLimitKey?.(params);
    if (limitKey !== undefined) this.#refuseIfRemembered(limitKey, spec, basePath);

    const headers = this.#headers(body !== undefined, options.headers);
    const policy: RetryPolicy = {
      maxRetries: options.maxRetries ?? config.maxRetries,
      maxRetryAfterMs: config.maxRetryAfterMs,
      initialDelayMs: config.initialDelayMs,
      maxDelayMs: config.maxDelayMs,
      retryRateLimited: limitKey === undefined,
    };
    const timeoutMs = options.timeoutMs ?? config.timeoutMs;
    const started = this.#now();

    let res: TransportResponse;
    try {
      res = await withRetries(
        async (attempt) => {
          const answer = await this.#deps.limiter.schedule(() =>
            sendOnce(this.#deps.dispatcher, {
              method: spec.method,
              origin: config.baseUrl,
              path,
              headers,
              body,
              timeoutMs,
              signal: options.signal,
              maxBodyBytes: MAX_RESPONSE_BYTES,
            }),
            options.signal,
          );
          logger.debug(`${spec.method} ${basePath} → ${answer.status} (attempt ${attempt}, ${this.#now() - started} ms)`);
          if (answer.status >= 200 && answer.status < 300) return answer;
          throw this.#apiError(answer, spec.method, basePath);
        },
        {
          policy,
          classify,
          signal: options.signal,
          onRetry: (decision, error, attempt) =>
            logger.info(`retrying ${spec.method} ${basePath} in ${decision.delayMs} ms after attempt ${attempt}: ${decision.reason}`, {
              error: error instanceof Error ? error.message : String(error),
            }),
        },
      );
    } catch (error) {
      if (error instanceof KnotRateLimitError && limitKey !== undefined && error.retryAt) {
        this.#refreshMemory.remember(limitKey, error.retryAt.getTime());
      }
      throw error;
    }

    const decoded = decodeJson(res.body.toString('utf8'));
    if (!decoded.ok) {
      const preview = JSON.stringify(this.#scrub(decoded.text).slice(0, 40));
      throw new KnotResponseValidationError(
        `${spec.method} ${basePath} → ${res.status}: the response body is not JSON (starts with ${preview}).`,
        { status: res.status, method: spec.method, path: basePath },
      );
    }
    const parsed = parseResponse(spec.response(schemas), decoded.value, { method: spec.method, path: basePath, status: res.status }) as T;
    const data = spec.result ? spec.result(parsed, params) : (parsed as unknown as R);
    return { data, response: { status: res.status, headers: res.headers } };
  }

  #headers(hasBody: boolean, extra: Record<string, string> | undefined): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'knot-version': this.#deps.config.knotVersion,
      'user-agent': this.#deps.userAgent,
    };
    if (hasBody) headers['content-type'] = 'application/json';
    for (const [name, value] of Object.entries(extra ?? {})) headers[name.toLowerCase()] = value;
    headers.authorization = this.#deps.authorization;
    return headers;
  }

  /**
   * Error bodies end up in messages and properties. A proxy or server that echoes the request back
   * could put the credentials there, so they are scrubbed before parsing.
   */
  #scrub(text: string): string {
    return redactString(text, this.#secrets);
  }

  /**
   * The parsed body scrubbed again, string by string: an echo nested as JSON inside a JSON string
   * is escaped twice in the raw text and only becomes the plain credential once parsed.
   */
  #scrubValue(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.#scrub(value);
    if (value === null || typeof value !== 'object') return value;
    if (depth > 32) return '[redacted: nested too deep]';
    if (Array.isArray(value)) return value.map((item) => this.#scrubValue(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty: a "__proto__" key stays a plain key instead of replacing the prototype.
      Object.defineProperty(out, this.#scrub(key), { value: this.#scrubValue(item, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  #apiError(res: TransportResponse, method: string, path: string): KnotApiError {
    const decoded = decodeJson(this.#scrub(res.body.toString('utf8')));
    // Response headers end up on the error too (a proxy may echo Authorization into one).
    const headers = new Headers();
    for (const [name, value] of res.headers) headers.append(name, this.#scrub(value));
    return errorFromResponse({
      status: res.status,
      body: decoded.ok ? this.#scrubValue(decoded.value) : decoded.text,
      headers,
      method,
      path,
      retryAfterMs: parseRetryAfter(res.headers, this.#now()),
      now: this.#now(),
    });
  }

  #refuseIfRemembered(key: string, spec: EndpointSpec<any, any, any>, path: string): void {
    const remaining = this.#refreshMemory.remainingMs(key);
    if (remaining <= 0) return;
    const retryAt = new Date(this.#now() + remaining).toISOString();
    throw new KnotRateLimitError({
      status: 429,
      body: {
        error_type: 'RATE_LIMIT_ERROR',
        error_code: 'TOO_MANY_REQUESTS',
        error_message: `Not sent: Knot allows the next ${spec.operation} for this account at ${retryAt}.`,
      },
      headers: new Headers({ 'retry-after': String(Math.ceil(remaining / 1000)) }),
      method: spec.method,
      path,
      retryAfterMs: remaining,
      now: this.#now(),
      requestSent: false,
    });
  }
}

