/**
 * The part of the webhooks module that needs no Node built-in and no undici: what the
 * `knotapi-node/webhooks` entry exports, and what the root entry re-exports from this same module
 * (so `instanceof KnotWebhookError` holds whichever entry threw).
 */

export { KnotError, KnotWebhookError, type KnotWebhookErrorReason, type ValidationIssue } from '../core/errors.js';
export type {
  AccountEventFields,
  AccountLoginRequiredEvent,
  AccountsRetrievedEvent,
  AuthenticatedEvent,
  AuthenticatedEventData,
  CancellationFailedEvent,
  CancellationFailedEventData,
  CancellationSucceededEvent,
  CancellationSucceededEventData,
  CardEventData,
  CardFailedEvent,
  CardFailedEventData,
  CardFailedReason,
  CardUpdatedEvent,
  CardUpdatedEventData,
  CardUpdatingEvent,
  CheckoutFailedEvent,
  CheckoutSucceededEvent,
  CheckoutSucceededEventData,
  CredentialsFailedEvent,
  KnotWebhookEvent,
  KnotWebhookEventName,
  KnownWebhookEvent,
  LicenseFailedEvent,
  LicenseRequiredEvent,
  LoginApprovalEvent,
  LoginStepData,
  MerchantStatus,
  MerchantStatusPlatform,
  MerchantStatusProductType,
  MerchantStatusUpdateData,
  MerchantStatusUpdateEvent,
  NewDetectedAccountsAvailableEvent,
  NewDetectedAccountsData,
  NewSubscriptionsAvailableEvent,
  NewTransactionsAvailableEvent,
  OtpFailedEvent,
  OtpRequiredEvent,
  QuestionsFailedEvent,
  QuestionsRequiredEvent,
  SessionEventFields,
  ShoppingEventFields,
  ShoppingFailureData,
  SubscriptionRef,
  SubscriptionsEventData,
  SyncCartFailedEvent,
  SyncCartSucceededEvent,
  SyncCartSucceededEventData,
  TransactionRef,
  UndocumentedEventFields,
  UndocumentedFailureData,
  UnknownWebhookEvent,
  UpdatedSubscriptionsAvailableEvent,
  UpdatedTransactionsAvailableEvent,
  VaultingFailedEvent,
  VaultingSucceededEvent,
  VaultingSucceededEventData,
  WebhookEventOf,
} from '../schemas/webhook.js';
export type {
  Cart,
  CartPrice,
  CartProduct,
  DeliveryLocation,
  Fulfillment,
  FulfillmentPrice,
  FulfillmentType,
  SelectedFulfillment,
} from '../schemas/cart.js';
export { WEBHOOK_EVENT_NAMES } from '../schemas/webhook.js';
export type { WebhookDeliveryReport, WebhookDeliveryOptions, WebhookDeliveryOutcome, WebhookEventHandlers } from './delivery.js';
export {
  fetchHandler,
  type WebhookFetchContext,
  type WebhookFetchHandler,
  type WebhookFetchHandlerOptions,
} from './fetch-handler.js';
export type { WebhookHeaders } from './headers.js';
export type { WebhookLogger } from './log.js';
export { isKnownWebhookEvent, parseWebhook, type WebhookBody, webhookEventName } from './parse.js';
export type { VerifyWebhookSignatureParams } from './signed-request.js';
export { verifyWebhookSignatureAsync } from './verify-async.js';
