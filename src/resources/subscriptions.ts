import type { RequestOptions } from '../core/request-options.js';
import { ENDPOINTS } from '../endpoints.js';
import type { KnotPagePromise } from '../core/page-promise.js';
import type { KnotPromise } from '../core/promise.js';
import type { MessageResponse } from '../schemas/responses.js';
import type { Subscription, SubscriptionCancelParams, SubscriptionListParams, SubscriptionPage } from '../schemas/subscription.js';
import { Resource } from './resource.js';

/** `knot.subscriptions`: Subscription Manager, the subscriptions and bills on a user's merchant accounts. */
export class Subscriptions extends Resource {
  /**
   * `POST /subscriptions/list`: the user's subscriptions across all their merchants, page by page.
   * Await it for the first page as Knot sends it, or `for await` it for every subscription of every
   * page (later pages are requested as the loop reaches them); `.pages()` hands over whole pages.
   * See {@link KnotPagePromise} and docs/pagination.md.
   *
   * @example
   * ```ts
   * for await (const sub of knot.subscriptions.list({ external_user_id: 'user-1' })) {
   *   if (sub.status === 'ACTIVE' && sub.is_cancellable) console.log(sub.name, sub.price.total, sub.price.currency);
   * }
   * const first = await knot.subscriptions.list({ external_user_id: 'user-1', limit: 10 });
   * console.log(first.subscriptions.length, first.next_cursor);
   * ```
   *
   * @throws {@link KnotValidationError} when params or options are invalid (nothing is sent).
   * @throws {@link KnotPermissionDeniedError} `NO_ACCESS` when Subscription Manager is not enabled for
   *   your client; any {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents, or
   *   while iterating, when Knot repeats a cursor or sends more than 100 empty pages in a row.
   */
  list(params: SubscriptionListParams, options?: RequestOptions): KnotPagePromise<Subscription, SubscriptionPage> {
    return this.core.list(ENDPOINTS['subscriptions.list'], params, options);
  }

  /**
   * `GET /subscriptions/{id}`: one subscription, e.g. for each id of a NEW_SUBSCRIPTIONS_AVAILABLE
   * or UPDATED_SUBSCRIPTIONS_AVAILABLE webhook. The id is sent percent-encoded as one path segment.
   *
   * @example
   * ```ts
   * const handler = knot.webhooks.handler({
   *   on: {
   *     NEW_SUBSCRIPTIONS_AVAILABLE: async (event) => {
   *       for (const { id } of event.data.subscriptions ?? []) console.log(await knot.subscriptions.get(id));
   *     },
   *   },
   * });
   * ```
   *
   * @throws {@link KnotValidationError} when `id` is empty, `.` or `..`, or options are invalid (nothing is sent).
   * @throws {@link KnotBadRequestError} e.g. `SUBSCRIPTION_NOT_FOUND` for an unknown id;
   *   {@link KnotPermissionDeniedError} `NO_ACCESS`; any {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  get(id: string, options?: RequestOptions): KnotPromise<Subscription> {
    return this.core.request(ENDPOINTS['subscriptions.get'], id, options);
  }

  /**
   * `POST /subscriptions/{id}/cancel` (202): asks Knot to cancel the subscription at the merchant.
   * The outcome comes later, as a CANCELLATION_SUCCEEDED or CANCELLATION_FAILED webhook. Offer it
   * only when `is_cancellable` is `true` and the merchant account has the `cancel` scope.
   * `external_user_id` and `merchant_id` go in the body only when given (Knot's pages disagree on
   * whether it takes a body).
   *
   * @example
   * ```ts
   * const sub = await knot.subscriptions.get('13da3c28-a068-4642-9ce2-b730cfda5f5f');
   * if (sub.is_cancellable) {
   *   await knot.subscriptions.cancel(sub.id, { external_user_id: 'user-1', merchant_id: sub.merchant.id });
   *   // then wait for CANCELLATION_SUCCEEDED (or CANCELLATION_FAILED) on your webhook
   * }
   * ```
   *
   * @throws {@link KnotValidationError} when `id`, the body fields or options are invalid (nothing is sent).
   * @throws {@link KnotBadRequestError} e.g. `SUBSCRIPTION_NOT_FOUND`; {@link KnotPermissionDeniedError}
   *   `NO_ACCESS`; any {@link KnotApiError} subclass by status.
   * @throws {@link KnotConnectionError} or {@link KnotTimeoutError} when no answer came after every retry.
   * @throws {@link KnotAbortError} when `options.signal` fires.
   * @throws {@link KnotResponseValidationError} when a 2xx body is not the JSON Knot documents.
   */
  cancel(id: string, params?: SubscriptionCancelParams, options?: RequestOptions): KnotPromise<MessageResponse> {
    return this.core.request(ENDPOINTS['subscriptions.cancel'], { id, body: params }, options);
  }
}
