/**
 * The one request function every resource goes through. Longer than a screen because it is the
 * pipeline itself, read top to bottom in `#execute`:
 * check options and params → build path and body → (refuse a remembered 429) →
 * retry loop [ limiter → transport ] → decode JSON → validate the answer → shape the result.
 * Each step is a call into its own module; only their order lives here.
 */
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { ResolvedConfig } from '../core/config.js';
import { checkRequestOptions, type RequestOptions } from '../core/request-options.js';
import {
  KnotAbortError,
  KnotApiError,
  KnotConfigError,
  KnotConnectionError,
  KnotRateLimitError,
  KnotTimeoutError,
  KnotValidationError,
} from '../core/errors.js';
import { developmentOnlyIssues } from '../core/development-only.js';
import type { Limiter } from '../core/limiter.js';
import type { Logger } from '../core/logger.js';
import { type CursorPage, KnotPagePromise } from '../core/page-promise.js';
import { KnotPromise, type WithResponse } from '../core/promise.js';
import { type AttemptOutcome, parseRetryAfter, type RetryPolicy } from '../core/retry.js';
import { abortable } from './abort.js';
import { describeIssues } from './issues.js';
import { fillPath, queryString } from './path.js';
import { RateLimitMemory } from './rate-limit-memory.js';
import { apiError, decodeJson, notJsonError, rememberedRateLimit } from './response-errors.js';
import { withRetries } from './retry-loop.js';
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
  /** Instead of `payload`: a body that takes async work to build (see {@link BodyStep}). */
  prepare?: BodyStep<P>;
  /** Picks the response schema, likewise. */
  response: (schemas: Schemas) => z.ZodType<T, any>;
  /** Refused with a KnotConfigError when the client points at Knot's production host. */
  developmentOnly?: boolean;
  /**
   * Params only the development environment accepts (e.g. `simulate`): given to a client that points
   * at Knot's production host, each is a KnotValidationError issue and nothing is sent.
   */
  developmentOnlyParams?: readonly (keyof P & string)[];
  /** Per-key memory of 429 `Retry-After`; such endpoints are never retried on 429. */
  rateLimitKey?: (params: P) => string;
  /** Shapes the validated answer for the caller (e.g. adds the cursor sent to a sync page). */
  result?: (data: T, params: P) => R;
}

/**
 * A body built by async work, e.g. card data encrypted to a key fetched from Knot: `payload` is
 * synchronous, and making it async would put a promise in every request's path. It runs once per
 * call, after the params are validated and before the first attempt: retries resend the same body
 * (one encryption per call, not per attempt).
 */
export interface BodyStep<P> {
  /** Builds the JSON body from the validated params (path params already gone). */
  build(params: P, context: BodyStepContext): Promise<Record<string, unknown>>;
  /**
   * Whether an error of the request means the body went stale (e.g. Knot rotated the key it was
   * encrypted to): then it is built once more, with `again: true`, and sent once more. Never twice.
   */
  rebuildAfter?(error: unknown): boolean;
}

/** What a {@link BodyStep} gets besides the params. */
export interface BodyStepContext {
  /** The core: a step may make requests of its own (e.g. `GET /jwe/key`). */
  core: HttpCore;
  /** The caller's signal: the step's own waits end when it fires. */
  signal: AbortSignal | undefined;
  /** True when building again after `rebuildAfter` matched. */
  again: boolean;
}

/** The named fields of `T`, without the `[k: string]: unknown` a tolerant (loose) schema adds. */
type NamedKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: unknown };

/** The fields of a list answer that hold arrays: where a list row's items can be. */
export type PageItemsKey<T> = { [K in NamedKeys<T>]: T[K] extends readonly unknown[] ? K : never }[NamedKeys<T>] & string;

/** The item type of a list answer's `K` field. */
export type PageItem<T, K extends keyof T> = T[K] extends readonly (infer Item)[] ? Item : never;

/**
 * A row of a cursor-paginated list: params that take a `cursor`, an answer with `next_cursor`, and
 * `pageItems`, the answer's field that holds the page's items (e.g. `'subscriptions'`).
 */
export interface ListEndpointSpec<P extends { cursor?: string | null }, T extends CursorPage, K extends PageItemsKey<T>>
  extends EndpointSpec<P, T, T> {
  pageItems: K;
}

export interface HttpCoreDeps {
  config: ResolvedConfig;
  authorization: string;
  /** What must never reach an error: see `credentialForms`. */
  secrets: readonly string[];
  userAgent: string;
  dispatcher: () => Dispatcher;
  limiter: Limiter;
  logger: Logger;
  now?: () => number;
}

/** Throws the KnotValidationError naming each development-only param given (see core/development-only.ts). */
function refuseDevelopmentOnly(operation: string, params: object, fields: readonly string[]): void {
  const issues = developmentOnlyIssues(params, fields);
  if (issues.length > 0) throw new KnotValidationError(`Invalid params for ${operation}: ${describeIssues(issues)}. Nothing was sent.`, issues);
}

/** What a failed attempt means to the retry policy. */
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

/** It never throws synchronously: every failure rejects the returned promise. */
export class HttpCore {
  readonly #deps: HttpCoreDeps;
  readonly #refreshMemory: RateLimitMemory;
  readonly #now: () => number;

