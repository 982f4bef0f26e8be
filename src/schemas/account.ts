import { z } from 'zod';
import { type Clean, MerchantRefSchema, openEnum } from './shared.js';

export const CONNECTION_STATUSES = ['connected', 'disconnected'] as const;

export const MerchantAccountSchema = z.looseObject({
  merchant: MerchantRefSchema,
  connection: z.looseObject({
    status: openEnum(CONNECTION_STATUSES),
    scopes: z.array(z.looseObject({ type: z.string() })).optional(),
  }),
  lifecycle: z.looseObject({ status: z.string().nullable() }).nullish(),
  last_user_action: z
    .looseObject({ attempted_at: z.string().nullable(), status: z.string().nullable() })
    .nullish(),
});

export const MerchantAccountListSchema = z.array(MerchantAccountSchema);

export type MerchantAccount = Clean<z.infer<typeof MerchantAccountSchema>>;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number] | (string & {});
