import type { RequestOptions } from '../core/request-options.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KnotPromise } from '../core/promise.js';
import type { SessionCreateParams, SessionExtendParams } from '../schemas/params.js';
import type { SessionResponse } from '../schemas/responses.js';
import { Resource } from './resource.js';

/**
 * `knot.sessions`: sessions for the client-side Knot SDK, in which the user links accounts. A
 * session lasts 30 minutes; create one each time the app opens the SDK.
 */
export class Sessions extends Resource {
  /**
   * `POST /session/create`: a new session for the client-side SDK. Create it on your backend and
   * hand `session` to the app; for TransactionLink, the app opens the SDK with it and a merchant id.
   *
   * @example
   * ```ts
   * const { session } = await knot.sessions.create({ type: 'transaction_link', external_user_id: 'user-1' });
   * res.json({ session }); // the app opens the Knot SDK with it
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid (nothing is sent).
   * @throws {@link KnotBadRequestError} e.g. `PRODUCT_NOT_VALID`, {@link KnotPermissionDeniedError} `NO_ACCESS` (the
   *   product is not enabled for your keys); any {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  create(params: SessionCreateParams, options?: RequestOptions): KnotPromise<SessionResponse> {
    return this.core.request(ENDPOINTS['sessions.create'], params, options);
  }

  /**
   * `POST /session/extend`: another 30 minutes for a session the user still has open. Call it when
   * the client SDK asks (its `REFRESH_SESSION_REQUEST` event, shortly before expiry); once the SDK is
   * closed, create a new session instead.
   *
   * @example
   * ```ts
   * const created = await knot.sessions.create({ type: 'transaction_link', external_user_id: 'user-1' });
   * const { session } = await knot.sessions.extend({ session_id: created.session });
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid (nothing is sent).
   * @throws {@link KnotBadRequestError} e.g. `SESSION_NOT_FOUND` or `EXTEND_NOT_SUPPORTED`; any
   *   {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  extend(params: SessionExtendParams, options?: RequestOptions): KnotPromise<SessionResponse> {
    return this.core.request(ENDPOINTS['sessions.extend'], params, options);
  }
}
