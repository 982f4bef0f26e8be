/**
 * Card data for CardSwitcher and Shopping checkout (knot-api.md §11.3): the plain cardholder
 * (`user`) and card objects the SDK validates and then encrypts as one JWE, the public key
 * `GET /jwe/key` answers with, and the params of `cards.switch`. Types only: the zod schemas are in
 * ./zod/card.ts, loaded with the first request.
 */

/** The cardholder's name, as on the card. */
export interface CardholderName {
  /** At most 255 characters, not blank. */
  first_name: string;
  /** At most 255 characters, not blank. */
  last_name: string;
}

/** The card's billing address (knot-api.md §11.3.2). */
export interface CardholderAddress {
  /** At most 46 characters, not blank (knot-api.md §11.12 #9: the current limit; older pages said 42). */
  street: string;
  /** Apartment, suite, floor; at most 46 characters. */
  street2?: string | undefined;
  /** At most 32 characters, not blank. */
  city: string;
  /** ISO 3166-2 subdivision code, e.g. `NY` (the country-prefixed `US-NY` is accepted too). */
  region: string;
  /** 5 to 10 characters (knot-api.md §11.12 #9: the current rule). */
  postal_code: string;
  /** ISO 3166-1 alpha-2 country code, upper case, e.g. `US`. */
  country: string;
}

/**
 * The cardholder (`user`) of a card JWE (knot-api.md §11.3.2): `name` (first and last), the billing
 * `address` and an E.164 `phone_number`. Unknown keys are refused.
 */
export interface Cardholder {
  /** The cardholder's name as on the card. */
  name: CardholderName;
  /** The card's billing address. */
  address: CardholderAddress;
  /** E.164, e.g. `+11234567890`. */
  phone_number: string;
}

/**
 * The card of a card JWE (knot-api.md §11.3.2): number, expiration and CVV, all strings. Checked
 * before anything is sent (digits only, a length valid for the card's network, Luhn, not expired);
 * no error message ever quotes them.
 */
export interface PaymentCard {
  /** The card number (PAN): digits only, a length valid for its network, passing the Luhn check. */
  number: string;
  /** `MM/YYYY` or `MM/YY`; the card is valid through the end of that month (UTC), and must not be expired. */
  expiration: string;
  /** Digits only: 4 for American Express, 3 for the other networks. */
  cvv: string;
}

/** The plaintext of a card JWE: exactly what Knot decrypts, `{ user, card }`. */
export interface CardPayload {
  /** The cardholder: name, billing address, phone number. */
  user: Cardholder;
  /** The card: number, expiration, CVV. */
  card: PaymentCard;
}

/**
 * The RSA public key (a JWK) `GET /jwe/key` answers with: card data is encrypted to it. The client
 * caches it (see `knot.cards.jweKey`) and hands out the same frozen object.
 */
export interface JweKey {
  /** Key type: `RSA`. */
  kty: string;
  /** RSA modulus, base64url (a 2048-bit key). */
  n: string;
  /** RSA public exponent, base64url. */
  e: string;
  /** Key id: copied into the JWE's protected header, where Knot requires it. */
  kid: string;
  /** Key-management algorithm to encrypt with: `RSA-OAEP-256`. */
  alg?: string;
  /** `enc`: the key is for encryption. */
  use?: string;
  /** Permitted operations: `["encrypt"]`. */
  key_ops?: string[];
}

/**
 * `cards.switch` after the `AUTHENTICATED` webhook (CardSwitcher): the task to send the card to,
 * and the plain card data, which the SDK sends only inside a JWE.
 */
export interface CardSwitchTaskParams {
  /**
   * The `task_id` of the `AUTHENTICATED` webhook. The webhook carries a number; either form is
   * accepted (a string must be digits only) and sent as a string of digits.
   */
  task_id: number | string;
  /** The cardholder: name, billing address, phone number. */
  user: Cardholder;
  /** The card: number, expiration, CVV. */
  card: PaymentCard;
}

/**
 * `cards.switch` to an account the user has already linked (CardUpdater, no `AUTHENTICATED`): the
 * user and merchant, the plain card data (sent only inside a JWE) and optional labels.
 */
export interface CardSwitchAccountParams {
  /** Your id for the user (non-empty), as given to `sessions.create`. */
  external_user_id: string;
  /** The merchant's id: a positive integer, the same in every environment. */
  merchant_id: number;
  /** The cardholder: name, billing address, phone number. */
  user: Cardholder;
  /** The card: number, expiration, CVV. */
  card: PaymentCard;
  /** How the card is labelled at the merchant, e.g. `My Credit Card`. */
  card_name?: string;
  /** The name on the account at the merchant, e.g. `John Doe`. */
  customer_name?: string;
}

/**
 * Params of `cards.switch`: one of the two shapes Knot documents, told apart by `task_id`. A mix of
 * the two (a `task_id` with account fields) does not typecheck, as it is refused at run time.
 */
export type CardSwitchParams =
  | (CardSwitchTaskParams & { [K in Exclude<keyof CardSwitchAccountParams, keyof CardSwitchTaskParams>]?: never })
  | (CardSwitchAccountParams & { task_id?: never });
