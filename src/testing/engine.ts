/**
 * What the fake Knot does, independent of HTTP: one method per endpoint (taking the raw fields
 * of the request, validating them like Knot) plus the helpers that act like Knot. The HTTP layer
 * (handlers.ts) and `mock.linkAccount` & co. call the same methods, so both have the same effects.
 */
import type { Transaction } from '../schemas/transaction.js';
import { type CatalogueMerchant, findMerchant, MERCHANTS } from './catalogue.js';
import { encodeCursor } from './cursor.js';
import { knotErrors } from './errors.js';
import { pageStart, requestCursor } from './list-page.js';
import { CardFlow } from './flows/cards.js';
import { DetectFlow, type DetectWebhookVariant } from './flows/detect.js';
import { SubscriptionFlow } from './flows/subscriptions.js';
import { isoDatetime } from './generate.js';
import { ShoppingFlow } from './flows/shopping.js';
import { createRng, hash32, type Rng, uuidFrom } from './prng.js';
import { type AccountState, MockState } from './state.js';
import {
  type Fields,
  oneOf,
  optionalBoolean,
  optionalMerchantId,
  optionalString,
  requiredMerchantId,
  requiredString,
  syncLimit,
} from './validate.js';
import type { WebhookSender } from './webhook-sender.js';

