import { z } from 'zod';
import { sharedSchemas } from './builders/shared.js';

// Built from the same builders as the webhook schemas (./builders), with zod loaded: one definition each.
export const { openEnum, MerchantRefSchema, AddressSchema, AdjustmentSchema } = sharedSchemas(z);

/** Merchant ids are positive integers, the same in every environment. */
export const merchantId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** Ids we send must be non-empty: an empty id would address a different resource. */
export const nonEmptyString = z.string().min(1, 'must be a non-empty string');
/** A phone number as Knot takes it: E.164, e.g. `+14155551234`. */
export const e164Phone = z.string().regex(/^\+[1-9]\d{1,14}$/, 'must be an E.164 phone number, e.g. +11234567890');
