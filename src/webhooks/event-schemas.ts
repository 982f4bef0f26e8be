import { zodNow } from '../internal/zod.js';
import type { KnotWebhookEventName } from '../schemas/webhook.js';
import { WEBHOOK_EVENT_BUILDERS, type WebhookEventSchemas, webhookKit } from '../schemas/zod/builders/webhook.js';

/**
 * Each known event's schema, built the first time that event arrives: a receiver that only ever
 * sees `NEW_TRANSACTIONS_AVAILABLE` never builds the other 27, and importing the SDK builds none.
 */
let kit: ReturnType<typeof webhookKit> | undefined;
const built = new Map<KnotWebhookEventName, WebhookEventSchemas[KnotWebhookEventName]>();

export function isKnownEventName(name: unknown): name is KnotWebhookEventName {
  // hasOwn: a name such as "constructor" must not find something on the prototype.
  return typeof name === 'string' && Object.hasOwn(WEBHOOK_EVENT_BUILDERS, name);
}

export function webhookEventSchema<N extends KnotWebhookEventName>(name: N): WebhookEventSchemas[N] {
  let schema = built.get(name);
  if (!schema) {
    kit ??= webhookKit(zodNow());
    schema = WEBHOOK_EVENT_BUILDERS[name](kit);
    built.set(name, schema);
  }
  return schema as WebhookEventSchemas[N];
}
