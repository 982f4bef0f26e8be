/**
 * Setup for examples/guides/webhooks.ts, kept out of its snippet. The snippet configures itself
 * from the environment, like an application; this module, imported first, points that environment
 * at a fake Knot API of the example's own (in-process, so it can POST signed webhooks to the
 * example's server) and sets PORT=0 so that server takes any free port.
 */
import { createMockKnot } from 'knotapi-node/testing';

export const fake = createMockKnot();
const api = await fake.listen();

process.env.KNOT_BASE_URL = api.url;
process.env.KNOT_CLIENT_ID = fake.clientId;
process.env.KNOT_SECRET = fake.secret;
delete process.env.KNOT_ENVIRONMENT; // an explicit environment would win over KNOT_BASE_URL
process.env.PORT = '0';