  constructor(deps: HttpCoreDeps) {
    this.#deps = deps;
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

  /**
   * A list endpoint: the first page is requested now, later pages as the caller iterates the
   * returned {@link KnotPagePromise} (core/page-promise.ts). Params are validated once, before the
   * first request, and reused for every page with the page's cursor.
   */
  list<P extends { cursor?: string | null }, T extends CursorPage, K extends PageItemsKey<T>>(
    spec: ListEndpointSpec<P, T, K>,
    params: unknown,
    options?: RequestOptions,
  ): KnotPagePromise<PageItem<T, K>, T> {
    let parsed: P | undefined;
    // Read lazily: options that are not an object reject the first request, they must not throw here.
    const signal = () => (options as RequestOptions | undefined)?.signal;
    const first = (async () => {
      // As in #execute: the caller's signal ends the wait for the schemas (zod loads with the first request).
      const schemas = await abortable(loadSchemas(), signal(), 'while the SDK loaded its schemas');
      parsed = parseParams(spec.paramsSchema(schemas), params, spec.operation);
      return this.#execute(spec, parsed, options, true);
    })();
    return new KnotPagePromise<PageItem<T, K>, T>({
      first,
      startCursor: () => parsed?.cursor ?? null,
      fetch: async (cursor) => (await this.#execute(spec, { ...(parsed as P), cursor }, options, true)).data,
      items: (page) => page[spec.pageItems] as readonly PageItem<T, K>[],
      signal,
      operation: spec.operation,
      method: spec.method,
      path: spec.path,
      warn: (message) => this.#deps.logger.warn(message),
    });
  }

  /** The client's logger (levels applied, secrets redacted), for what resources log themselves. */
  get logger(): Logger {
    return this.#deps.logger;
  }

  async #execute<P, T, R>(spec: EndpointSpec<P, T, R>, rawParams: unknown, options: RequestOptions = {}, prevalidated: boolean): Promise<WithResponse<R>> {
    const { config, secrets } = this.#deps;
    checkRequestOptions(options);
    // The first request waits for zod to load; the caller's signal still ends that wait at once.
    const schemas = await abortable(loadSchemas(), options.signal, 'while the SDK loaded its schemas');
    const params = prevalidated ? (rawParams as P) : parseParams(spec.paramsSchema(schemas), rawParams, spec.operation);
    if (spec.developmentOnly && config.isProduction) {
      throw new KnotConfigError(
        `${spec.operation} is a development-only endpoint and the client points at Knot's production host (${config.baseUrl}). Use environment: 'development'.`,
      );
    }
    if (config.isProduction && spec.developmentOnlyParams) refuseDevelopmentOnly(spec.operation, params as object, spec.developmentOnlyParams);
    const filled = fillPath(spec.path, params);
    const where = { method: spec.method, path: filled.path };
    const limitKey = spec.rateLimitKey?.(params);
    if (limitKey !== undefined) {
      const remaining = this.#refreshMemory.remainingMs(limitKey);
      if (remaining > 0) throw rememberedRateLimit(spec.operation, where, remaining, this.#now());
    }

    let res: TransportResponse;
    for (let again = false; ; again = true) {
      const payload = spec.prepare
        ? await spec.prepare.build(filled.rest as P, { core: this, signal: options.signal, again })
        : spec.payload
          ? spec.payload(filled.rest as P)
          : filled.rest;
      try {
        res = await this.#send(where, payload, limitKey === undefined, options);
        break;
      } catch (error) {
        if (!again && spec.prepare?.rebuildAfter?.(error)) {
          this.#deps.logger.info(`${spec.method} ${filled.path}: building the request body again and resending once`, {
            error: error instanceof Error ? error.message : String(error),
          });
          continue;
        }
        if (error instanceof KnotRateLimitError && limitKey !== undefined && error.retryAt) {
          this.#refreshMemory.remember(limitKey, error.retryAt.getTime());
        }
        throw error;
      }
    }

    const text = res.body.toString('utf8');
    const decoded = decodeJson(text);
    if (!decoded.ok) throw notJsonError(text, res, where, secrets);
    const parsed = parseResponse(spec.response(schemas), decoded.value, { ...where, status: res.status }) as T;
    const data = spec.result ? spec.result(parsed, params) : (parsed as unknown as R);
    return { data, response: { status: res.status, headers: res.headers } };
  }

  /** Attempts until a 2xx answer or the retry policy gives up; each attempt waits for the limiter. */
  #send(
    where: { method: 'GET' | 'POST'; path: string },
    payload: Record<string, unknown> | undefined,
    retryRateLimited: boolean,
    options: RequestOptions,
  ): Promise<TransportResponse> {
    const { config, logger, limiter } = this.#deps;
    const body = where.method === 'GET' ? undefined : JSON.stringify(payload ?? {});
    const request = {
      ...where,
      origin: config.baseUrl,
      path: where.method === 'GET' ? where.path + queryString(payload) : where.path,
      headers: this.#headers(body !== undefined, options.headers),
      body,
      timeoutMs: options.timeoutMs ?? config.timeoutMs,
      signal: options.signal,
      maxBodyBytes: MAX_RESPONSE_BYTES,
    };
    const policy: RetryPolicy = {
      maxRetries: options.maxRetries ?? config.maxRetries,
      maxRetryAfterMs: config.maxRetryAfterMs,
      initialDelayMs: config.initialDelayMs,
      maxDelayMs: config.maxDelayMs,
      retryRateLimited,
    };
    const started = this.#now();
    const label = `${where.method} ${where.path}`;
    return withRetries(
      async (attempt) => {
        const answer = await limiter.schedule(() => sendOnce(this.#deps.dispatcher, request), options.signal);
        logger.debug(`${label} → ${answer.status} (attempt ${attempt}, ${this.#now() - started} ms)`);
        if (answer.status >= 200 && answer.status < 300) return answer;
        throw apiError(answer, where, this.#deps.secrets, this.#now());
      },
      {
        policy,
        classify,
        signal: options.signal,
        onRetry: (decision, error, attempt) =>
          logger.info(`retrying ${label} in ${decision.delayMs} ms after attempt ${attempt}: ${decision.reason}`, {
            error: error instanceof Error ? error.message : String(error),
          }),
      },
    );
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
}
