import { z } from 'zod';
import { ADJUSTMENT_TYPES } from '../transaction.js';

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
/** A phone number as Knot takes it: E.164, e.g. `+14155551234`. */
export const e164Phone = z.string().regex(/^\+[1-9]\d{1,14}$/, 'must be an E.164 phone number, e.g. +11234567890');

export const MerchantRefSchema = z.looseObject({
  id: z.number(),
  name: z.string(),
  logo: z.string().nullish(),
  category: z.string().nullish(),
});

/** Shared by transactions and Shopping carts (one schema, so the two cannot drift). */
export const AddressSchema = z.looseObject({
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postal_code: z.string().nullable(),
  country: z.string(),
});

export const AdjustmentSchema = z.looseObject({
  type: openEnum(ADJUSTMENT_TYPES),
  label: z.string().nullable(),
  amount: z.string(),
});
