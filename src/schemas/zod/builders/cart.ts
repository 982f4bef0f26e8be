/** The Shopping cart of `SYNC_CART_SUCCEEDED` (knot-api.md §11.6.3); see ../../cart.ts for the fields. */
import { FULFILLMENT_TYPES } from '../../cart.js';
import type { SharedSchemas } from './shared.js';
import type { Zod } from './zod.js';

// Address and Adjustment come from the shared shapes, not the transaction module: that would put
// every transaction schema into a bundle that only parses webhooks.
export function cartSchemas(z: Zod, { AddressSchema, AdjustmentSchema, openEnum }: SharedSchemas) {
  const FulfillmentSchema = z.looseObject({
    id: z.string(),
    type: openEnum(FULFILLMENT_TYPES),
    label: z.string().nullish(),
    availabilityStart: z.string().nullish(),
    availabilityEnd: z.string().nullish(),
    price: z.looseObject({ total: z.string(), currency: z.string() }).optional(),
  });

  const CartSchema = z.looseObject({
    products: z
      .array(
        z.looseObject({
          external_id: z.string(),
          fulfillment: FulfillmentSchema.extend({ options: z.array(FulfillmentSchema).optional() }).optional(),
        }),
      )
      .optional(),
    delivery_location: z
      .looseObject({
        address: AddressSchema.nullish(),
        first_name: z.string().nullish(),
        last_name: z.string().nullish(),
        phone_number: z.string().nullish(),
      })
      .nullish(),
    price: z
      .looseObject({
        sub_total: z.string().nullish(),
        adjustments: z.array(AdjustmentSchema).nullish(),
        total: z.string().optional(),
        currency: z.string().nullish(),
      })
      .optional(),
  });

  return { FulfillmentSchema, CartSchema };
}
