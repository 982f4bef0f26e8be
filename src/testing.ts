/**
 * `knotapi-node/testing`: a stateful fake of the Knot API for tests, started with
 * {@link createMockKnot}. It checks Basic auth, answers with Knot's error bodies, generates
 * deterministic transactions, pages them with opaque cursors, rate-limits refresh, POSTs signed
 * webhooks and injects faults on demand. It needs no msw: only `mock.handlers` loads it (an
 * optional peer dependency: `npm install -D msw`). The `knot-mock` command serves the same fake
 * from the command line.
 *
 * @example
 * ```ts
 * import { KnotClient } from 'knotapi-node';
 * import { createMockKnot } from 'knotapi-node/testing';
 *
 * const mock = createMockKnot();
 * const knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, dispatcher: mock.dispatcher });
 * await mock.linkAccount({ external_user_id: 'user-1', merchant_id: 19, transactions: { new: true } });
 * ```
 *
 * @module knotapi-node/testing
 */
export type { MockStats, RecordedRequest } from './testing/app.js';
export type { MerchantKind } from './testing/catalogue.js';
export type { MockProduct } from './testing/engine.js';
export type { KnotErrorBody, MockKnotError } from './testing/errors.js';
export type { DetectWebhookVariant } from './testing/flows/detect.js';
export type { CancellationOutcome } from './testing/flows/subscriptions.js';
export type { FaultKind, FaultOptions, FaultRequest } from './testing/faults.js';
export type { SwitchedCard } from './testing/flows/cards.js';
export type { MockCheckout } from './testing/flows/shopping.js';
export {
  createMockKnot,
  type MockAccountRef,
  type MockFaults,
  type MockKnot,
  type MockKnotOptions,
  type MockLinkParams,
  type MockServer,
} from './testing/mock.js';
export type { ListenOptions } from './testing/server.js';
export type { WebhookDelivery } from './testing/webhook-sender.js';
