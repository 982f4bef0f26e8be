/** Merchants as `merchants.list` returns them (knot-api.md §3.3). */

export const MERCHANT_LIST_TYPES = ['card_switcher', 'transaction_link', 'shopping', 'vault', 'subscription_manager'] as const;
export const PLATFORMS = ['ios', 'android', 'web'] as const;

/** A merchant users can link for a product, as `merchants.list` returns it. */
export interface Merchant {
  /** Knot's merchant id, an integer, the same in every environment (pass it as `merchant_id`). */
  id: number;
  /** The merchant's display name, e.g. `Walmart`. */
  name: string;
  /** The merchant's category, e.g. `Online shopping`; absent in older payloads. */
  category?: string | null;
  /** URL of the merchant's logo. */
  logo?: string | null;
  /**
   * Only when `platform` was sent: the oldest Knot client SDK version on that platform that
   * supports the merchant, e.g. `1.0.0`. Hide merchants the app's SDK version is below.
   */
  min_sdk_version?: string | null;
  /** Legacy: the user's enrolment status at the merchant, only when the deprecated `external_user_id` was sent. */
  status?: string | null;
}

// Aliases of their own, inlined by TypeDoc, so the docs list the values rather than name the
// (unexported) constants.
/** @inline */
type KnownPlatform = (typeof PLATFORMS)[number];
/** @inline */
type KnownMerchantListType = (typeof MERCHANT_LIST_TYPES)[number];

/** The platform the client-side Knot SDK runs on; `merchants.list` filters by it. */
export type Platform = KnownPlatform;
/**
 * A Knot product as `merchants.list` names it. The type is open for values Knot adds later, but
 * `merchants.list` itself accepts only the known ones in its `type` param.
 */
export type MerchantListType = KnownMerchantListType | (string & {});
