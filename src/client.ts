import { inspect } from 'node:util';
import type { Agent, Dispatcher } from 'undici';
import { type KnotClientOptions, resolveConfig, type ResolvedConfig } from './core/config.js';
import { HttpCore } from './internal/http.js';
import { createLogger } from './core/logger.js';
import { createLimiter } from './internal/create-limiter.js';
import { basicCredentials, credentialForms } from './internal/redact.js';
import { undici } from './internal/undici.js';
import { Accounts } from './resources/accounts.js';
import { Detect } from './resources/detect.js';
import { DetectedAccounts } from './resources/detected-accounts.js';
import { Cards } from './resources/cards.js';
import { Development } from './resources/development.js';
import { Merchants } from './resources/merchants.js';
import { bindMethods } from './resources/resource.js';
import { Sessions } from './resources/sessions.js';
import { Subscriptions } from './resources/subscriptions.js';
import { Shopping } from './resources/shopping.js';
import { Transactions } from './resources/transactions.js';
import { Users } from './resources/users.js';
import { VERSION } from './version.js';
import { prefixesItself } from './webhooks/log.js';
import { Webhooks } from './webhooks/webhooks.js';

/**
 * The Knot API client. Create one per process and share it: it holds the keep-alive connection
 * pool and the limiter. Every method validates its params before sending, retries what is safe to
 * retry (connection failures, timeouts, 408, 5xx, short 429s) and rejects with a typed
 * {@link KnotError}.
 *
 * @example
 * ```ts
 * import { KnotClient } from 'knotapi-node';
 *
 * const knot = new KnotClient({ clientId: process.env.KNOT_CLIENT_ID, secret: process.env.KNOT_SECRET, environment: 'development' });
 * const merchants = await knot.merchants.list({ type: 'transaction_link', platform: 'web' });
 * ```
 */
export class KnotClient {
  /** Sessions for the client-side Knot SDK. */
  readonly sessions: Sessions;
  /** The merchants users can link. */
  readonly merchants: Merchants;
  /** The merchant accounts a user has linked: list, get, unlink. */
  readonly accounts: Accounts;
  /** Transactions: sync (all pages, with checkpoints), one page, one by id, refresh. */
  readonly transactions: Transactions;
  /** The users Knot holds data for: delete one and all its data. */
  readonly users: Users;
  /** Subscription Manager: list a user's subscriptions and bills, get one, cancel one. */
  readonly subscriptions: Subscriptions;
  /** Detect: start finding the merchant accounts a user has online. */
  readonly detect: Detect;
  /** What Detect found for a user: list the accounts, or search by company name. */
  readonly detectedAccounts: DetectedAccounts;
  /** Shopping: sync the user's cart at a merchant, and check out. */
  readonly shopping: Shopping;
  /** Card Switcher: send a user's card to a merchant, encrypted (`switch`), and the key it is encrypted to (`jweKey`). */
  readonly cards: Cards;
  /** Test endpoints of the development environment (refused against production). */
  readonly development: Development;
  /** Verify and parse webhooks with this client's secret; `handler()` for node:http and Express, `fetchHandler()` for Fetch runtimes. */
  readonly webhooks: Webhooks;

  readonly #config: ResolvedConfig;
  #ownAgent: Agent | undefined;

  /**
   * Reads and checks the options (and the `KNOT_*` environment variables for those not given). It
   * opens no connection: the first request does.
   *
   * @example
   * ```ts
   * // KNOT_CLIENT_ID, KNOT_SECRET and KNOT_ENVIRONMENT from the environment
   * const knot = new KnotClient();
   * // or explicitly
   * const prod = new KnotClient({ clientId: 'id', secret: 'secret', environment: 'production', maxRetries: 4 });
   * ```
   *
   * @throws {@link KnotConfigError} when credentials are missing or an option is invalid (the message
   *   names the option and its environment variable).
   */
  constructor(options: KnotClientOptions = {}) {
    const config = resolveConfig(options);
    this.#config = config;
    const secrets = credentialForms(config.clientId, config.secret);
    const logger = createLogger(options.logger ?? console, config.logLevel, secrets);
    const injected = options.dispatcher;
    const userAgent = [`knotapi-node/${VERSION}`, `node/${process.version}`, config.userAgentSuffix].filter(Boolean).join(' ');
    const core = new HttpCore({
      config,
      authorization: `Basic ${basicCredentials(config.clientId, config.secret)}`,
      secrets,
      userAgent,
      dispatcher: () => injected ?? this.#agent(),
      limiter: createLimiter(options.limiter, config.timeoutMs),
      logger,
    });
    this.sessions = new Sessions(core);
    this.merchants = new Merchants(core);
    this.accounts = new Accounts(core);
    this.transactions = new Transactions(core);
    this.users = new Users(core);
    this.subscriptions = new Subscriptions(core);
    this.detect = new Detect(core);
    this.detectedAccounts = new DetectedAccounts(core);
    this.shopping = new Shopping(core);
    this.cards = new Cards(core);
    this.development = new Development(core);
    this.webhooks = new Webhooks({ secret: config.secret, logger: prefixesItself(logger) });
    // Resources bind their methods themselves; the webhooks namespace is not a Resource.
    bindMethods(this.webhooks);
  }

  /** The base URL requests go to, e.g. `https://development.knotapi.com`. */
  get baseUrl(): string {
    return this.#config.baseUrl;
  }

  /**
   * Closes the client's own connection pool at shutdown: requests in flight finish, then its
   * keep-alive sockets close. An injected `dispatcher` is left to its owner. A later request opens a
   * new pool.
   *
   * @example
   * ```ts
   * process.once('SIGTERM', async () => {
   *   await knot.close();
   *   process.exit(0);
   * });
   * ```
   */
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

  /** What `JSON.stringify` shows: the base URL, client id and API version, never the secret. */
  toJSON(): Record<string, unknown> {
    return { baseUrl: this.#config.baseUrl, clientId: this.#config.clientId, knotVersion: this.#config.knotVersion };
  }

  /**
   * What `util.inspect` and `console.log` show: the same fields as `toJSON()`.
   *
   * @internal
   */
  [inspect.custom](): string {
    return `KnotClient ${inspect(this.toJSON())}`;
  }
}
