import type { RequestOptions } from '../core/config.js';
import type { KnotPromise } from '../core/promise.js';
import { type Merchant, MerchantListSchema } from '../schemas/merchant.js';
import { type MerchantListParams, MerchantListParamsSchema } from '../schemas/params.js';
import { Resource } from './resource.js';

export class Merchants extends Resource {
  /** `POST /merchant/list`: merchants available for a product (and platform). */
  list(params: MerchantListParams, options?: RequestOptions): KnotPromise<Merchant[]> {
    return this.core.request(
      { method: 'POST', operation: 'merchants.list', path: '/merchant/list', paramsSchema: MerchantListParamsSchema, response: MerchantListSchema },
      params,
      options,
    );
  }
}
