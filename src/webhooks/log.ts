/**
 * How the webhook path logs. Refusals are caused by whoever sent the request, so what they logged is
 * escaped (no forged lines), every line starts with `[knotapi-node]`, and a logger that throws never
 * breaks a response.
 */

import { escapeForLog } from '../core/log-escape.js';

/**
 * The part of a logger the webhook code uses: `console`, pino, winston and most loggers fit. Every
 * line it receives starts with `[knotapi-node]`; text that came from the request is escaped, so a
 * request cannot forge log lines. A logger that throws is ignored, never breaks a response.
 *
 * @example
 * ```ts
 * const webhooks = new Webhooks({
 *   secret: process.env.KNOT_SECRET!,
 *   logger: { warn: (...args) => console.warn('knot webhook refused:', ...args), error: (...args) => console.error(...args) },
 * });
 * ```
 */
export interface WebhookLogger {
  /** A request was refused (bad signature, bad payload, body too large...): the reason and the status sent. */
  warn(...args: unknown[]): void;
  /** An event handler (or `onError`) threw, or the handler itself failed unexpectedly. */
  error(...args: unknown[]): void;
}

const PREFIX = '[knotapi-node]';

/** Loggers that add the prefix themselves (the client's own, from core/logger.ts). */
const prefixing = new WeakSet<object>();

/** Marks `logger` as one that already starts each line with the prefix, so it is not added twice. */
export function prefixesItself<T extends object>(logger: T): T {
  prefixing.add(logger);
  return logger;
}

/** What the webhook code writes through: never throws, always prefixed. */
export interface SafeLog {
  /** A refused request: `untrusted` (request-derived text) is escaped before it is written. */
  refused(status: number, code: string, untrusted: string): void;
  /** A failure in user code or in the SDK itself. */
  error(...args: unknown[]): void;
}

export function safeLog(logger: WebhookLogger | undefined): SafeLog {
  const target: WebhookLogger = logger ?? console;
  const prefix = logger !== undefined && prefixing.has(logger) ? [] : [PREFIX];
  const write = (level: 'warn' | 'error', args: unknown[]) => {
    try {
      target[level](...prefix, 'webhook', ...args);
    } catch {
      // A broken logger must not break the response or the process.
    }
  };
  return {
    refused: (status, code, untrusted) => write('warn', [`refused (${status} ${code}): ${escapeForLog(untrusted)}`]),
    error: (...args) => write('error', args),
  };
}
