import type { RequestOptions } from '../core/request-options.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KnotPromise } from '../core/promise.js';
import type { UserDeleteParams } from '../schemas/params.js';
import type { MessageResponse } from '../schemas/responses.js';
import { Resource } from './resource.js';

/** `knot.users`: the users Knot holds data for. */
export class Users extends Resource {
  /**
   * `POST /user/delete`: deletes the user and everything Knot holds for them, e.g. to honour a GDPR
   * erasure request. Knot does not document whether it also unlinks the user's merchant accounts or
   * sends a webhook, so delete your own copy of their data as well. Deleting an unknown (or already
   * deleted) user is a `USER_NOT_FOUND` error.
   *
   * @example
   * ```ts
   * try {
   *   await knot.users.delete({ external_user_id: 'user-1' });
   * } catch (error) {
   *   // already gone: nothing left to delete at Knot
   *   if (!(error instanceof KnotApiError && error.errorCode === 'USER_NOT_FOUND')) throw error;
   * }
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid (nothing is sent).
   * @throws {@link KnotBadRequestError} e.g. `USER_NOT_FOUND` for an unknown user; any {@link KnotApiError}
   *   subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  delete(params: UserDeleteParams, options?: RequestOptions): KnotPromise<MessageResponse> {
    return this.core.request(ENDPOINTS['users.delete'], params, options);
  }
}
