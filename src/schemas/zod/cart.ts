/** The Shopping cart (knot-api.md §11.6.3), built from ./builders/cart.ts with zod loaded. */
import { z } from 'zod';
import { cartSchemas } from './builders/cart.js';
import * as shared from './shared.js';

export const { FulfillmentSchema, CartSchema } = cartSchemas(z, shared);
