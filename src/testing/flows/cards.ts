/**
 * The fake's Card Switcher (knot-api.md §11.3): `GET /jwe/key` serves the public half of the fake's
 * own key pair; `POST /card` decrypts the JWE with the private half, checks the card with the SDK's
 * own §11.3.2 rules, answers Knot's `INVALID_JWE` messages or `Success`, then sends `CARD_UPDATING`
 * and `CARD_UPDATED` (or `CARD_FAILED`). It keeps only the last four digits of a card it accepts.
 */
import type { JweKey } from '../../schemas/card.js';
import { type CardKeys, createCardKeys, type OpenedCardJwe } from '../card-keys.js';
import type { CatalogueMerchant } from '../catalogue.js';
import type { MockProduct } from '../engine.js';
import { knotErrors, MockKnotError } from '../errors.js';
import { createRng, hash32, type Rng, uuidFrom } from '../prng.js';
import type { AccountState } from '../state.js';
import { type Fields, optionalString, requiredString } from '../validate.js';
import type { WebhookSender } from '../webhook-sender.js';

/**
 * A card the fake accepted on `POST /card`, as `mock.switchedCards()` lists it: never the card
 * number or CVV, only what a receipt would show.
 *
 * @example
 * ```ts
 * const [switched] = mock.switchedCards();
 * expect(switched).toMatchObject({ last4: '4242', expiration: '08/2030', merchant_id: 19 });
 * ```
 */
export interface SwitchedCard {
  /** The `task_id` sent (a string), for the shape used after `AUTHENTICATED`; `null` otherwise. */
  task_id: string | null;
  /** The user the card was switched for. */
  external_user_id: string;
  /** The merchant it was switched at. */
  merchant_id: number;
  /** The last four digits of the card number. */
  last4: string;
  /** The expiration as sent, `MM/YYYY` or `MM/YY`. */
  expiration: string;
  /** The cardholder's name as sent. */
  cardholder: { first_name: string; last_name: string };
  /** `card_name` as sent (account shape only), else `null`. */
  card_name: string | null;
  /** `customer_name` as sent (account shape only), else `null`. */
  customer_name: string | null;
  /** The event sent for it: `CARD_UPDATED`, or `CARD_FAILED` (see `mock.setCardSwitchFailure`). */
  outcome: 'CARD_UPDATED' | 'CARD_FAILED';
}

/** A CardSwitcher task the fake opened with `AUTHENTICATED`, waiting for its card. */
export interface CardTask {
  task_id: number;
  session_id: string;
  external_user_id: string;
  merchant: CatalogueMerchant;
  card_id: string | null;
}

interface CardFlowDeps {
  seed: number;
  now: () => number;
  webhooks: WebhookSender;
  requireProduct: (...products: [MockProduct, ...MockProduct[]]) => void;
  /** The user's subscription ids at a merchant: a switch there reports them in `CARD_UPDATED` (§11.4.5). */
  subscriptionsAt: (userId: string, merchantId: number) => string[];
  /** The linked account a request names, or the Knot error for it. */
  account: (fields: Fields) => AccountState;
}

const invalidJwe = (message: string) =>
  new MockKnotError(400, { error_type: 'INVALID_REQUEST', error_code: 'INVALID_JWE', error_message: message });

const TASK_ID = /^\d{1,15}$/;

export class CardFlow {
  /** Cards accepted, oldest first. */
  readonly switched: SwitchedCard[] = [];
  /** When set, accepted cards end in `CARD_FAILED` with this reason instead of `CARD_UPDATED`. */
  failureReason: string | null = null;
  #keys: CardKeys;
  readonly #tasks = new Map<string, CardTask>();
  readonly #rng: Rng;

  constructor(private readonly deps: CardFlowDeps) {
    this.#keys = createCardKeys({ now: deps.now });
    this.#rng = createRng(hash32(deps.seed, 'cards'));
  }

  /** Remembers the task an `AUTHENTICATED` with `send_card: true` opened, for `POST /card { task_id }`. */
  authenticated(task: CardTask): void {
    this.#tasks.set(String(task.task_id), task);
  }

  /** `GET /jwe/key`: one key per client, for Card Switcher and for Shopping's checkout alike (knot-api.md §11.0). */
  jweKey(): Promise<JweKey> {
    this.deps.requireProduct('card_switcher', 'shopping');
    return this.#keys.publicJwk();
  }

