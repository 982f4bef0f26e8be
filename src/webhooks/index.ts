/** The webhooks module: what `src/index.ts` re-exports. */

export type * from '../schemas/webhook.js';
export { WEBHOOK_EVENT_NAMES } from '../schemas/webhook.js';
export {
  DEFAULT_BODY_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  type WebhookEventHandlers,
  type WebhookHandlerOptions,
  type WebhookRequest,
  type WebhookRequestHandler,
} from './handler.js';
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
