import { z } from 'zod';
import type { Clean } from './shared.js';

export const MERCHANT_LIST_TYPES = ['card_switcher', 'transaction_link', 'shopping', 'vault', 'subscription_manager'] as const;
export const PLATFORMS = ['ios', 'android', 'web'] as const;

export const MerchantSchema = z.looseObject({
  /** The merchant's id, the same in every environment. */
  id: z.number(),
  name: z.string(),
  /** E.g. `Online shopping`. */
  category: z.string().nullish(),
  /** URL of the merchant's logo. */
  logo: z.string().nullish(),
  /**
   * Only when `platform` was sent: the oldest Knot client SDK version on that platform that
   * supports the merchant. Hide merchants the app's SDK version is below.
   */
  min_sdk_version: z.string().nullish(),
  /** Legacy: only when the deprecated `external_user_id` was sent. */
  status: z.string().nullish(),
});

export const MerchantListSchema = z.array(MerchantSchema);

// Each exported wire type maps over its `...Shape` instead of aliasing it: the mapped copy is a type
// of its own, so editors and the API docs name it (`KnotPromise<Transaction>`) rather than spell
// out every field. The shape is the same.
type MerchantShape = Clean<z.infer<typeof MerchantSchema>>;
/**
 * A merchant users can link for a product, as `merchants.list` returns it.
 *
 * @interface
 */
export type Merchant = { [K in keyof MerchantShape]: MerchantShape[K] };

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
