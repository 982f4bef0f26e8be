/**
 * Subscription Manager in the fake (knot-api.md §11.4). A user's subscriptions appear when one of
 * their merchant accounts is linked through the documented development flow
 * (`/development/accounts/link` with `card_switcher: true` at a merchant that supports
 * `subscription_manager`, §11.4.5) or through `mock.addSubscriptions`; NEW_SUBSCRIPTIONS_AVAILABLE
 * then names them. What is generated is fixed by the seed, the user and the merchant.
 *
 * Cancelling answers 202 and finishes right after, in the background: CANCELLATION_SUCCEEDED and
 * UPDATED_SUBSCRIPTIONS_AVAILABLE (status `ACTIVE_CANCELLATION`, access until the next billing date),
 * or CANCELLATION_FAILED when the subscription is not cancellable or `mock.setCancellationOutcome
 * ('failed')` says so.
 */
import type { CatalogueMerchant } from '../catalogue.js';
import { encodeCursor } from '../cursor.js';
import { knotErrors, MockKnotError } from '../errors.js';
import { pageLimit, pageStart, requestCursor } from '../list-page.js';
import { createRng, hash32, type Rng, uuidFrom } from '../prng.js';
import { type Fields, optionalMerchantId, optionalString, requiredString } from '../validate.js';
import type { WebhookSender } from '../webhook-sender.js';

/** What a cancellation in the fake ends with; see `mock.setCancellationOutcome`. */
export type CancellationOutcome = 'succeeded' | 'failed';

export interface SubscriptionFlowOptions {
  seed: number;
  now: () => number;
  webhooks: WebhookSender;
  /** The product gate (403 NO_ACCESS when Subscription Manager is switched off). */
  requireAccess: () => void;
  /** Whether the product is on: when off, linking creates no subscriptions. */
  enabled: () => boolean;
}

/** [name, description, price in cents, billing cycle, family plan] */
type Plan = readonly [string, string, number, 'MONTHLY' | 'ANNUALLY', boolean];

const PLANS: Record<string, readonly Plan[]> = {
  Netflix: [
    ['Netflix Standard', 'Ad-free streaming in Full HD on two screens', 1549, 'MONTHLY', false],
    ['Netflix Premium', 'Ad-free streaming in Ultra HD on four screens', 2299, 'MONTHLY', true],
    ['Netflix Standard with ads', 'Streaming in Full HD with ads', 699, 'MONTHLY', false],
  ],
  Spotify: [
    ['Spotify Premium Individual', 'Ad-free music listening', 1199, 'MONTHLY', false],
    ['Spotify Premium Family', 'Up to 6 Premium accounts', 1999, 'MONTHLY', true],
    ['Spotify Premium Duo', '2 Premium accounts', 1699, 'MONTHLY', false],
  ],
  Amazon: [
    ['Amazon Prime', 'Free shipping, Prime Video and more', 1499, 'MONTHLY', false],
    ['Amazon Prime Annual', 'Free shipping, Prime Video and more', 13900, 'ANNUALLY', false],
  ],
  Walmart: [['Walmart+', 'Free delivery and member prices', 1295, 'MONTHLY', false]],
  Target: [['Target Circle 360', 'Same-day delivery on orders over $35', 9900, 'ANNUALLY', false]],
  'Best Buy': [['My Best Buy Plus', 'Free 2-day shipping and exclusive prices', 4999, 'ANNUALLY', false]],
};

const STATUSES = [
  ['ACTIVE', 6],
  ['PAUSED', 1],
  ['PENDING', 1],
  ['ACTIVE_CANCELLATION', 1],
] as const;

interface SubscriptionState {
  readonly id: string;
  readonly user: string;
  readonly merchant: CatalogueMerchant;
  readonly externalId: string;
  readonly plan: Plan;
  status: string;
  readonly startMs: number;
  nextBillingMs: number | null;
  readonly lastBillingMs: number | null;
  expirationMs: number | null;
  isCancellable: boolean;
}

interface UserSubscriptions {
  /** Ties cursors to this user's list. */
  readonly tag: number;
  /** In the order created: append-only, so a cursor keeps its place. */
  readonly items: SubscriptionState[];
}

const DAY = 86_400_000;
const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);
// Knot's get-by-id shows full timestamps, its list bare dates (§11.12 #4): the fake does the same,
// so code written against it handles both.
const dateTime = (ms: number) => `${dateOnly(ms)}T00:00:00+00:00`;

/** `months` calendar months after `ms` (UTC), day clamped by Date's overflow rules. */
function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate());
}

export class SubscriptionFlow {
  private readonly users = new Map<string, UserSubscriptions>();
  private readonly byId = new Map<string, SubscriptionState>();
  private outcome: CancellationOutcome = 'succeeded';

