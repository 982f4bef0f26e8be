/**
 * The endpoint table: every Knot endpoint the SDK calls, as one row each. The resource methods send
 * their row through the core, the core refuses development-only rows against production, the fake
 * (src/testing/routes.ts) serves every row, and test/contract checks that each row is served, named
 * in a guide and shown in an example. A new endpoint starts here. Schemas are named, not imported:
 * the core loads them with the first request (schemas/load.ts), so importing the SDK builds none.
 */
import { sealedCardBody } from './cards/step.js';
import { resumePoint } from './core/cursor-guard.js';
import type { CursorPage } from './core/page-promise.js';
import type { EndpointSpec, ListEndpointSpec, PageItemsKey } from './internal/http.js';
import type { Schemas } from './schemas/load.js';
import type { SyncPage, SyncResponse } from './schemas/transaction.js';
import type { CardSwitchParsed } from './schemas/zod/card.js';
import type { CheckoutParsed } from './schemas/zod/shopping.js';

/** Adds the cursor sent and the resume point (see resumePoint: never null over a real cursor, never blank). */
function toSyncPage(page: SyncResponse, cursor: string | null): SyncPage {
  return { ...page, cursor, checkpoint: resumePoint(page.next_cursor, cursor) };
}

/** Keeps each row's own types while checking it against the spec shape. */
const row = <P, T, R = T>(spec: EndpointSpec<P, T, R>): EndpointSpec<P, T, R> => spec;

/**
 * A cursor-paginated list row: `pageItems` names the answer's field that holds the items, and the
 * core walks the pages (`core.list`). Keeps that field's literal type, so the item type follows, and
 * refuses a name that is not an array field of the answer. Type the `response` picker's `s`
 * (`(s: Schemas) => ...`): TypeScript then infers the answer type before it checks `pageItems`.
 */
export const listRow = <P extends { cursor?: string | null }, T extends CursorPage, K extends PageItemsKey<T>>(
  spec: ListEndpointSpec<P, T, K>,
): ListEndpointSpec<P, T, K> => spec;

/** A missing or null cursor means "from the beginning", and Knot wants it left out then. */
function omitNullCursor<P extends { cursor?: string | null }>({ cursor, ...rest }: P): Record<string, unknown> {
  return cursor == null ? rest : { ...rest, cursor };
}

// Card Switcher's key: its own constant because the card rows' body steps fetch it too.
const jweKeyRow = row({
  operation: 'cards.jweKey',
  method: 'GET',
  path: '/jwe/key',
  status: 200,
  paramsSchema: (s) => s.JweKeyParamsSchema,
  response: (s) => s.JweKeySchema,
});

