/**
 * `knotapi-node/testing`: a stateful fake of the Knot API for tests (DESIGN.md §2.7).
 * This entry is the only one that loads msw (an optional peer dependency).
 */
export type { MerchantKind } from './testing/catalogue.js';
export type { KnotErrorBody, MockKnotError } from './testing/errors.js';
export type { FaultKind, FaultOptions, FaultRequest } from './testing/faults.js';
export type { MockStats, RecordedRequest } from './testing/handlers.js';
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
