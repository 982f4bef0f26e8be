import { z } from 'zod';
import { MERCHANT_LIST_TYPES, PLATFORMS } from '../merchant.js';
import { ACCOUNT_TYPES, SESSION_TYPES } from '../params.js';
import { e164Phone, merchantId, nonEmptyString } from './shared.js';

// Request params. Strict: unknown keys are rejected (a misspelt field would otherwise be dropped
// silently), every constraint Knot documents is checked before anything is sent. The field docs are
// on the interfaces in ../params.ts, which test/types proves equal to these schemas' input types.

export const SessionCreateParamsSchema = z
  .strictObject({
    type: z.enum(SESSION_TYPES),
    external_user_id: nonEmptyString,
    card_id: z.string().nullable().optional(),
    phone_number: e164Phone.optional(),
    email: z.email('must be a valid email address').optional(),
    processor_token: z.string().nullable().optional(),
    card: z.strictObject({ blocked: z.boolean().optional(), has_funds: z.boolean().optional() }).optional(),
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
  session_id: nonEmptyString,
});

export const MerchantListParamsSchema = z.strictObject({
  type: z.enum(MERCHANT_LIST_TYPES),
  platform: z.enum(PLATFORMS).optional(),
  search: z.string().optional(),
  external_user_id: nonEmptyString.optional(),
});

export const AccountListParamsSchema = z.strictObject({
  external_user_id: nonEmptyString,
  type: z.enum(ACCOUNT_TYPES).optional(),
});

export const AccountGetParamsSchema = z.strictObject({
  external_user_id: nonEmptyString,
  merchant_id: merchantId,
  type: z.enum(ACCOUNT_TYPES).optional(),
});

export const AccountRefParamsSchema = z.strictObject({
  external_user_id: nonEmptyString,
  merchant_id: merchantId,
});

export const UserDeleteParamsSchema = z.strictObject({
  external_user_id: nonEmptyString,
});

export const SyncPageParamsSchema = z.strictObject({
  merchant_id: merchantId,
  external_user_id: nonEmptyString,
  cursor: nonEmptyString.nullish(),
  limit: z.number().int().min(1).max(100).default(100),
});

/**
 * What `transactions.syncPage` sends: a missing or null cursor means "from the beginning", and Knot
 * wants it left out then (the endpoint's `payload` drops a `null` one).
 *
 * @public
 */
export const SyncPageRequestSchema = SyncPageParamsSchema.transform((p) => ({ ...p, cursor: p.cursor ?? null }));

/** An id that fills one `:id` path segment: non-empty, not `.`/`..`, encodable. */
export const pathSegmentId = nonEmptyString
  .refine((id) => id !== '.' && id !== '..', 'must not be "." or "..": it would change the request path')
  .refine((id) => !/\p{Cs}/u.test(id), 'must be well-formed Unicode (it holds a lone surrogate)');

/**
 * The id of `transactions.get(id)`. It is a bare argument, so it is checked as the field `id` of an
 * object: every issue is then named `id` (a bare string schema would report the path `''`), and the
 * `{ id }` it gives fills the `:id` of the path.
 *
 * @public
 */
export const TransactionIdSchema = z
  .unknown()
  .transform((id) => ({ id }))
  .pipe(
    z.strictObject({
      id: pathSegmentId,
    }),
  );

export const LinkAccountParamsSchema = z
  .strictObject({
    external_user_id: nonEmptyString,
    merchant_id: merchantId,
    transactions: z.strictObject({ new: z.boolean(), updated: z.boolean().optional() }).optional(),
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