const SESSION_TYPES = ['card_switcher', 'transaction_link', 'link', 'vault'] as const;
const MERCHANT_LIST_TYPES = ['card_switcher', 'transaction_link', 'shopping', 'vault', 'subscription_manager'] as const;
const ACCOUNT_TYPES = ['card_switcher', 'transaction_link', 'vault'] as const;
const PLATFORMS = ['ios', 'android', 'web'] as const;
const SESSION_MS = 30 * 60_000;
const REFRESH_INTERVAL_MS = 3_600_000;
const E164 = /^\+[1-9]\d{1,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface EngineOptions {
  seed: number;
  now: () => number;
  transactionsPerLink: number;
  updatedPerLink: number;
  transactionsPerRefresh: number;
  updatedPerRefresh: number;
  webhooks: WebhookSender;
  detect: { delayMs: number; variant: DetectWebhookVariant };
}

/** A product Knot enables per customer, for `mock.setProductAccess`. */
export type MockProduct = 'card_switcher' | 'subscription_manager' | 'detect' | 'shopping';

/** Every product the fake gates: one switched off with `mock.setProductAccess` answers 403 `NO_ACCESS`. */
export const MOCK_PRODUCTS: readonly MockProduct[] = ['card_switcher', 'subscription_manager', 'detect', 'shopping'];

export class KnotEngine {
  readonly state: MockState;
  refreshAccess = true;
  /** Products switched off for this client (see MOCK_PRODUCTS). */
  readonly productsOff = new Set<MockProduct>();
  ongoingOperation = false;
  readonly detect: DetectFlow;
  readonly subscriptions: SubscriptionFlow;
  /** `POST /cart` and `/cart/checkout` (flows/shopping.ts). */
  readonly shopping: ShoppingFlow;
  /** Card Switcher: `GET /jwe/key`, `POST /card` (flows/cards.ts). */
  readonly cards: CardFlow;
  private readonly rng: Rng;

  constructor(private readonly options: EngineOptions) {
    this.state = new MockState(options.seed);
    this.rng = createRng(hash32(options.seed, 'engine'));
    const { seed, now, webhooks } = options;
    this.subscriptions = new SubscriptionFlow({
      seed,
      now,
      webhooks,
      requireAccess: () => this.requireProduct('subscription_manager'),
      enabled: () => !this.productsOff.has('subscription_manager'),
    });
    this.detect = new DetectFlow({
      ...options.detect,
      seed,
      now,
      webhooks,
      requireAccess: () => this.requireProduct('detect'),
      ensureUser: (id) => this.state.ensureUser(id),
    });
    this.shopping = new ShoppingFlow(
      {
        state: this.state,
        now: () => this.now(),
        requireProduct: (product) => this.requireProduct(product),
        account: (fields) => this.account(fields),
        send: (payload) => this.send(payload),
        // The key pair `GET /jwe/key` serves: checkout pays with a JWE made exactly like a card switch's.
        openCardJwe: (jwe) => this.cards.openJwe(jwe),
      },
      seed,
    );
    this.cards = new CardFlow({
      ...options,
      requireProduct: (...p) => this.requireProduct(...p),
      subscriptionsAt: (userId, merchantId) => this.subscriptions.idsAt(userId, merchantId),
      account: (f) => this.account(f),
    });
  }

  now(): number {
    return this.options.now();
  }

  /**
   * Route handlers of a gated product call this first, like Knot's per-customer access check. A
   * route several products share (`GET /jwe/key`: Card Switcher and Shopping's checkout) names them
   * all and is open while any of them is on.
   */
  requireProduct(...products: [MockProduct, ...MockProduct[]]): void {
    if (products.every((product) => this.productsOff.has(product))) throw knotErrors.noAccess();
  }

  // ------------------------------------------------------------------ sessions

  createSession(body: Fields): { session: string } {
    if (body.type === undefined || body.type === null || body.type === '') throw knotErrors.invalidField('The type field is required.');
    if (typeof body.type !== 'string' || !(SESSION_TYPES as readonly string[]).includes(body.type)) throw knotErrors.productNotValid();
    const externalUserId = requiredString(body, 'external_user_id', 'external user id field');
    if (body.type === 'card_switcher' && (body.card_id === undefined || body.card_id === null || body.card_id === '')) {
      throw knotErrors.invalidField('The card_id field is required when type = card_switcher.');
    }
    if (body.phone_number !== undefined && (typeof body.phone_number !== 'string' || !E164.test(body.phone_number))) {
      throw knotErrors.invalidField('The phone number format is invalid.');
    }
    if (body.email !== undefined && (typeof body.email !== 'string' || !EMAIL.test(body.email))) {
      throw knotErrors.invalidField('The email must be a valid email address.');
    }
    if (body.processor_token !== undefined && body.processor_token !== null && typeof body.processor_token !== 'string') {
      throw knotErrors.invalidField('The processor token must be a string.');
    }
    if (body.card !== undefined) {
      const card = body.card;
      if (typeof card !== 'object' || card === null) throw knotErrors.invalidField('The card field must be an object.');
      optionalBoolean(card as Fields, 'blocked', 'card.blocked');
      optionalBoolean(card as Fields, 'has_funds', 'card.has_funds');
    }
    this.state.ensureUser(externalUserId);
    const id = uuidFrom(this.rng);
    this.state.sessions.set(id, { id, type: body.type, externalUserId, expiresAt: this.now() + SESSION_MS });
    return { session: id };
  }

  extendSession(body: Fields): { session: string } {
    const id = requiredString(body, 'session_id');
    const session = this.state.sessions.get(id);
    if (!session || session.expiresAt <= this.now()) throw knotErrors.sessionNotFound();
    session.expiresAt = this.now() + SESSION_MS;
    return { session: id };
  }

  // ------------------------------------------------------------------ merchants

  listMerchants(fields: Fields): Record<string, unknown>[] {
    if (fields.type === undefined || fields.type === null || fields.type === '') throw knotErrors.invalidField('The type field is required.');
    const type = oneOf(fields, 'type', MERCHANT_LIST_TYPES)!;
    const platform = oneOf(fields, 'platform', PLATFORMS);
    const search = optionalString(fields, 'search')?.trim().toLowerCase();
    return MERCHANTS.filter((m) => m.types.includes(type) && (!search || m.name.toLowerCase().includes(search))).map((m) => ({
      id: m.id,
      name: m.name,
      category: m.category,
      logo: m.logo,
      ...(platform ? { min_sdk_version: m.minSdkVersion } : {}),
    }));
  }

  // ------------------------------------------------------------------ accounts

  getAccounts(query: Fields): Record<string, unknown> | Record<string, unknown>[] {
    const userId = requiredString(query, 'external_user_id');
    const merchantId = optionalMerchantId(query);
    oneOf(query, 'type', ACCOUNT_TYPES);
    const user = this.state.users.get(userId);
    if (!user) throw knotErrors.userNotFound();
    if (merchantId !== undefined) {
      const account = user.accounts.get(merchantId);
      if (!account) throw knotErrors.accountNotFound();
      return this.accountView(account);
    }
    return [...user.accounts.values()].map((a) => this.accountView(a));
  }

  unlinkAccount(body: Fields): { message: string } {
    this.state.unlink(this.account(body));
    return { message: 'Success' };
  }

  /** Forgets the user: every linked account (and so its transactions) and the user itself. */
  deleteUser(body: Fields): { message: string } {
    const userId = requiredString(body, 'external_user_id', 'external user id field');
    const user = this.state.users.get(userId);
    if (!user) throw knotErrors.userNotFound();
    for (const account of [...user.accounts.values()]) this.state.unlink(account);
    this.state.users.delete(userId);
    this.detect.forget(userId);
    this.subscriptions.forget(userId);
    return { message: 'Success' };
  }

  private accountView(account: AccountState): Record<string, unknown> {
    const connected = account.status === 'connected';
    return {
      merchant: { id: account.merchant.id, name: account.merchant.name, logo: account.merchant.logo },
      connection: { status: account.status, scopes: connected ? [{ type: 'update_card' }] : [] },
      lifecycle: { status: null },
      last_user_action: { attempted_at: isoDatetime(account.linkedAt), status: null },
    };
  }

  /** The account a request names; USER_NOT_FOUND / MERCHANT_ACCOUNT_NOT_FOUND otherwise. */
  account(fields: Fields): AccountState {
    const userId = requiredString(fields, 'external_user_id');
    const merchantId = requiredMerchantId(fields);
    const user = this.state.users.get(userId);
    if (!user) throw knotErrors.userNotFound();
    const account = user.accounts.get(merchantId);
    if (!account) throw knotErrors.accountNotFound();
    return account;
  }

  // ------------------------------------------------------------------ transactions

  /**
   * One page from the cursor's position. A page with transactions points `next_cursor` just after
   * its last one; an empty page answers `next_cursor: null` (nothing more right now), and the
   * cursor sent for it is where a later sync resumes to get only what was added since.
   */
  sync(body: Fields): { merchant: { id: number; name: string }; transactions: Transaction[]; next_cursor: string | null; limit: number } {
    const limit = syncLimit(body);
    const cursor = requestCursor(body);
    const account = this.account(body);
    if (account.status === 'disconnected') throw knotErrors.accountDisconnected();
    const start = pageStart(cursor, account.tag, account.count);
    const end = Math.min(start + limit, account.count);
    const transactions: Transaction[] = [];
    for (let i = start; i < end; i++) transactions.push(this.state.transactionAt(account, i));
    return {
      merchant: { id: account.merchant.id, name: account.merchant.name },
      transactions,
      next_cursor: transactions.length > 0 ? encodeCursor({ tag: account.tag, sequence: end }) : null,
      limit,
    };
  }

  getTransaction(id: string): Transaction {
    const found = this.state.findTransaction(id);
    if (!found) throw knotErrors.transactionNotFound();
    return this.state.transactionAt(found.account, found.index);
  }

  refresh(body: Fields): { message: string } {
    if (!this.refreshAccess) throw knotErrors.noAccess();
    const account = this.account(body);
    if (account.status === 'disconnected') throw knotErrors.accountDisconnected();
    if (this.ongoingOperation) throw knotErrors.ongoingOperation();
    const now = this.now();
    if (account.lastRefreshAt !== undefined && now - account.lastRefreshAt < REFRESH_INTERVAL_MS) {
      const seconds = Math.max(1, Math.ceil((account.lastRefreshAt + REFRESH_INTERVAL_MS - now) / 1000));
      throw knotErrors.tooManyRequests(seconds);
    }
    account.lastRefreshAt = now;
    this.reextract(account);
    return { message: 'Success' };
  }

  /**
   * What a refresh finds: orders placed since the last extraction and changes to orders already
   * delivered. Knot does this asynchronously after the 202; the fake does it at once (its webhooks
   * still arrive in the background), so a test can sync right after `refresh` resolves.
   */
  private reextract(account: AccountState): void {
    // Choose the updates before adding the new orders, so only transactions a client may already
    // hold are announced as updated.
    const updated = this.state.updateTransactions(account, this.options.updatedPerRefresh);
    const added = this.options.transactionsPerRefresh;
    this.state.addTransactions(account, added, this.now(), false);
    if (added > 0) this.notifyNew(account);
    this.notifyUpdated(account, updated);
  }

  // ------------------------------------------------------------------ development flow

  linkAccount(body: Fields): { message: string } {
    const userId = requiredString(body, 'external_user_id');
    const merchantId = requiredMerchantId(body);
    let wantNew = false;
    let wantUpdated = false;
    if (body.transactions !== undefined && body.transactions !== null) {
      if (typeof body.transactions !== 'object' || Array.isArray(body.transactions)) {
        throw knotErrors.invalidField('The transactions field must be an object.');
      }
      const t = body.transactions as Fields;
      if (t.new === undefined || t.new === null) throw knotErrors.invalidField('The transactions.new field is required.');
      wantNew = optionalBoolean(t, 'new', 'transactions.new') ?? false;
      wantUpdated = optionalBoolean(t, 'updated', 'transactions.updated') ?? false;
      if (wantUpdated && !wantNew) {
        throw knotErrors.invalidField('The transactions.updated field can only be true when transactions.new is true.');
      }
    }
    const cardSwitcher = optionalBoolean(body, 'card_switcher') ?? false;
    const cardId = optionalString(body, 'card_id');
    if (cardSwitcher && body.transactions !== undefined) {
      throw knotErrors.invalidField('The card_switcher field cannot be combined with transactions.');
    }
    if (cardSwitcher && !cardId) throw knotErrors.invalidField('The card_id field is required when card_switcher is true.');
    const merchant = findMerchant(merchantId);
    if (!merchant) throw knotErrors.merchantUnavailable();

    const now = this.now();
    const account = this.state.link(userId, merchant, now);
    const task = { session_id: uuidFrom(this.rng), task_id: this.rng.int(10_000, 99_999) };
    if (cardSwitcher) this.cards.authenticated({ ...task, external_user_id: userId, merchant, card_id: cardId ?? null });
    this.send({
      event: 'AUTHENTICATED',
      ...task,
      external_user_id: userId,
      merchant: { id: merchant.id, name: merchant.name },
      data: { card_id: cardId ?? '', send_card: cardSwitcher, entrypoint: null, metadata: {} },
      timestamp: now,
    });
    if (wantNew) {
      this.state.addTransactions(account, this.options.transactionsPerLink, now, true);
      this.notifyNew(account);
    }
    if (wantUpdated) this.update(account, this.options.updatedPerLink);
    // A card switch is how development finds subscriptions (knot-api.md §11.4.5).
    if (cardSwitcher) this.subscriptions.accountLinked(userId, merchant);
    return { message: 'Success' };
  }

  disconnectAccount(body: Fields): { message: string } {
    const account = this.account(body);
    account.status = 'disconnected';
    this.send({
      event: 'ACCOUNT_LOGIN_REQUIRED',
      external_user_id: account.user,
      merchant: { id: account.merchant.id, name: account.merchant.name, logo: account.merchant.logo },
      timestamp: this.now(),
    });
    return { message: 'Success' };
  }

  // ------------------------------------------------------------------ helpers beyond the API

  addTransactions(ref: Fields, count: number, notify: boolean): void {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
    const account = this.account(ref);
    this.state.addTransactions(account, count, this.now(), false);
    if (notify && count > 0) this.notifyNew(account);
  }

  updateTransactions(ref: Fields, count: number): string[] {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
    return this.update(this.account(ref), count);
  }

  transactionsOf(ref: Fields): Transaction[] {
    const account = this.account(ref);
    return Array.from({ length: account.count }, (_, i) => this.state.transactionAt(account, i));
  }

  private update(account: AccountState, count: number): string[] {
    return this.notifyUpdated(account, this.state.updateTransactions(account, count));
  }

  /** Sends UPDATED_TRANSACTIONS_AVAILABLE for the given indexes (none: nothing sent); returns their ids. */
  private notifyUpdated(account: AccountState, indexes: number[]): string[] {
    const ids = indexes.map((i) => this.state.transactionAt(account, i).id);
    if (ids.length > 0) {
      this.send({
        event: 'UPDATED_TRANSACTIONS_AVAILABLE',
        external_user_id: account.user,
        merchant: merchantRef(account.merchant),
        updated: ids.map((id) => ({ id })),
        timestamp: this.now(),
      });
    }
    return ids;
  }

  private notifyNew(account: AccountState): void {
    this.send({
      event: 'NEW_TRANSACTIONS_AVAILABLE',
      external_user_id: account.user,
      merchant: merchantRef(account.merchant),
      timestamp: this.now(),
    });
  }

  private send(payload: Record<string, unknown>): void {
    this.options.webhooks.send(payload);
  }
}

const merchantRef = (merchant: CatalogueMerchant) => ({ id: merchant.id, name: merchant.name });
