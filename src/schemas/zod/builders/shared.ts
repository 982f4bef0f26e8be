/** The shapes several families share: merchant refs, addresses, price adjustments, open enums. */
import type { z as Z } from 'zod';
import { ADJUSTMENT_TYPES } from '../../transaction.js';
import type { Zod } from './zod.js';

export function sharedSchemas(z: Zod) {
  /**
   * An enum that stays open: known values autocomplete, unknown ones (Knot adds values without a new
   * API version) pass validation untouched.
   */
  function openEnum<const T extends readonly string[]>(_values: T) {
    return z.string() as unknown as Z.ZodType<T[number] | (string & {})>;
  }

  const MerchantRefSchema = z.looseObject({
    id: z.number(),
    name: z.string(),
    logo: z.string().nullish(),
    category: z.string().nullish(),
  });

  /** Shared by transactions and Shopping carts (one schema, so the two cannot drift). */
  const AddressSchema = z.looseObject({
    line1: z.string().nullable(),
    line2: z.string().nullable(),
    city: z.string().nullable(),
    region: z.string().nullable(),
    postal_code: z.string().nullable(),
    country: z.string(),
  });

  const AdjustmentSchema = z.looseObject({
    type: openEnum(ADJUSTMENT_TYPES),
    label: z.string().nullable(),
    amount: z.string(),
  });

  return { openEnum, MerchantRefSchema, AddressSchema, AdjustmentSchema };
}

export type SharedSchemas = ReturnType<typeof sharedSchemas>;
