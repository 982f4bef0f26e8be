// Client options → a complete, checked config. Longer than a screen on purpose: the option table
// (with the TSDoc users read) and the one function that checks every option sit side by side, so a
// default, its documentation and its check cannot drift apart.
import type { Dispatcher } from 'undici';
import { hasLineBreak, isHeaderValue } from '../internal/header-text.js';
import { KnotConfigError } from './errors.js';
import { isLogLevel, LOG_LEVELS, type Logger, type LogLevel } from './logger.js';
import type { LimiterSetting } from './limiter.js';
import { MAX_TIMER_MS } from './request-options.js';

/** Which Knot host the client calls. Development and production keys differ. */
export type KnotEnvironment = 'development' | 'production';

export const ENVIRONMENT_URLS: Record<KnotEnvironment, string> = {
  development: 'https://development.knotapi.com',
  production: 'https://production.knotapi.com',
};

/**
 * Options of `new KnotClient(options)`. Every one has a default; credentials default to the
 * `KNOT_CLIENT_ID` and `KNOT_SECRET` environment variables. An invalid option makes the constructor
 * throw a `KnotConfigError`.
 *
 * @example
 * ```ts
 * const knot = new KnotClient({
 *   clientId: process.env.KNOT_CLIENT_ID,
 *   secret: process.env.KNOT_SECRET,
 *   environment: 'production',
 *   timeoutMs: 30_000,
 *   limiter: { maxConcurrent: 5, minTime: 50 },
 *   logger: console, // or pino(), winston.createLogger(), ...
 * });
 * ```
 */
export interface KnotClientOptions {
  /** Basic-auth user. Default: env `KNOT_CLIENT_ID`. */
  clientId?: string;
  /** Basic-auth password and webhook signing key. Default: env `KNOT_SECRET`. */
  secret?: string;
  /** Default: env `KNOT_ENVIRONMENT`, else `'development'`. */
  environment?: KnotEnvironment;
  /**
   * Overrides `environment`. `https:` only, except `http:` to a loopback host. Default: env
   * `KNOT_BASE_URL` (only when neither `baseUrl` nor `environment` is passed), else from `environment`.
   */
  baseUrl?: string;
  /** Sent as `Knot-Version`. Default `'2.0'`. */
  knotVersion?: string;
  /** Per attempt: connect, headers and body. Default 60 000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** The longest `Retry-After` the client sleeps through by itself. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Backoff between retries: first delay and cap. Default `{ initialDelayMs: 500, maxDelayMs: 8000 }`. */
  retryBackoff?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Client-side throttling: bottleneck options, or a `Bottleneck` instance. Default `{ maxConcurrent: 10 }`. */
  limiter?: LimiterSetting;
  /** Transport injection (proxy, MockAgent, the testing kit). Default: a keep-alive undici `Agent`. */
  dispatcher?: Dispatcher;
  /** Where the client logs (retries at `info`, each response at `debug`); secrets are redacted. Default `console`. */
  logger?: Logger;
  /** The least severe level passed on to `logger`. Default: env `KNOT_LOG`, else `'warn'`. */
  logLevel?: LogLevel;
  /** Appended to `knotapi-node/<version> node/<version>`. */
  userAgent?: string;
}

export interface ResolvedConfig {
  clientId: string;
  secret: string;
  baseUrl: string;
  /** True when the base URL is Knot's production host: the development endpoints are refused. */
  isProduction: boolean;
  knotVersion: string;
  timeoutMs: number;
  maxRetries: number;
  maxRetryAfterMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
  logLevel: LogLevel;
  userAgentSuffix: string | undefined;
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  if (LOOPBACK_HOSTS.has(hostname.toLowerCase())) return true;
  return /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * A host as DNS sees it: lower case, without the trailing dot of a fully qualified name.
 * `PRODUCTION.knotapi.com.` and `production.knotapi.com` are the same server.
 */
export function normalizeHost(hostname: string): string {
  return hostname.toLowerCase().replace(/\.+$/, '');
}

/**
 * Knot's production hosts: the API host, and the one every request goes to once mTLS is enabled for
 * a client (knot-api.md §11.1, §11.9). Both move real money and real cards.
 */
const PRODUCTION_HOSTS: readonly string[] = [new URL(ENVIRONMENT_URLS.production).hostname, 'mtls.production.knotapi.com'];

/** True when `url` points at one of Knot's production hosts, however the host is spelled (any port). */
export function isProductionUrl(url: URL): boolean {
  return PRODUCTION_HOSTS.includes(normalizeHost(url.hostname));
}

function fail(option: string, env: string | null, problem: string): never {
  const source = env ? `\`${option}\` option (or the ${env} environment variable)` : `\`${option}\` option`;
  throw new KnotConfigError(`Invalid ${source}: ${problem}`);
}

function nonNegativeInteger(value: unknown, option: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(option, null, 'must be a non-negative integer.');
  if (value > max) fail(option, null, `must be at most ${max}.`);
  return value;
}

function positiveNumber(value: unknown, option: string, fallback: number, max = MAX_TIMER_MS): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(option, null, 'must be a positive number.');
  if (value > max) fail(option, null, `must be at most ${max} (the longest Node timer).`);
  return value;
}