  constructor(private readonly options: SubscriptionFlowOptions) {}

  setCancellationOutcome(outcome: CancellationOutcome): void {
    if (outcome !== 'succeeded' && outcome !== 'failed') {
      throw new RangeError(`setCancellationOutcome takes 'succeeded' or 'failed', got ${JSON.stringify(outcome)}`);
    }
    this.outcome = outcome;
  }

  /** A card switch linked the account (§11.4.5): the merchant's subscriptions show up, if it has any. */
  accountLinked(userId: string, merchant: CatalogueMerchant): void {
    if (!this.options.enabled() || !merchant.types.includes('subscription_manager')) return;
    if (this.of(userId).items.some((s) => s.merchant.id === merchant.id)) return;
    const rng = createRng(hash32(this.options.seed, 'subscriptions', userId, merchant.id));
    this.add(userId, merchant, rng.int(1, 3), rng);
  }

  /** The ids of the user's subscriptions at one merchant, for `CARD_UPDATED.data.subscriptions` (§11.4.5). */
  idsAt(userId: string, merchantId: number): string[] {
    return (this.users.get(userId)?.items ?? []).filter((s) => s.merchant.id === merchantId).map((s) => s.id);
  }

  /** `mock.addSubscriptions`: `count` more subscriptions on a linked account; returns their ids. */
  addSubscriptions(userId: string, merchant: CatalogueMerchant, count: number): string[] {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
    const round = this.of(userId).items.length;
    return this.add(userId, merchant, count, createRng(hash32(this.options.seed, 'subscriptions', userId, merchant.id, round)));
  }

  list(body: Fields): { subscriptions: Record<string, unknown>[]; next_cursor: string | null; limit: number } {
    this.options.requireAccess();
    const userId = requiredString(body, 'external_user_id', 'external user id field');
    const limit = pageLimit(body);
    const cursor = requestCursor(body);
    const user = this.of(userId);
    const start = pageStart(cursor, user.tag, user.items.length);
    const end = Math.min(start + limit, user.items.length);
    return {
      subscriptions: user.items.slice(start, end).map((s) => this.toWire(s, 'list')),
      // A snapshot, not a stream: the last page says so with null.
      next_cursor: end < user.items.length ? encodeCursor({ tag: user.tag, sequence: end }) : null,
      limit,
    };
  }

  get(id: string): Record<string, unknown> {
    this.options.requireAccess();
    return this.toWire(this.find(id), 'get');
  }

  cancel(id: string, body: Fields): { message: string } {
    this.options.requireAccess();
    if (id === '') throw knotErrors.invalidField('The subscription ID field is required.');
    const userId = optionalString(body, 'external_user_id');
    const merchantId = optionalMerchantId(body);
    const sub = this.find(id);
    // The optional body must agree with the subscription: another user's id is not theirs to cancel.
    if ((userId !== undefined && userId !== sub.user) || (merchantId !== undefined && merchantId !== sub.merchant.id)) {
      throw subscriptionNotFound();
    }
    const forcedFailure = this.outcome === 'failed';
    this.options.webhooks.later(0, () => this.finishCancel(sub, forcedFailure));
    return { message: 'Success' };
  }

  /** Forgets the user's subscriptions (`/user/delete`). */
  forget(userId: string): void {
    for (const sub of this.users.get(userId)?.items ?? []) this.byId.delete(sub.id);
    this.users.delete(userId);
  }

  private finishCancel(sub: SubscriptionState, forcedFailure: boolean): Record<string, unknown> | undefined {
    if (!this.byId.has(sub.id)) return undefined; // the user was deleted meanwhile
    const envelope = {
      external_user_id: sub.user,
      merchant: { id: sub.merchant.id, name: sub.merchant.name },
    };
    const sessionId = uuidFrom(createRng(hash32(this.options.seed, 'cancel', sub.id, this.options.now())));
    if (forcedFailure || !sub.isCancellable) {
      const reason = forcedFailure ? 'The merchant did not confirm the cancellation.' : 'This subscription cannot be cancelled through Knot.';
      return {
        event: 'CANCELLATION_FAILED',
        session_id: sessionId,
        ...envelope,
        data: { subscription_id: sub.id, reason },
        timestamp: this.options.now(),
      };
    }
    sub.status = 'ACTIVE_CANCELLATION';
    sub.expirationMs = sub.nextBillingMs;
    sub.nextBillingMs = null;
    sub.isCancellable = false;
    this.options.webhooks.send({
      event: 'CANCELLATION_SUCCEEDED',
      session_id: sessionId,
      ...envelope,
      data: { subscription_id: sub.id },
      timestamp: this.options.now(),
    });
    return { event: 'UPDATED_SUBSCRIPTIONS_AVAILABLE', ...envelope, data: { subscriptions: [{ id: sub.id }] }, timestamp: this.options.now() };
  }

