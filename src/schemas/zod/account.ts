import { z } from 'zod';
import { CONNECTION_STATUSES } from '../account.js';
import { MerchantRefSchema, openEnum } from './shared.js';

// The field docs are on the interfaces in ../account.ts, which test/types proves equal to these.

export const MerchantAccountSchema = z.looseObject({
  merchant: MerchantRefSchema,
  connection: z.looseObject({
    status: openEnum(CONNECTION_STATUSES),
    scopes: z.array(z.looseObject({ type: z.string() })).optional(),
  }),
  lifecycle: z.looseObject({ status: z.string().nullable() }).nullish(),
  last_user_action: z.looseObject({ attempted_at: z.string().nullable(), status: z.string().nullable() }).nullish(),
});

export const MerchantAccountListSchema = z.array(MerchantAccountSchema);
