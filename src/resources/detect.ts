import type { RequestOptions } from '../core/request-options.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KnotPromise } from '../core/promise.js';
import type { DetectStartParams } from '../schemas/detect.js';
import type { MessageResponse } from '../schemas/responses.js';
import { Resource } from './resource.js';

/** `knot.detect`: starts Detect, which finds the merchant accounts a user has online. */
export class Detect extends Resource {
  /**
   * `POST /detect`: asks Knot to look for the user's merchant accounts by their email (and phone
   * number, when given). Knot answers 202 at once and works in the background: when it finds
   * something it sends `NEW_DETECTED_ACCOUNTS_AVAILABLE` (within about a minute), and
   * `knot.detectedAccounts.list` / `search` answer from then on. Nothing found, no webhook. Detect
   * must be enabled for your Knot client (else 403 `NO_ACCESS`).
   *
   * @example
   * ```ts
   * await knot.detect.start({ external_user_id: 'user-1', email: 'ada@example.com', phone_number: '+14155551234' });
   * // later, in the NEW_DETECTED_ACCOUNTS_AVAILABLE handler: knot.detectedAccounts.list({ external_user_id: 'user-1' })
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid, e.g. an email that is not
   *   one or a phone number not in E.164 form (nothing is sent).
   * @throws {@link KnotPermissionDeniedError} `NO_ACCESS` when Detect is not enabled for your client;
   *   any {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  start(params: DetectStartParams, options?: RequestOptions): KnotPromise<MessageResponse> {
    return this.core.request(ENDPOINTS['detect.start'], params, options);
  }
}
