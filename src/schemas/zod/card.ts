import { z } from 'zod';
import { cardNumberProblem, cvvProblem, expirationProblem } from '../../core/card-rules.js';
import { cardJweHeader } from '../../core/jwe-key.js';
import { merchantId, nonEmptyString } from './shared.js';

// Card data (knot-api.md §11.3.2) and the params that carry it. The field docs are on the interfaces
// in ../card.ts, which test/types proves equal to these. Strict on the card data (it is what we
// send): unknown keys are refused and every documented limit is checked, so a typo fails here, with
// a message, rather than as Knot's `INVALID_JWE`. Messages name the rule and never the value: no
// digit of a card number or CVV may reach an error (see core/card-rules.ts).

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

export const CardholderSchema = z.strictObject(
  {
    name: z.strictObject({ first_name: text(255), last_name: text(255) }, required('an object')),
    address: z.strictObject(
      {
        street: text(46),
        street2: text(46).optional(),
        city: text(32),
        region: pattern(/^([A-Z]{2}-)?[A-Z0-9]{1,3}$/, 'must be an ISO 3166-2 subdivision code, e.g. NY'),
        postal_code: z
          .string(required('a string'))
          .min(5, 'must be at least 5 characters')
          .max(10, 'must not be greater than 10 characters'),
        country: pattern(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code, e.g. US'),
      },
      required('an object'),
    ),
    phone_number: pattern(E164, 'must be an E.164 phone number, e.g. +11234567890'),
  },
  required('an object'),
);

/** A problem found by a card rule, as a zod issue on the field. */
const problemCheck =
  (problemOf: (value: string) => string | null) =>
  (value: string, ctx: z.RefinementCtx): void => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };

/** The card, its expiry judged by `now` (ms since the epoch): the client's clock, or the fake's. */
export function paymentCardSchema(now: () => number = Date.now) {
  return z
    .strictObject(
      {
        number: z.string(required('a string of digits')).superRefine(problemCheck(cardNumberProblem)),
        expiration: z.string(required('a string')).superRefine(problemCheck((value) => expirationProblem(value, now()))),
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

/** The card as params take it: expiry judged by the process clock at the time of the call. */
export const PaymentCardSchema = paymentCardSchema();

/** The plain `{ user, card }` object that is encrypted as the card JWE; `now` judges the expiry. */
export function cardPayloadSchema(now: () => number = Date.now) {
  return z.strictObject({ user: CardholderSchema, card: paymentCardSchema(now) }, required('an object'));
}

export const CardPayloadSchema = z.strictObject({ user: CardholderSchema, card: PaymentCardSchema }, required('an object'));

/**
 * `GET /jwe/key`. Tolerant, as every response: unknown members are kept; only what encryption relies
 * on is required. The key itself is checked here too (core/jwe-key.ts: RSA-OAEP, a kid, a modulus
 * of at least 2048 bits), so an unusable key is a KnotResponseValidationError when it is fetched and
 * is never cached, rather than a failure of every later card call.
 */
export const JweKeySchema = z.looseObject({
  kty: z.string(),
  n: z.string().min(1),
  e: z.string().min(1),
  kid: z.string().min(1),
  alg: z.string().optional(),
  use: z.string().optional(),
  key_ops: z.array(z.string()).optional(),
}).superRefine((key, ctx) => {
  const usable = cardJweHeader(key);
  if ('problem' in usable) ctx.addIssue({ code: 'custom', message: `cannot encrypt card data: the key ${usable.problem}` });
});

/** `GET /jwe/key` takes no params. */
export const JweKeyParamsSchema = z.undefined({ error: 'takes no params' });

/** The webhook's integer, or a string of it: sent as a string either way (knot-api.md §11.3.3). */
const taskId = z.union(
  [
    z.number().int('must be an integer').nonnegative('must not be negative').max(Number.MAX_SAFE_INTEGER),
    // The webhook's number as text: digits only, so '  ' or '12a' is refused here, not by Knot.
    z.string().regex(/^\d+$/, 'must be digits, like the task_id of the AUTHENTICATED webhook'),
  ],
  required('an integer or a string of digits'),
);

export const CardSwitchTaskParamsSchema = z.strictObject({
  task_id: taskId,
  user: CardholderSchema,
  card: PaymentCardSchema,
});

export const CardSwitchAccountParamsSchema = z.strictObject({
  external_user_id: nonEmptyString,
  merchant_id: merchantId,
  user: CardholderSchema,
  card: PaymentCardSchema,
  card_name: nonEmptyString.optional(),
  customer_name: nonEmptyString.optional(),
});

type TaskParams = z.output<typeof CardSwitchTaskParamsSchema>;
type AccountParams = z.output<typeof CardSwitchAccountParamsSchema>;

/** What `cards.switch` works with after validation: `task_id` already a string. */
export type CardSwitchParsed = (Omit<TaskParams, 'task_id'> & { task_id: string }) | AccountParams;

const hasKey = (value: unknown, key: string) => typeof value === 'object' && value !== null && Object.hasOwn(value, key);

/**
 * Either shape of `cards.switch`, told apart by `task_id`. Not a `z.union`: a union that fails
 * reports one "invalid input" for the whole object, where this reports each field of the shape meant.
 */
export const CardSwitchParamsSchema = z.unknown().transform((value, ctx): CardSwitchParsed => {
  const byTask = hasKey(value, 'task_id');
  // Neither shape named: one issue says both ways, rather than one per missing id.
  const neither = !byTask && !hasKey(value, 'external_user_id') && !hasKey(value, 'merchant_id') && typeof value === 'object' && value !== null;
  if (neither) {
    ctx.addIssue({
      code: 'custom',
      path: ['task_id'],
      message: 'is required (from the AUTHENTICATED webhook), or else external_user_id and merchant_id (an account the user has linked)',
    });
  }
  const result = (byTask ? CardSwitchTaskParamsSchema : CardSwitchAccountParamsSchema).safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (!(neither && issue.path.length === 1 && (issue.path[0] === 'external_user_id' || issue.path[0] === 'merchant_id'))) ctx.addIssue({ ...issue });
    }
    return z.NEVER;
  }
  if (neither) return z.NEVER;
  const params = result.data;
  return 'task_id' in params ? { ...params, task_id: String(params.task_id) } : params;
}) as unknown as z.ZodType<CardSwitchParsed, TaskParamsInput | AccountParamsInput>;

type TaskParamsInput = z.input<typeof CardSwitchTaskParamsSchema>;
type AccountParamsInput = z.input<typeof CardSwitchAccountParamsSchema>;