function checkLogger(logger: unknown): void {
  if (logger === undefined) return;
  const methods = ['debug', 'info', 'warn', 'error'] as const;
  if (typeof logger !== 'object' || logger === null || methods.some((m) => typeof (logger as Record<string, unknown>)[m] !== 'function')) {
    fail('logger', null, 'must have debug, info, warn and error methods (console, pino and winston loggers do).');
  }
}

export function resolveBaseUrl(options: KnotClientOptions, env: NodeJS.ProcessEnv): { baseUrl: string; isProduction: boolean } {
  // An explicit option beats any environment variable: `environment: 'production'` in code must
  // not be redirected by a KNOT_BASE_URL left over in the shell.
  const fromEnv = options.baseUrl === undefined && options.environment === undefined && Boolean(env.KNOT_BASE_URL);
  const rawBaseUrl = options.baseUrl ?? (fromEnv ? env.KNOT_BASE_URL : undefined);
  if (rawBaseUrl !== undefined) {
    const source = fromEnv ? 'KNOT_BASE_URL' : null;
    let url: URL;
    try {
      url = new URL(rawBaseUrl);
    } catch {
      fail('baseUrl', source, 'must be an absolute URL such as https://development.knotapi.com.');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      fail('baseUrl', source, 'must use https: (http: is allowed only for loopback hosts: 127.0.0.0/8, localhost, ::1).');
    }
    if (url.username || url.password) fail('baseUrl', source, 'must not contain credentials; use clientId and secret.');
    if (url.search || url.hash) fail('baseUrl', source, 'must not contain a query or fragment.');
    const baseUrl = url.toString().replace(/\/+$/, '');
    return { baseUrl, isProduction: isProductionUrl(url) };
  }
  // An empty variable (`KNOT_LOG=` in a .env file) means unset, as for KNOT_BASE_URL.
  const environment = options.environment ?? (env.KNOT_ENVIRONMENT || 'development');
  if (environment !== 'development' && environment !== 'production') {
    fail('environment', 'KNOT_ENVIRONMENT', `expected 'development' or 'production', got ${JSON.stringify(environment)}.`);
  }
  return { baseUrl: ENVIRONMENT_URLS[environment], isProduction: environment === 'production' };
}

/** Reads options and environment variables into a complete config, or throws {@link KnotConfigError}. */
export function resolveConfig(options: KnotClientOptions, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  if (options === null || typeof options !== 'object') throw new KnotConfigError('KnotClient options must be an object.');
  const clientId = options.clientId ?? env.KNOT_CLIENT_ID;
  const secret = options.secret ?? env.KNOT_SECRET;
  if (typeof clientId !== 'string' || clientId === '') {
    fail('clientId', 'KNOT_CLIENT_ID', 'missing. Pass your Knot client id, from https://dashboard.knotapi.com/developers/keys.');
  }
  if (typeof secret !== 'string' || secret === '') {
    fail('secret', 'KNOT_SECRET', 'missing. Pass your Knot secret, from https://dashboard.knotapi.com/developers/keys.');
  }
  // The pair goes into a Basic header: ':' in the id or a line break anywhere would corrupt it.
  if (clientId.includes(':') || hasLineBreak(clientId)) fail('clientId', 'KNOT_CLIENT_ID', 'must not contain ":" or line breaks.');
  if (hasLineBreak(secret)) fail('secret', 'KNOT_SECRET', 'must not contain line breaks.');
  if (!isHeaderValue(clientId)) fail('clientId', 'KNOT_CLIENT_ID', 'must contain only printable characters.');

  const logLevel = options.logLevel ?? (env.KNOT_LOG || 'warn');
  if (!isLogLevel(logLevel)) fail('logLevel', 'KNOT_LOG', `expected one of ${LOG_LEVELS.join(', ')}.`);

  const knotVersion = options.knotVersion ?? '2.0';
  if (typeof knotVersion !== 'string' || knotVersion === '' || !isHeaderValue(knotVersion)) {
    fail('knotVersion', null, 'must be a version string such as "2.0".');
  }
  checkLogger(options.logger);
  if (options.dispatcher !== undefined && typeof (options.dispatcher as { dispatch?: unknown } | null)?.dispatch !== 'function') {
    fail('dispatcher', null, 'must be an undici Dispatcher (Agent, Pool, ProxyAgent, MockAgent, ...).');
  }
  if (options.userAgent !== undefined && (typeof options.userAgent !== 'string' || !isHeaderValue(options.userAgent))) {
    fail('userAgent', null, 'must be a string without line breaks or characters outside Latin-1.');
  }

  return {
    clientId,
    secret,
    ...resolveBaseUrl(options, env),
    knotVersion,
    timeoutMs: positiveNumber(options.timeoutMs, 'timeoutMs', 60_000),
    maxRetries: nonNegativeInteger(options.maxRetries, 'maxRetries', 2),
    maxRetryAfterMs: nonNegativeInteger(options.maxRetryAfterMs, 'maxRetryAfterMs', 60_000, MAX_TIMER_MS),
    initialDelayMs: nonNegativeInteger(options.retryBackoff?.initialDelayMs, 'retryBackoff.initialDelayMs', 500, MAX_TIMER_MS),
    maxDelayMs: nonNegativeInteger(options.retryBackoff?.maxDelayMs, 'retryBackoff.maxDelayMs', 8_000, MAX_TIMER_MS),
    logLevel,
    userAgentSuffix: options.userAgent,
  };
}