  private add(userId: string, merchant: CatalogueMerchant, count: number, rng: Rng): string[] {
    const user = this.of(userId);
    const plans = PLANS[merchant.name] ?? [[`${merchant.name} Membership`, `${merchant.name} member benefits`, 999, 'MONTHLY', false]];
    const now = this.options.now();
    const created: SubscriptionState[] = [];
    for (let i = 0; i < count; i++) {
      const plan = plans[(user.items.length + i) % plans.length]!;
      const status = i === 0 ? 'ACTIVE' : rng.weighted(STATUSES);
      const months = plan[3] === 'ANNUALLY' ? 12 : 1;
      const startMs = Date.UTC(2024, 0, 1) + rng.int(0, Math.max(0, Math.floor((now - Date.UTC(2024, 0, 1)) / DAY) - 31)) * DAY;
      let nextBillingMs = addMonths(startMs, months);
      // Bounded: at most one step per billing period since the start (a few dozen).
      for (let n = 2; nextBillingMs <= now && n < 1000; n++) nextBillingMs = addMonths(startMs, months * n);
      const lastBillingMs = addMonths(nextBillingMs, -months);
      const cancelled = status === 'ACTIVE_CANCELLATION';
      const sub: SubscriptionState = {
        id: uuidFrom(rng),
        user: userId,
        merchant,
        externalId: rng.uint32().toString(36).padStart(7, '0') + rng.uint32().toString(36).slice(0, 5),
        plan,
        status,
        startMs,
        nextBillingMs: cancelled ? null : nextBillingMs,
        lastBillingMs: lastBillingMs >= startMs ? lastBillingMs : null,
        expirationMs: cancelled ? nextBillingMs : null,
        isCancellable: !cancelled,
      };
      created.push(sub);
      this.byId.set(sub.id, sub);
    }
    user.items.push(...created);
    const ids = created.map((s) => s.id);
    if (ids.length > 0) {
      this.options.webhooks.send({
        event: 'NEW_SUBSCRIPTIONS_AVAILABLE',
        external_user_id: userId,
        merchant: { id: merchant.id, name: merchant.name },
        data: { subscriptions: ids.map((id) => ({ id })) },
        timestamp: now,
      });
    }
    return ids;
  }

  private of(userId: string): UserSubscriptions {
    let user = this.users.get(userId);
    if (!user) {
      user = { tag: hash32(this.options.seed, 'subscriptions', userId), items: [] };
      this.users.set(userId, user);
    }
    return user;
  }

  private find(id: string): SubscriptionState {
    const sub = this.byId.get(id);
    if (!sub) throw subscriptionNotFound();
    return sub;
  }

  /** The Subscription as Knot shows it: the list with bare dates and the merchant's category and logo, get with timestamps. */
  private toWire(sub: SubscriptionState, view: 'list' | 'get'): Record<string, unknown> {
    const date = view === 'list' ? dateOnly : dateTime;
    const orNull = (ms: number | null) => (ms === null ? null : date(ms));
    const [name, description, cents, cycle, family] = sub.plan;
    const renewal = addMonths(sub.startMs, 12 * Math.max(1, Math.ceil((this.options.now() - sub.startMs) / (365 * DAY))));
    const { merchant } = sub;
    return {
      id: sub.id,
      external_id: sub.externalId,
      name,
      description,
      merchant: view === 'list' ? { id: merchant.id, name: merchant.name, category: merchant.category, logo: merchant.logo } : { id: merchant.id, name: merchant.name },
      status: sub.status,
      billing_cycle: cycle,
      next_billing_date: orNull(sub.nextBillingMs),
      last_billing_date: orNull(sub.lastBillingMs),
      start_date: date(sub.startMs),
      next_renewal_date: date(renewal),
      expiration_date: orNull(sub.expirationMs),
      cancel_instructions: `You can cancel your subscription at any time from your ${merchant.name} account settings.`,
      is_paid: cents > 0,
      is_family_plan: family,
      is_cancellable: sub.isCancellable,
      price: { total: (cents / 100).toFixed(2), currency: 'USD' },
    };
  }
}

/** Knot's answer for an unknown subscription (400, as knot-api.md §11.12 open question 3 assumes). */
function subscriptionNotFound(): MockKnotError {
  return new MockKnotError(400, {
    error_type: 'SUBSCRIPTION_ERROR',
    error_code: 'SUBSCRIPTION_NOT_FOUND',
    error_message: 'Subscription not found. Please check the subscription id provided.',
  });
}

