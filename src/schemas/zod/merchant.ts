import { z } from 'zod';

// The field docs are on the interfaces in ../merchant.ts, which test/types proves equal to these.

export const MerchantSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  category: z.string().nullish(),
  logo: z.string().nullish(),
  min_sdk_version: z.string().nullish(),
  status: z.string().nullish(),
});

export const MerchantListSchema = z.array(MerchantSchema);
