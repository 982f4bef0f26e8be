/**
 * The typed Node SDK for the Knot API. Start with {@link KnotClient}; every error it rejects with
 * is a {@link KnotError}. The fake Knot API for tests is in `knotapi-node/testing`.
 *
 * @module knotapi-node
 */
export { KnotClient } from './client.js';
export type { KnotClientOptions, KnotEnvironment } from './core/config.js';
export type { RequestOptions } from './core/request-options.js';
export {
  KnotAbortError,
  KnotApiError,
  KnotAuthenticationError,
  KnotBadRequestError,
  KnotConfigError,
  KnotConnectionError,
  KnotError,
  KnotNotFoundError,
  KnotPermissionDeniedError,
  KnotRateLimitError,
  KnotResponseValidationError,
  KnotServerError,
  KnotTimeoutError,
  KnotValidationError,
  KnotWebhookError,
  type KnotWebhookErrorReason,
  type ValidationIssue,
} from './core/errors.js';
export type { LimiterSetting } from './core/limiter.js';
export type { Logger, LogLevel } from './core/logger.js';
export { KnotPagePromise, type CursorPage, type KnotPage } from './core/page-promise.js';
export { KnotPromise, type KnotResponseInfo, type WithResponse } from './core/promise.js';
export type {
  ConnectionScope,
  ConnectionStatus,
  LastUserAction,
  MerchantAccount,
  MerchantAccountConnection,
  MerchantAccountLifecycle,
} from './schemas/account.js';
export type {
  Cardholder,
  CardholderAddress,
  CardholderName,
  CardPayload,
  CardSwitchAccountParams,
  CardSwitchParams,
  CardSwitchTaskParams,
  JweKey,
  PaymentCard,
} from './schemas/card.js';
export type {
  DetectedAccount,
  DetectedAccountListParams,
  DetectedAccountSearchParams,
  DetectedAccountSearchResult,
  DetectedAccountsPage,
  DetectStartParams,
} from './schemas/detect.js';
export type { KnotErrorCode, KnotErrorType } from './schemas/error.js';
export type { Merchant, MerchantListType, Platform } from './schemas/merchant.js';
export type {
  AccountGetParams,
  AccountListParams,
  AccountUnlinkParams,
  DisconnectAccountParams,
  LinkAccountParams,
  LinkAccountTransactions,
  MerchantListParams,
  RefreshParams,
  SessionCardHints,
  SessionCreateParams,
  SessionExtendParams,
  SyncPageParams,
  UserDeleteParams,
} from './schemas/params.js';
export type { MessageResponse, SessionResponse } from './schemas/responses.js';
export type { MerchantRef } from './schemas/shared.js';
export type {
  BillingCycle,
  Subscription,
  SubscriptionCancelParams,
  SubscriptionListParams,
  SubscriptionPage,
  SubscriptionPrice,
  SubscriptionStatus,
} from './schemas/subscription.js';
export type {
  CheckoutParams,
  CheckoutPaymentMethod,
  DeliveryAddressParams,
  DeliveryLocationParams,
  FulfillmentChoice,
  ShoppingSimulation,
  SyncCartParams,
  SyncCartProduct,
} from './schemas/shopping.js';
export type {
  Address,
  Adjustment,
  AdjustmentType,
  Eligibility,
  OrderStatus,
  PaymentMethod,
  PaymentMethodType,
  Price,
  Product,
  ProductPrice,
  Seller,
  Shipping,
  ShippingLocation,
  SyncPage,
  Transaction,
} from './schemas/transaction.js';
export { VERSION } from './version.js';
// Types only: the client creates the resources; their classes are exported for their docs and for
// annotations such as `(accounts: Accounts) => ...`.
export type { Accounts } from './resources/accounts.js';
export type { Detect } from './resources/detect.js';
export type { DetectedAccounts } from './resources/detected-accounts.js';
export type { Cards } from './resources/cards.js';
export type { Development } from './resources/development.js';
export type { Merchants } from './resources/merchants.js';
export type { Sessions } from './resources/sessions.js';
export type { Subscriptions } from './resources/subscriptions.js';
export type { Shopping } from './resources/shopping.js';
export type { Transactions } from './resources/transactions.js';
export type { Users } from './resources/users.js';
export type { SyncOptions, SyncParams } from './sync/options.js';
export { TransactionSync } from './sync/transaction-sync.js';
export * from './webhooks/index.js';
