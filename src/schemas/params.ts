import { z } from 'zod';
import { MERCHANT_LIST_TYPES, PLATFORMS } from './merchant.js';
import { type Clean, merchantId, nonEmptyString } from './shared.js';

/**
 * Request params. Strict: unknown keys are rejected (a misspelt field would otherwise be dropped
 * silently), every constraint Knot documents is checked before anything is sent.
 */

export const SESSION_TYPES = ['card_switcher', 'transaction_link', 'link', 'vault'] as const;
export const ACCOUNT_TYPES = ['card_switcher', 'transaction_link', 'vault'] as const;

const E164 = /^\+[1-9]\d{1,14}$/;

export const SessionCreateParamsSchema = z
  .strictObject({
    /** The product the session is for; `transaction_link` for TransactionLink (not `transactions_link`). */
    type: z.enum(SESSION_TYPES),
    /** Your id for the user; the same id names the user in every later call and webhook. */
    external_user_id: nonEmptyString,
    /** Your id for the card. Required when `type` is `card_switcher`. */
    card_id: z.string().nullable().optional(),
    /** E.164, e.g. `+11234567890`. */
    phone_number: z.string().regex(E164, 'must be an E.164 phone number, e.g. +11234567890').optional(),
    email: z.email('must be a valid email address').optional(),
    /** A Plaid `processor_token`, to detect merchants from the user's Plaid transactions. */
    processor_token: z.string().nullable().optional(),
    /** Card state hints for CardSwitcher. */
    card: z.strictObject({ blocked: z.boolean().optional(), has_funds: z.boolean().optional() }).optional(),
    /** Up to 10 string values of at most 500 characters, echoed back in webhooks as `data.metadata`. */
    metadata: z
      .record(z.string(), z.string().max(500, 'metadata values are at most 500 characters'))
      .refine((m) => Object.keys(m).length <= 10, 'metadata holds at most 10 keys')
      .optional(),
  })
  .superRefine((p, ctx) => {
    if (p.type === 'card_switcher' && !p.card_id) {
      ctx.addIssue({ code: 'custom', path: ['card_id'], message: 'is required when type is card_switcher' });
    }
  });

export const SessionExtendParamsSchema = z.strictObject({
  /** The `session` returned by `sessions.create`. */
  session_id: nonEmptyString,
});

export const MerchantListParamsSchema = z.strictObject({
  /** The product to list merchants for, e.g. `transaction_link`. */
  type: z.enum(MERCHANT_LIST_TYPES),
  /** When sent, each merchant also carries `min_sdk_version` for that platform. */
  platform: z.enum(PLATFORMS).optional(),
  /** A keyword matched against merchant names; omit it to list them all. */
  search: z.string().optional(),
});

export const AccountListParamsSchema = z.strictObject({
  external_user_id: nonEmptyString,
  /** The product whose latest login attempt `lifecycle.status` reports. */
  type: z.enum(ACCOUNT_TYPES).optional(),
});

export const AccountGetParamsSchema = z.strictObject({
  external_user_id: nonEmptyString,
  /** A positive integer, the same in every environment. */
  merchant_id: merchantId,
  /** The product whose latest login attempt `lifecycle.status` reports. */
  type: z.enum(ACCOUNT_TYPES).optional(),
});

export const AccountRefParamsSchema = z.strictObject({
  external_user_id: nonEmptyString,
  /** A positive integer, the same in every environment. */
  merchant_id: merchantId,
});

export const SyncPageParamsSchema = z.strictObject({
  /** A positive integer, the same in every environment. */
  merchant_id: merchantId,
  external_user_id: nonEmptyString,
  /** Where to resume (a stored `checkpoint`); omitted or `null` starts from the beginning. */
  cursor: nonEmptyString.nullish(),
  /** Page size, 1 to 100. Default 100 (the fewest requests). */
  limit: z.number().int().min(1).max(100).default(100),
});

/**
 * The id of `transactions.get(id)`. It is a bare argument, so it is checked as the field `id` of an
 * object: every issue is then named `id` (a bare string schema would report the path `''`).
 */
export const TransactionIdSchema = z
  .unknown()
  .transform((id) => ({ id }))
  .pipe(
    z.strictObject({
      id: nonEmptyString
        .refine((id) => id !== '.' && id !== '..', 'must not be "." or "..": it would change the request path')
        .refine((id) => !/\p{Cs}/u.test(id), 'must be well-formed Unicode (it holds a lone surrogate)'),
    }),
  )
  .transform(({ id }) => id);

