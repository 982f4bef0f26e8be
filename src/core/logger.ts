import { LOG_REDACTION, redactDeep } from '../internal/redact.js';

/** Levelled logging with secrets scrubbed from every line. */

/** The least severe level the client logs; `'off'` silences it. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/**
 * Where the client logs: `console`, pino, winston and most loggers fit as they are. Every line is
 * prefixed with `[knotapi-node]` and has the secret and any `Authorization` value redacted.
 *
 * @example
 * ```ts
 * const knot = new KnotClient({ logger: console, logLevel: 'info' }); // or pino(), winston.createLogger(), ...
 * ```
 */
export interface Logger {
  /** Each response: status, attempt number, duration. */
  debug(...args: unknown[]): void;
  /** Each retry: delay and reason. */
  info(...args: unknown[]): void;
  /** Webhooks the handler refused. */
  warn(...args: unknown[]): void;
  /** Webhook handlers that threw (the sender already had its 200). */
  error(...args: unknown[]): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, off: 100 };

export const LOG_LEVELS = Object.keys(RANK) as LogLevel[];

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.hasOwn(RANK, value);
}

/**
 * Wraps the user's logger: drops lines below `level`, prefixes `[knotapi-node]`, and scrubs the
 * secret, the Basic credentials and any Authorization value from every argument.
 */
export function createLogger(target: Logger, level: LogLevel, secrets: readonly string[]): Logger {
  const emit = (method: keyof Logger) => {
    if (RANK[method] < RANK[level]) return () => {};
    return (...args: unknown[]) => target[method]('[knotapi-node]', ...args.map((a) => redactDeep(a, secrets, LOG_REDACTION)));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
