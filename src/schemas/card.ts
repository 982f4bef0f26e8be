import { z } from 'zod';
import { cardNumberProblem, cvvProblem, expirationProblem } from '../core/card-rules.js';
import type { Clean } from './shared.js';

/**
 * Card data for CardSwitcher and Shopping checkout (knot-api.md §11.3.2): the plain cardholder
 * (`user`) and card objects the SDK validates and then encrypts as one JWE, and the public key
 * `GET /jwe/key` answers with.
 *
 * Strict on the card data (it is what we send): unknown keys are refused and every documented
 * limit is checked, so a typo fails here, with a message, rather than as Knot's `INVALID_JWE`.
 * Messages name the rule and never the value (see core/card-rules.ts).
 */

/** "is required" when absent, else what the value must be: the value itself is never quoted. */
const required = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? 'is required' : `must be ${what}`),
});

const text = (max: number) =>
  z
    .string(required('a string'))
    .refine((s) => s.trim() !== '', 'is required (it is blank)')
    .max(max, `must not be greater than ${max} characters`);

const pattern = (regex: RegExp, message: string) => z.string(required('a string')).regex(regex, message);

// E.164: a plus, then up to 15 digits, the first not 0.
const E164 = /^\+[1-9]\d{1,14}$/;

function buildCardholderSchema() {
  return z.strictObject(
    {
      /** The cardholder's name as on the card. */
      name: z.strictObject(
        {
          /** At most 255 characters. */
          first_name: text(255),
          /** At most 255 characters. */
          last_name: text(255),
        },
        required('an object'),
      ),
      /** The card's billing address. */
      address: z.strictObject(
        {
          /** At most 46 characters (knot-api.md §11.12 #9: the current limit; older pages said 42). */
          street: text(46),
          /** Apartment, suite, floor; at most 46 characters. */
          street2: text(46).optional(),
          /** At most 32 characters. */
          city: text(32),
          /** ISO 3166-2 subdivision code, e.g. `NY` (the country-prefixed `US-NY` is accepted too). */
          region: pattern(/^([A-Z]{2}-)?[A-Z0-9]{1,3}$/, 'must be an ISO 3166-2 subdivision code, e.g. NY'),
          /** 5 to 10 characters (knot-api.md §11.12 #9: the current rule). */
          postal_code: z
            .string(required('a string'))
            .min(5, 'must be at least 5 characters')
            .max(10, 'must not be greater than 10 characters'),
          /** ISO 3166-1 alpha-2 country code, upper case, e.g. `US`. */
          country: pattern(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code, e.g. US'),
        },
        required('an object'),
      ),
      /** E.164, e.g. `+11234567890`. */
      phone_number: pattern(E164, 'must be an E.164 phone number, e.g. +11234567890'),
    },
    required('an object'),
  );
}

/** A problem found by a card rule, as a zod issue on `field`. */
const problemCheck =
  (problemOf: (value: string) => string | null) =>
  (value: string, ctx: z.RefinementCtx): void => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };

function buildPaymentCardSchema(now: () => number) {
  return z
    .strictObject(
      {
        /** The card number (PAN): digits only, a length valid for its network, passing the Luhn check. */
        number: z.string(required('a string of digits')).superRefine(problemCheck(cardNumberProblem)),
        /** `MM/YYYY` or `MM/YY`; the card is valid through the end of that month (UTC), and must not be expired. */
        expiration: z.string(required('a string')).superRefine(problemCheck((value) => expirationProblem(value, now()))),
        /** Digits only: 4 for American Express, 3 for the other networks. */
        cvv: z.string(required('a string of digits')),
      },
      required('an object'),
    )
    .superRefine((card, ctx) => {
      // The CVV's valid length depends on the card's network, so it is checked against the number.
      const problem = cvvProblem(card.cvv, card.number);
      if (problem) ctx.addIssue({ code: 'custom', path: ['cvv'], message: problem });
    });
}

type CardholderSchemaType = ReturnType<typeof buildCardholderSchema>;
type PaymentCardSchemaType = ReturnType<typeof buildPaymentCardSchema>;

let cardholder: CardholderSchemaType | undefined;

/** The plain `user` object of the card JWE (built on first use: most users never send a card). */
export function cardholderSchema(): CardholderSchemaType {
  cardholder ??= buildCardholderSchema();
  return cardholder;
}

/**
 * The plain `{ user, card }` object that is encrypted as the card JWE. `now` (ms since the epoch)
 * is the clock the expiry is judged by: the client's, or the fake's.
 */
export function cardPayloadSchema(now: () => number = Date.now) {
  return z.strictObject({ user: cardholderSchema(), card: buildPaymentCardSchema(now) }, required('an object'));
}

/**
 * The cardholder (`user`) of a card JWE (knot-api.md §11.3.2): `name` (first and last), the billing
 * `address` and an E.164 `phone_number`.
 */
export type Cardholder = z.infer<CardholderSchemaType>;

/** The card of a card JWE (knot-api.md §11.3.2): number, expiration and CVV, all strings. */
export type PaymentCard = z.infer<PaymentCardSchemaType>;

/** The plaintext of a card JWE: exactly what Knot decrypts. */
export interface CardPayload {
  user: Cardholder;
  card: PaymentCard;
}

/**
 * `GET /jwe/key`: the RSA public key (a JWK) card data is encrypted to. Tolerant, as every response:
 * unknown members are kept; only what encryption relies on is required.
 */
export const JweKeySchema = z.looseObject({
  /** Key type: `RSA`. */
  kty: z.string(),
  /** RSA modulus, base64url (a 2048-bit key). */
  n: z.string().min(1),
  /** RSA public exponent, base64url. */
  e: z.string().min(1),
  /** Key id: copied into the JWE's protected header, where Knot requires it. */
  kid: z.string().min(1),
  /** Key-management algorithm to encrypt with: `RSA-OAEP-256`. */
  alg: z.string().optional(),
  /** `enc`. */
  use: z.string().optional(),
  /** Permitted operations: `["encrypt"]`. */
  key_ops: z.array(z.string()).optional(),
});

/** The public key `GET /jwe/key` answers with, as a JWK. */
export type JweKey = Clean<z.infer<typeof JweKeySchema>>;