export const LinkAccountParamsSchema = z
  .strictObject({
    /** Use a new id for each test run: the account is linked for that user. */
    external_user_id: nonEmptyString,
    /** A positive integer; 19 (DoorDash) is the usual choice for TransactionLink. */
    merchant_id: merchantId,
    /**
     * Simulate TransactionLink data: `new` generates sample transactions (about 205), `updated`
     * (which requires `new`) then updates a few of them.
     */
    transactions: z.strictObject({ new: z.boolean(), updated: z.boolean().optional() }).optional(),
    /** Simulate CardSwitcher instead (requires `card_id`; not with `transactions`). */
    card_switcher: z.boolean().optional(),
    card_id: nonEmptyString.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.transactions?.updated && !p.transactions.new) {
      ctx.addIssue({ code: 'custom', path: ['transactions', 'updated'], message: 'updated: true requires new: true' });
    }
    if (p.card_switcher && p.transactions) {
      ctx.addIssue({ code: 'custom', path: ['card_switcher'], message: 'cannot be combined with transactions' });
    }
    if (p.card_switcher && !p.card_id) {
      ctx.addIssue({ code: 'custom', path: ['card_id'], message: 'is required when card_switcher is true' });
    }
  });

// Every params type below is checked before anything is sent: a problem rejects the call with a
// KnotValidationError whose `issues` name each field.
//
// Each exported wire type maps over its `...Shape` instead of aliasing it: the mapped copy is a type
// of its own, so editors and the API docs name it (`KnotPromise<Transaction>`) rather than spell
// out every field. The shape is the same.
type SessionCreateParamsShape = Clean<z.input<typeof SessionCreateParamsSchema>>;
/**
 * Params of `sessions.create`. `card_id` is required when `type` is `card_switcher`; unknown keys
 * are refused.
 *
 * @interface
 */
export type SessionCreateParams = { [K in keyof SessionCreateParamsShape]: SessionCreateParamsShape[K] };

type SessionExtendParamsShape = Clean<z.input<typeof SessionExtendParamsSchema>>;
/**
 * Params of `sessions.extend`.
 *
 * @interface
 */
export type SessionExtendParams = { [K in keyof SessionExtendParamsShape]: SessionExtendParamsShape[K] };

type MerchantListParamsShape = Clean<z.input<typeof MerchantListParamsSchema>>;
/**
 * Params of `merchants.list`. Send `platform` to learn each merchant's `min_sdk_version`.
 *
 * @interface
 */
export type MerchantListParams = { [K in keyof MerchantListParamsShape]: MerchantListParamsShape[K] };

type AccountListParamsShape = Clean<z.input<typeof AccountListParamsSchema>>;
/**
 * Params of `accounts.list`.
 *
 * @interface
 */
export type AccountListParams = { [K in keyof AccountListParamsShape]: AccountListParamsShape[K] };

type AccountGetParamsShape = Clean<z.input<typeof AccountGetParamsSchema>>;
/**
 * Params of `accounts.get`: the user and the merchant whose account to read.
 *
 * @interface
 */
export type AccountGetParams = { [K in keyof AccountGetParamsShape]: AccountGetParamsShape[K] };

type AccountUnlinkParamsShape = Clean<z.input<typeof AccountRefParamsSchema>>;
/**
 * Params of `accounts.unlink`: the user and the merchant to unlink.
 *
 * @interface
 */
export type AccountUnlinkParams = { [K in keyof AccountUnlinkParamsShape]: AccountUnlinkParamsShape[K] };

type SyncPageParamsShape = Clean<z.input<typeof SyncPageParamsSchema>>;
/**
 * Params of `transactions.syncPage`: one merchant account, and where to resume.
 *
 * @interface
 */
export type SyncPageParams = { [K in keyof SyncPageParamsShape]: SyncPageParamsShape[K] };

type RefreshParamsShape = Clean<z.input<typeof AccountRefParamsSchema>>;
/**
 * Params of `transactions.refresh`: the merchant account to re-extract.
 *
 * @interface
 */
export type RefreshParams = { [K in keyof RefreshParamsShape]: RefreshParamsShape[K] };

type LinkAccountParamsShape = Clean<z.input<typeof LinkAccountParamsSchema>>;
/**
 * Params of `development.linkAccount`. `transactions.updated` requires `transactions.new`, and
 * `card_switcher` (which requires `card_id`) cannot be combined with `transactions`.
 *
 * @interface
 */
export type LinkAccountParams = { [K in keyof LinkAccountParamsShape]: LinkAccountParamsShape[K] };

type DisconnectAccountParamsShape = Clean<z.input<typeof AccountRefParamsSchema>>;
/**
 * Params of `development.disconnectAccount`: the merchant account to mark disconnected.
 *
 * @interface
 */
export type DisconnectAccountParams = { [K in keyof DisconnectAccountParamsShape]: DisconnectAccountParamsShape[K] };
