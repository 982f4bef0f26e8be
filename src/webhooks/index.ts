/** The webhooks module: everything `src/index.ts` re-exports from it. */

export type {
  AccountLoginRequiredEvent,
  AccountsRetrievedEvent,
  AuthenticatedEvent,
  CardFailedEvent,
  CardFailedReason,
  CardUpdatedEvent,
  CardUpdatingEvent,
  CheckoutFailedEvent,
  CheckoutSucceededEvent,
  CredentialsFailedEvent,
  KnotWebhookEvent,
  KnotWebhookEventName,
  KnownWebhookEvent,
  LicenseFailedEvent,
  LicenseRequiredEvent,
  LoginApprovalEvent,
  LoginStepData,
  MerchantStatus,
  MerchantStatusProductType,
  MerchantStatusUpdateEvent,
  NewTransactionsAvailableEvent,
  OtpFailedEvent,
  OtpRequiredEvent,
  QuestionsFailedEvent,
  QuestionsRequiredEvent,
  SyncCartFailedEvent,
  SyncCartSucceededEvent,
  UnknownWebhookEvent,
  UpdatedTransactionsAvailableEvent,
  VaultingSucceededEvent,
  WebhookEventOf,
} from '../schemas/webhook.js';
export { WEBHOOK_EVENT_NAMES } from '../schemas/webhook.js';
export type { WebhookEventHandlers, WebhookHandlerOptions, WebhookRequest, WebhookRequestHandler } from './handler.js';
export { isKnownWebhookEvent, parseWebhook, type WebhookBody, webhookEventName } from './parse.js';
export {
  type SignedWebhookHeaders,
  type SignWebhookParams,
  signWebhook,
  type VerifyWebhookSignatureParams,
  verifyWebhookSignature,
  type WebhookHeaders,
} from './verify.js';
export { type WebhookLogger, Webhooks, type WebhooksOptions } from './webhooks.js';
