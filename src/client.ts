import { inspect } from 'node:util';
import type { Agent, Dispatcher } from 'undici';
import { type KnotClientOptions, resolveConfig, type ResolvedConfig } from './core/config.js';
import { HttpCore } from './core/http.js';
import { createLimiter } from './core/limiter.js';
import { concurrencyOnly, createSemaphore } from './core/local-limiter.js';
import { createLogger } from './core/logger.js';
import { undici } from './core/undici.js';
import { Accounts } from './resources/accounts.js';
import { Development } from './resources/development.js';
import { Merchants } from './resources/merchants.js';
import { Sessions } from './resources/sessions.js';
import { Transactions } from './resources/transactions.js';
import { VERSION } from './version.js';
import { Webhooks } from './webhooks/webhooks.js';

/**
 * The Knot API client. Create one per process and share it: it holds the keep-alive connection
 * pool and the limiter.
 *
 * @example
 * const knot = new KnotClient({ clientId, secret, environment: 'development' });
 * const merchants = await knot.merchants.list({ type: 'transaction_link', platform: 'web' });
 */
export class KnotClient {
  readonly sessions: Sessions;
  readonly merchants: Merchants;
  readonly accounts: Accounts;
  readonly transactions: Transactions;
  readonly development: Development;
  /** Verify and parse webhooks with this client's secret; `handler()` for node:http and Express. */
  readonly webhooks: Webhooks;

  readonly #config: ResolvedConfig;
  #ownAgent: Agent | undefined;

  /** @throws {KnotConfigError} when credentials are missing or an option is invalid. */
  constructor(options: KnotClientOptions = {}) {
    const config = resolveConfig(options);
    this.#config = config;
    const secrets = [config.secret, Buffer.from(`${config.clientId}:${config.secret}`).toString('base64')];
    const logger = createLogger(options.logger ?? console, config.logLevel, secrets);
    const injected = options.dispatcher;
    const userAgent = [`knotapi-node/${VERSION}`, `node/${process.version}`, config.userAgentSuffix].filter(Boolean).join(' ');
    // A plain concurrency cap (the default) runs in-process; Bottleneck only for what needs it.
    const localCap = concurrencyOnly(options.limiter);
    const core = new HttpCore({
      config,
      authorization: `Basic ${secrets[1]}`,
      userAgent,
      dispatcher: () => injected ?? this.#agent(),
      limiter: localCap !== null ? createSemaphore(localCap) : createLimiter(options.limiter, config.timeoutMs),
      logger,
    });
    this.sessions = new Sessions(core);
    this.merchants = new Merchants(core);
    this.accounts = new Accounts(core);
    this.transactions = new Transactions(core);
    this.development = new Development(core);
    this.webhooks = new Webhooks({ secret: config.secret, logger });
  }

  /** The base URL requests go to. */
  get baseUrl(): string {
    return this.#config.baseUrl;
  }

  /** Closes the client's own connection pool (an injected `dispatcher` is left to its owner). */
  async close(): Promise<void> {
    const agent = this.#ownAgent;
    this.#ownAgent = undefined;
    await agent?.close();
  }

  // Created on first use: a client that never sends a request opens nothing (and does not even load
  // undici: the transport loads it before it asks for the dispatcher).
  #agent(): Dispatcher {
    this.#ownAgent ??= new (undici().Agent)({
      keepAliveTimeout: 10_000,
      headersTimeout: this.#config.timeoutMs,
      bodyTimeout: this.#config.timeoutMs,
      connect: { timeout: this.#config.timeoutMs },
    });
    return this.#ownAgent;
  }

  /** What `JSON.stringify` shows: never the secret. */
  toJSON(): Record<string, unknown> {
    return { baseUrl: this.#config.baseUrl, clientId: this.#config.clientId, knotVersion: this.#config.knotVersion };
  }

  [inspect.custom](): string {
    return `KnotClient ${inspect(this.toJSON())}`;
  }
}
