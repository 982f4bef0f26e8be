import { z } from 'zod';
import type { Clean } from './shared.js';

export const MERCHANT_LIST_TYPES = ['card_switcher', 'transaction_link', 'shopping', 'vault', 'subscription_manager'] as const;
export const PLATFORMS = ['ios', 'android', 'web'] as const;

export const MerchantSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  category: z.string().nullish(),
  logo: z.string().nullish(),
  /** Only when `platform` was sent. */
  min_sdk_version: z.string().nullish(),
  /** Legacy: only when the deprecated `external_user_id` was sent. */
  status: z.string().nullish(),
});

export const MerchantListSchema = z.array(MerchantSchema);

export type Merchant = Clean<z.infer<typeof MerchantSchema>>;
export type Platform = (typeof PLATFORMS)[number];
export type MerchantListType = (typeof MERCHANT_LIST_TYPES)[number] | (string & {});
