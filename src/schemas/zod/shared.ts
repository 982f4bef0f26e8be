import { z } from 'zod';

/**
 * An enum that stays open: known values autocomplete, unknown ones (Knot adds values without a new
 * API version) pass validation untouched.
 */
export function openEnum<const T extends readonly string[]>(_values: T) {
  return z.string() as unknown as z.ZodType<T[number] | (string & {})>;
}

/** Merchant ids are positive integers, the same in every environment. */
export const merchantId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** Ids we send must be non-empty: an empty id would address a different resource. */
export const nonEmptyString = z.string().min(1, 'must be a non-empty string');

export const MerchantRefSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  logo: z.string().nullish(),
  category: z.string().nullish(),
});
