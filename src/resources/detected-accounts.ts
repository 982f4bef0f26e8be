import type { RequestOptions } from '../core/request-options.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KnotPagePromise } from '../core/page-promise.js';
import type { KnotPromise } from '../core/promise.js';
import type {
  DetectedAccount,
  DetectedAccountListParams,
  DetectedAccountSearchParams,
  DetectedAccountSearchResult,
  DetectedAccountsPage,
} from '../schemas/detect.js';
import { Resource } from './resource.js';

/** `knot.detectedAccounts`: what Detect found for a user (start it with `knot.detect.start`). */
export class DetectedAccounts extends Resource {
  /**
   * `POST /detected-accounts/list`: the accounts Knot detected for the user at merchants it
   * supports. `await` it for the first page (`{ detected_accounts, next_cursor, limit }`), or loop over
   * it for every account across pages (each page requested as the loop reaches it; `.pages()` for
   * whole pages). A page with accounts points `next_cursor` past them and the last page answers
   * `null`: keep the last non-null one, and a later list from it returns only accounts detected since.
   * A user for whom detection was never started is `USER_NOT_FOUND`.
   *
   * @example
   * ```ts
   * for await (const account of knot.detectedAccounts.list({ external_user_id: 'user-1' })) {
   *   console.log(account.merchant.name, account.detected_at);
   * }
   * const first = await knot.detectedAccounts.list({ external_user_id: 'user-1', limit: 10 });
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid, e.g. `limit` outside 1..100
   *   or an empty `cursor` (nothing is sent).
   * @throws {@link KnotBadRequestError} e.g. `USER_NOT_FOUND`; {@link KnotPermissionDeniedError}
   *   `NO_ACCESS` when Detect is not enabled for your client; any {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a page is not the JSON Knot documents, or its
   *   `next_cursor` repeats one already followed (see {@link KnotPagePromise}).
   */
  list(params: DetectedAccountListParams, options?: RequestOptions): KnotPagePromise<DetectedAccount, DetectedAccountsPage> {
    return this.core.list(ENDPOINTS['detectedAccounts.list'], params, options);
  }

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
