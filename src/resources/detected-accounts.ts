import type { RequestOptions } from '../core/request-options.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KnotPromise } from '../core/promise.js';
import type { DetectedAccountSearchParams, DetectedAccountSearchResult } from '../schemas/detect.js';
import { Resource } from './resource.js';

/** `knot.detectedAccounts`: what Detect found for a user (start it with `knot.detect.start`). */
export class DetectedAccounts extends Resource {
  /**
   * `POST /detected-accounts/search`: for each company named, whether Knot detected an account of
   * the user there. Any company can be asked about, not only merchants Knot supports. The answers
   * come in the order of `names`, each echoing its name as given. A user for whom detection was never
   * started is `USER_NOT_FOUND`.
   *
   * @example
   * ```ts
   * const results = await knot.detectedAccounts.search({ external_user_id: 'user-1', names: ['Spotify', 'Meta'] });
   * const found = results.filter((r) => r.detected).map((r) => r.name);
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid, e.g. `names` empty or
   *   holding a blank name (nothing is sent).
   * @throws {@link KnotBadRequestError} e.g. `USER_NOT_FOUND`; {@link KnotPermissionDeniedError}
   *   `NO_ACCESS` when Detect is not enabled for your client; any {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  search(params: DetectedAccountSearchParams, options?: RequestOptions): KnotPromise<DetectedAccountSearchResult[]> {
    return this.core.request(ENDPOINTS['detectedAccounts.search'], params, options);
  }
}
