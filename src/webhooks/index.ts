/** The webhooks module: everything `src/index.ts` re-exports from it. */

export type { WebhookHandlerOptions, WebhookRequest, WebhookRequestHandler } from './handler.js';
export * from './portable.js';
export { type SignedWebhookHeaders, type SignWebhookParams, signWebhook, verifyWebhookSignature } from './verify.js';
export { Webhooks, type WebhooksOptions } from './webhooks.js';
