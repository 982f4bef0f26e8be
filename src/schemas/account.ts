import { z } from 'zod';
import { type Clean, MerchantRefSchema, openEnum } from './shared.js';

export const CONNECTION_STATUSES = ['connected', 'disconnected'] as const;

export const MerchantAccountSchema = z.looseObject({
  merchant: MerchantRefSchema,
  /**
   * `status` is `disconnected` when Knot can no longer log in (e.g. the user changed their
   * password): no new transactions until the user links the account again. `scopes` lists what the
   * link allows (e.g. `update_card`); it is `[]` when disconnected and absent in older payloads.
   */
  connection: z.looseObject({
    status: openEnum(CONNECTION_STATUSES),
    scopes: z.array(z.looseObject({ type: z.string() })).optional(),
  }),
  /** The status of the latest login attempt for the product named by the request's `type`. */
  lifecycle: z.looseObject({ status: z.string().nullable() }).nullish(),
  /** The user's latest action on the account, when Knot reports one. */
  last_user_action: z
    .looseObject({ attempted_at: z.string().nullable(), status: z.string().nullable() })
    .nullish(),
});

export const MerchantAccountListSchema = z.array(MerchantAccountSchema);

// Each exported wire type maps over its `...Shape` instead of aliasing it: the mapped copy is a type
// of its own, so editors and the API docs name it (`KnotPromise<Transaction>`) rather than spell
// out every field. The shape is the same.
type MerchantAccountShape = Clean<z.infer<typeof MerchantAccountSchema>>;
/**
 * A user's link to one merchant, as `accounts.list` and `accounts.get` return it. Unlinked accounts
 * are not returned.
 *
 * @interface
 */
export type MerchantAccount = { [K in keyof MerchantAccountShape]: MerchantAccountShape[K] };

/** @inline */
type KnownConnectionStatus = (typeof CONNECTION_STATUSES)[number];
/** Whether Knot can still reach the merchant account. Open: a value Knot adds later arrives as a plain string. */
export type ConnectionStatus = KnownConnectionStatus | (string & {});
