/**
 * Types shared by the wire types. This module, like every `src/schemas/*.ts` beside it, holds types
 * and plain constants only: the zod schemas live in `src/schemas/zod/` and are loaded when a request
 * or a webhook first needs them.
 */

// `string & {}` (an open enum's catch-all) counts as an object to `extends object`; mapping over it
// would spell out every String method, so primitives, branded or not, stop here.
type Primitive = string | number | boolean | bigint | symbol | null | undefined;
type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: 0 };

/**
 * Removes the `[k: string]: unknown` that zod's `looseObject` adds to inferred types, at every
 * depth. The documented interfaces are checked against `Clean<z.output<typeof Schema>>` (see
 * test/types/wire-types.test-d.ts), so they cannot drift from the schemas. A pure record
 * (`loyalty: Record<string, unknown>`) has nothing but an index signature, so it is kept as a record
 * rather than collapsed into `{}`.
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

/**
 * The merchant as embedded in a sync page, a merchant account and webhooks. `id` is the same in
 * every environment.
 */
export interface MerchantRef {
  /** Knot's merchant id, an integer, the same in every environment (pass it as `merchant_id`). */
  id: number;
  /** The merchant's display name, e.g. `DoorDash`. */
  name: string;
  /** URL of the merchant's logo; present in some payloads only. */
  logo?: string | null;
  /** The merchant's category, e.g. `Online shopping`; present in some payloads only. */
  category?: string | null;
}
