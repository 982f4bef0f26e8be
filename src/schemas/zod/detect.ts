import { z } from 'zod';
import { e164Phone, MerchantRefSchema, nonEmptyString } from './shared.js';

// Detect (knot-api.md §11.5). The field docs are on the interfaces in ../detect.ts, which
// test/types proves equal to these.

export const DetectStartParamsSchema = z.strictObject({
  external_user_id: nonEmptyString,
  email: z.email('must be a valid email address'),
  phone_number: e164Phone.optional(),
});

export const DetectedAccountListParamsSchema = z.strictObject({
  external_user_id: nonEmptyString,
  cursor: nonEmptyString.nullish(),
  limit: z.number().int().min(1).max(100).default(100),
});

export const DetectedAccountSearchParamsSchema = z.strictObject({
  external_user_id: nonEmptyString,
  names: z
    .array(nonEmptyString.refine((name) => name.trim() !== '', 'must not be blank'))
    .min(1, 'must hold at least one company name'),
});

export const DetectedAccountSearchResultSchema = z.looseObject({
  name: z.string(),
  detected: z.boolean(),
  detected_at: z.string().nullable(),
});

/** Knot answers a search with a bare array, one element per name asked about. */
export const DetectedAccountSearchResultsSchema = z.array(DetectedAccountSearchResultSchema);

export const DetectedAccountSchema = z.looseObject({
  merchant: MerchantRefSchema,
  detected_at: z.string(),
});

export const DetectedAccountsPageSchema = z.looseObject({
  detected_accounts: z.array(DetectedAccountSchema),
  next_cursor: z.string().nullish(),
  limit: z.number().optional(),
});