  /**
   * Decrypts and checks a card JWE with the key pair `GET /jwe/key` serves: for every route that
   * takes one (`POST /card`, and checkout's `payment_method.jwe`). Knot serves one key per client.
   */
  openJwe(jwe: unknown): Promise<OpenedCardJwe> {
    return this.#keys.open(jwe);
  }

  /** A new key pair: JWEs made for the old key are refused with `The jwe is invalid.` from now on. */
  rotateKey(): void {
    this.#keys = createCardKeys({ now: this.deps.now });
  }

  /** `POST /card`. */
  async switchCard(body: Fields): Promise<{ message: string }> {
    this.deps.requireProduct('card_switcher');
    const target = this.#target(body);
    const cardName = target.task ? null : (optionalString(body, 'card_name') ?? null);
    const customerName = target.task ? null : (optionalString(body, 'customer_name') ?? null);
    if (body.jwe === undefined || body.jwe === null || body.jwe === '') throw knotErrors.invalidField('The jwe field is required.');
    if (body.user !== undefined || body.card !== undefined) {
      // The deprecated split form (a JWE each for user and card), or plain card data sent to the
      // JWE host: refused, never read.
      throw knotErrors.invalidField('The user and card fields are not accepted here: send them encrypted, as one jwe.');
    }
    const opened = await this.openJwe(body.jwe);
    if (!opened.ok) throw invalidJwe(opened.message);
    const { user, card } = opened.payload;
    const outcome = this.failureReason === null ? 'CARD_UPDATED' : 'CARD_FAILED';
    this.switched.push({
      task_id: target.task ? String(target.task.task_id) : null,
      external_user_id: target.externalUserId,
      merchant_id: target.merchant.id,
      last4: card.number.slice(-4),
      expiration: card.expiration,
      cardholder: { first_name: user.name.first_name, last_name: user.name.last_name },
      card_name: cardName,
      customer_name: customerName,
      outcome,
    });
    this.#notify(target, outcome);
    return { message: 'Success' };
  }

  /** Whom the card is for: a task opened by `AUTHENTICATED`, or a linked account. */
  #target(body: Fields): { task: CardTask | null; externalUserId: string; merchant: CatalogueMerchant } {
    if (body.task_id !== undefined && body.task_id !== null) {
      if (typeof body.task_id !== 'string' || !TASK_ID.test(body.task_id)) throw knotErrors.invalidField('The task id must be a string of digits.');
      const task = this.#tasks.get(body.task_id);
      // Knot documents no answer for an unknown task; the fake refuses it so a test sees its mistake.
      if (!task) throw knotErrors.invalidField('The task id was not found: it must come from an AUTHENTICATED webhook with send_card true.');
      return { task, externalUserId: task.external_user_id, merchant: task.merchant };
    }
    if (body.external_user_id === undefined && body.merchant_id === undefined) throw knotErrors.invalidField('The task id field is required.');
    requiredString(body, 'external_user_id', 'external user id field');
    const account = this.deps.account(body);
    return { task: null, externalUserId: account.user, merchant: account.merchant };
  }

  #notify(target: { task: CardTask | null; externalUserId: string; merchant: CatalogueMerchant }, outcome: SwitchedCard['outcome']): void {
    const envelope = {
      session_id: target.task?.session_id ?? uuidFrom(this.#rng),
      task_id: target.task?.task_id ?? this.#rng.int(10_000, 99_999),
      external_user_id: target.externalUserId,
      merchant: { id: target.merchant.id, name: target.merchant.name },
    };
    const cardId = target.task?.card_id ?? null;
    this.deps.webhooks.send({ event: 'CARD_UPDATING', ...envelope, data: { card_id: cardId }, timestamp: this.deps.now() });
    const subscriptions = this.deps.subscriptionsAt(target.externalUserId, target.merchant.id).map((id) => ({ id }));
    const data =
      outcome === 'CARD_FAILED'
        ? { card_id: cardId, reason: this.failureReason }
        : { card_id: cardId, ...(subscriptions.length > 0 ? { subscriptions } : {}) };
    this.deps.webhooks.send({ event: outcome, ...envelope, data, timestamp: this.deps.now() });
  }
}
