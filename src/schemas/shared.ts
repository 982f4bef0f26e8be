import { z } from 'zod';

/**
 * An enum that stays open: known values autocomplete, unknown ones (Knot adds values without a new
 * API version) pass validation untouched.
 */
export function openEnum<const T extends readonly string[]>(_values: T) {
  return z.string() as unknown as z.ZodType<T[number] | (string & {})>;
}

// `string & {}` (an open enum's catch-all) counts as an object to `extends object`; mapping over it
// would spell out every String method, so primitives, branded or not, stop here.
type Primitive = string | number | boolean | bigint | symbol | null | undefined;
type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: 0 };

/**
 * Removes the `[k: string]: unknown` that zod's `looseObject` adds to inferred types, at every
 * depth, so a misspelt field is a compile error while unknown fields still survive at runtime.
 * A pure record (`loyalty: Record<string, unknown>`) has nothing but an index signature, so it is
 * kept as a record rather than collapsed into `{}`.
 *
 * @internal
 */
export type Clean<T> = T extends Primitive | ((...args: any[]) => any)
  ? T
  : T extends readonly (infer U)[]
    ? Clean<U>[]
    : T extends object
      ? [KnownKeys<T>] extends [never]
        ? T
        : { [K in keyof T as string extends K ? never : number extends K ? never : K]: Clean<T[K]> }
      : T;

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
