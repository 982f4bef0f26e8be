import type { RequestOptions } from '../core/request-options.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KnotPromise } from '../core/promise.js';
import type { Merchant } from '../schemas/merchant.js';
import type { MerchantListParams } from '../schemas/params.js';
import { Resource } from './resource.js';

/** `knot.merchants`: the merchants users can link. */
export class Merchants extends Resource {
  /**
   * `POST /merchant/list`: the merchants available for a product. Send `platform` to get each
   * merchant's `min_sdk_version` and hide those the app's SDK is too old for. Knot suggests calling it
   * at app launch and then about daily.
   *
   * @example
   * ```ts
   * const appSdkVersion = '2.4.0'; // the Knot SDK version the app ships
   * const merchants = await knot.merchants.list({ type: 'transaction_link', platform: 'ios' });
   * // a numeric comparison of dotted versions ('2.10.0' is after '2.4.0'), or semver.lte
   * const shown = merchants.filter(
   *   (m) => !m.min_sdk_version || m.min_sdk_version.localeCompare(appSdkVersion, undefined, { numeric: true }) <= 0,
   * );
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid (nothing is sent).
   * @throws {@link KnotBadRequestError} e.g. `INVALID_FIELD`; any {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  list(params: MerchantListParams, options?: RequestOptions): KnotPromise<Merchant[]> {
    return this.core.request(ENDPOINTS['merchants.list'], params, options);
  }
}