export const ENDPOINTS = {
  'sessions.create': row({
    operation: 'sessions.create',
    method: 'POST',
    path: '/session/create',
    status: 200,
    paramsSchema: (s) => s.SessionCreateParamsSchema,
    response: (s) => s.SessionResponseSchema,
  }),
  'sessions.extend': row({
    operation: 'sessions.extend',
    method: 'POST',
    path: '/session/extend',
    status: 200,
    paramsSchema: (s) => s.SessionExtendParamsSchema,
    response: (s) => s.SessionResponseSchema,
  }),
  'merchants.list': row({
    operation: 'merchants.list',
    method: 'POST',
    path: '/merchant/list',
    status: 200,
    paramsSchema: (s) => s.MerchantListParamsSchema,
    response: (s) => s.MerchantListSchema,
  }),
  'accounts.list': row({
    operation: 'accounts.list',
    method: 'GET',
    path: '/accounts/get',
    status: 200,
    paramsSchema: (s) => s.AccountListParamsSchema,
    response: (s) => s.MerchantAccountListSchema,
  }),
  'accounts.get': row({
    operation: 'accounts.get',
    method: 'GET',
    path: '/accounts/get',
    status: 200,
    paramsSchema: (s) => s.AccountGetParamsSchema,
    response: (s) => s.MerchantAccountSchema,
  }),
  'accounts.unlink': row({
    operation: 'accounts.unlink',
    method: 'POST',
    path: '/accounts/unlink',
    status: 200,
    paramsSchema: (s) => s.AccountRefParamsSchema,
    response: (s) => s.MessageResponseSchema,
  }),
  'transactions.syncPage': row({
    operation: 'transactions.syncPage',
    method: 'POST',
    path: '/transactions/sync',
    status: 200,
    paramsSchema: (s) => s.SyncPageRequestSchema,
    payload: omitNullCursor,
    response: (s) => s.SyncResponseSchema,
    result: (page, sent) => toSyncPage(page, sent.cursor),
  }),
  'transactions.get': row({
    operation: 'transactions.get',
    method: 'GET',
    path: '/transactions/:id',
    status: 200,
    paramsSchema: (s) => s.TransactionIdSchema,
    response: (s) => s.TransactionSchema,
  }),
  'transactions.refresh': row({
    operation: 'transactions.refresh',
    method: 'POST',
    path: '/transactions/refresh',
    status: 202,
    paramsSchema: (s) => s.AccountRefParamsSchema,
    response: (s) => s.MessageResponseSchema,
    // One refresh per hour per account: a 429's Retry-After is remembered for that account.
    rateLimitKey: (p) => `${p.merchant_id}:${p.external_user_id}`,
  }),
  'users.delete': row({
    operation: 'users.delete',
    method: 'POST',
    path: '/user/delete',
    status: 200,
    paramsSchema: (s) => s.UserDeleteParamsSchema,
    response: (s) => s.MessageResponseSchema,
  }),
  // Subscription Manager (knot-api.md §11.4)
  'subscriptions.list': listRow({
    operation: 'subscriptions.list',
    method: 'POST',
    path: '/subscriptions/list',
    status: 200,
    paramsSchema: (s) => s.SubscriptionListParamsSchema,
    payload: omitNullCursor,
    response: (s: Schemas) => s.SubscriptionPageSchema,
    pageItems: 'subscriptions',
  }),
  'subscriptions.get': row({
    operation: 'subscriptions.get',
    method: 'GET',
    path: '/subscriptions/:id',
    status: 200,
    paramsSchema: (s) => s.SubscriptionIdSchema,
    response: (s) => s.SubscriptionSchema,
  }),
  'subscriptions.cancel': row({
    operation: 'subscriptions.cancel',
    method: 'POST',
    path: '/subscriptions/:id/cancel',
    status: 202,
    paramsSchema: (s) => s.SubscriptionCancelRequestSchema,
    response: (s) => s.MessageResponseSchema,
  }),
  // Detect (knot-api.md §11.5)
  'detect.start': row({
    operation: 'detect.start',
    method: 'POST',
    path: '/detect',
    status: 202,
    paramsSchema: (s) => s.DetectStartParamsSchema,
    response: (s) => s.MessageResponseSchema,
  }),
  'detectedAccounts.list': listRow({
    operation: 'detectedAccounts.list',
    method: 'POST',
    path: '/detected-accounts/list',
    status: 200,
    paramsSchema: (s) => s.DetectedAccountListParamsSchema,
    payload: omitNullCursor,
    // `s` typed: TypeScript then infers the page type before it checks `pageItems` against it.
    response: (s: Schemas) => s.DetectedAccountsPageSchema,
    pageItems: 'detected_accounts',
  }),
  'detectedAccounts.search': row({
    operation: 'detectedAccounts.search',
    method: 'POST',
    path: '/detected-accounts/search',
    status: 200,
    paramsSchema: (s) => s.DetectedAccountSearchParamsSchema,
    response: (s) => s.DetectedAccountSearchResultsSchema,
  }),
  // Card Switcher (knot-api.md §11.3)
  'cards.jweKey': jweKeyRow,
  'cards.switch': row({
    operation: 'cards.switch',
    method: 'POST',
    path: '/card',
    status: 200,
    paramsSchema: (s) => s.CardSwitchParamsSchema,
    // The card reaches the wire only inside the JWE: `{ task_id, jwe }` or `{ external_user_id, merchant_id, jwe, ... }`.
    prepare: sealedCardBody<CardSwitchParsed>('cards.switch', jweKeyRow, async ({ user, card, ...rest }, seal) => ({ ...rest, jwe: await seal({ user, card }) })),
    response: (s) => s.MessageResponseSchema,
  }),
  // Shopping (knot-api.md §11.6): both calls answer 202; the outcome arrives as a webhook.
  'shopping.syncCart': row({
    operation: 'shopping.syncCart',
    method: 'POST',
    path: '/cart',
    status: 202,
    paramsSchema: (s) => s.SyncCartParamsSchema,
    response: (s) => s.MessageResponseSchema,
    developmentOnlyParams: ['simulate'],
  }),
  'shopping.checkout': row({
    operation: 'shopping.checkout',
    method: 'POST',
    path: '/cart/checkout',
    status: 202,
    paramsSchema: (s) => s.CheckoutParamsSchema,
    // The card reaches the wire only inside the JWE: `payment_method: { id?, is_single_use?, jwe }`.
    prepare: sealedCardBody<CheckoutParsed>('shopping.checkout', jweKeyRow, async ({ payment_method, ...rest }, seal) => {
      if (!payment_method) return rest;
      const { user, card, ...method } = payment_method;
      return { ...rest, payment_method: { ...method, jwe: await seal({ user, card }) } };
    }),
    response: (s) => s.MessageResponseSchema,
    developmentOnlyParams: ['simulate'],
  }),
  'development.linkAccount': row({
    operation: 'development.linkAccount',
    method: 'POST',
    path: '/development/accounts/link',
    status: 200,
    paramsSchema: (s) => s.LinkAccountParamsSchema,
    response: (s) => s.MessageResponseSchema,
    developmentOnly: true,
  }),
  'development.disconnectAccount': row({
    operation: 'development.disconnectAccount',
    method: 'POST',
    path: '/development/accounts/disconnect',
    status: 200,
    paramsSchema: (s) => s.AccountRefParamsSchema,
    response: (s) => s.MessageResponseSchema,
    developmentOnly: true,
  }),
};

/** An operation name of the table, e.g. `'transactions.get'`. */
export type Operation = keyof typeof ENDPOINTS;
