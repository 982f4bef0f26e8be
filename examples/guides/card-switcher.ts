/**
 * docs/card-switcher.md: sending a user's card to a merchant with Card Switcher, encrypted as Knot
 * requires, and handling its webhooks.
 *
 * The tests run it against the fake Knot API (KNOT_BASE_URL points at it). With your development
 * keys in KNOT_CLIENT_ID / KNOT_SECRET it runs against Knot's development environment.
 */
import { randomUUID } from 'node:crypto';
import {
  type AuthenticatedEvent,
  type Cardholder,
  KnotApiError,
  KnotClient,
  KnotValidationError,
  type PaymentCard,
  type WebhookEventHandlers,
} from 'knotapi-node';

const knot = new KnotClient(); // reads KNOT_CLIENT_ID, KNOT_SECRET and KNOT_ENVIRONMENT
const externalUserId = `user-${randomUUID()}`;
const log: string[] = [];

function check(condition: boolean, claim: string): void {
  if (!condition) throw new Error(`card-switcher: ${claim}`);
}

// Knot's development sample card: it passes every check there.
async function loadCard(_userId: string): Promise<{ user: Cardholder; card: PaymentCard }> {
  return {
    user: {
      name: { first_name: 'Ada', last_name: 'Lovelace' },
      address: { street: '100 Main Street', street2: '#100', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
      phone_number: '+11234567890',
    },
    card: { number: '4242424242424242', expiration: '08/2030', cvv: '012' },
  };
}

// #region warm-up
// Optional: fetch the encryption key at startup, so the first card does not wait for it
// (Knot wants the card within 15 seconds of AUTHENTICATED).
const key = await knot.cards.jweKey();
log.push(`card data is encrypted to key ${key.kid}`);
// #endregion

// #region after-authenticated
const on: WebhookEventHandlers = {
  AUTHENTICATED: async (event: AuthenticatedEvent) => {
    if (!event.data.send_card || event.task_id === undefined) return; // not a card switch
    const { user, card } = await loadCard(event.external_user_id);
    await knot.cards.switch({ task_id: event.task_id, user, card });
  },
  CARD_UPDATED: (event) => void log.push(`card switched at ${event.merchant.name}`),
  CARD_FAILED: (event) => void log.push(`card not switched at ${event.merchant.name}: ${event.data.reason ?? 'no reason given'}`),
};
const handler = knot.webhooks.handler({ on });
// #endregion
void handler; // mount it on your webhook route (docs/webhooks.md)

// An account the user has already linked (here: a development link).
await knot.development.linkAccount({ external_user_id: externalUserId, merchant_id: 19, transactions: { new: true } });

// #region card-updater
const { user, card } = await loadCard(externalUserId);
await knot.cards.switch({
  external_user_id: externalUserId,
  merchant_id: 19,
  user,
  card,
  card_name: 'My Credit Card', // optional
});
// The outcome arrives later, as CARD_UPDATED or CARD_FAILED.
// #endregion

// #region errors
try {
  await knot.cards.switch({ external_user_id: externalUserId, merchant_id: 19, user, card: { ...card, number: '4242424242424241' } });
} catch (error) {
  if (error instanceof KnotValidationError) {
    // Nothing was sent. The issues name the field and the rule, never the card number.
    for (const issue of error.issues) log.push(`${issue.path}: ${issue.message}`);
  } else if (error instanceof KnotApiError && error.errorCode === 'INVALID_JWE') {
    log.push(`Knot refused the card data: ${error.errorMessage}`); // e.g. "The card is expired."
  } else {
    throw error;
  }
}
// #endregion

check(log[0] === `card data is encrypted to key ${key.kid}`, 'the key was fetched');
check(log[1] === 'card.number: is invalid and does not pass the Luhn check (check for a mistyped digit)', 'a mistyped card number is refused before sending');
check(!log.join('\n').includes('424242'), 'no card digits in anything logged');
await knot.close();
