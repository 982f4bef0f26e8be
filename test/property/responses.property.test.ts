/**
 * Every endpoint's response decoding, through the client's real path (transport body reader →
 * JSON decode → schema → result shaping), on arbitrary bytes, arbitrary JSON and near-valid
 * answers, with any status: the call resolves or rejects with a KnotError, never anything else;
 * a 2xx resolves exactly when zod accepts the JSON, with zod's data; a non-2xx is a KnotApiError
 * with that status. MockAgent stands in for the socket (thousands of cases in a few seconds).
 */
import fc from 'fast-check';
import { MockAgent } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { KnotApiError, KnotClient, KnotError, KnotResponseValidationError } from '../../src/index.js';
import { MerchantAccountListSchema, MerchantAccountSchema } from '../../src/schemas/zod/account.js';
import { MerchantListSchema } from '../../src/schemas/zod/merchant.js';
import { MessageResponseSchema, SessionResponseSchema } from '../../src/schemas/zod/responses.js';
import { SyncResponseSchema, TransactionSchema } from '../../src/schemas/zod/transaction.js';
import { bodies, runs, SAMPLE_ACCOUNT, SAMPLE_MERCHANT, SAMPLE_SYNC, SAMPLE_TRANSACTION } from './support.js';

const ORIGIN = 'https://knot.invalid';
let answer: { status: number; body: string | Uint8Array } = { status: 200, body: '{}' };
const agent = new MockAgent();
agent.disableNetConnect();
agent
  .get(ORIGIN)
  .intercept({ path: () => true, method: () => true })
  .reply(() => ({
    statusCode: answer.status,
    data: typeof answer.body === 'string' ? answer.body : Buffer.from(answer.body),
    responseOptions: { headers: { 'content-type': 'application/json' } },
  }))
  .persist();

const knot = new KnotClient({ clientId: 'id', secret: 'secret_value', baseUrl: ORIGIN, dispatcher: agent, maxRetries: 0, logLevel: 'off' });

afterAll(async () => {
  await agent.close();
});

interface Endpoint {
  name: string;
  call: () => Promise<unknown>;
  schema: z.ZodType;
  sample: unknown;
  /** What the client hands over, from zod's output. */
  shape?: (parsed: any) => unknown;
}

const endpoints: Endpoint[] = [
  { name: 'sessions.create', call: () => knot.sessions.create({ type: 'transaction_link', external_user_id: 'u' }), schema: SessionResponseSchema, sample: { session: 's-1' } },
  { name: 'sessions.extend', call: () => knot.sessions.extend({ session_id: 's-1' }), schema: SessionResponseSchema, sample: { session: 's-2' } },
  { name: 'merchants.list', call: () => knot.merchants.list({ type: 'transaction_link', platform: 'web' }), schema: MerchantListSchema, sample: [SAMPLE_MERCHANT, { id: 45, name: 'Walmart' }] },
  { name: 'accounts.list', call: () => knot.accounts.list({ external_user_id: 'u' }), schema: MerchantAccountListSchema, sample: [SAMPLE_ACCOUNT] },
  { name: 'accounts.get', call: () => knot.accounts.get({ external_user_id: 'u', merchant_id: 19 }), schema: MerchantAccountSchema, sample: SAMPLE_ACCOUNT },
  { name: 'accounts.unlink', call: () => knot.accounts.unlink({ external_user_id: 'u', merchant_id: 19 }), schema: MessageResponseSchema, sample: { message: 'Success' } },
  {
    name: 'transactions.syncPage',
    call: () => knot.transactions.syncPage({ merchant_id: 19, external_user_id: 'u', cursor: 'c-1' }),
    schema: SyncResponseSchema,
    sample: SAMPLE_SYNC,
    shape: (p) => ({ ...p, cursor: 'c-1', checkpoint: p.next_cursor ?? 'c-1' }),
  },
  { name: 'transactions.get', call: () => knot.transactions.get('t/../1?x#y'), schema: TransactionSchema, sample: SAMPLE_TRANSACTION },
  { name: 'transactions.refresh', call: () => knot.transactions.refresh({ external_user_id: 'u', merchant_id: 19 }), schema: MessageResponseSchema, sample: { message: 'Accepted' } },
  {
    name: 'development.linkAccount',
    call: () => knot.development.linkAccount({ external_user_id: 'u', merchant_id: 19, transactions: { new: true } }),
    schema: MessageResponseSchema,
    sample: { message: 'Success' },
  },
];

/** What zod says about the body the client received (decoded the way the client decodes it). */
function oracle(schema: z.ZodType, body: string | Uint8Array): { ok: true; data: unknown } | { ok: false } {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  const result = schema.safeParse(value);
  return result.success ? { ok: true, data: result.data } : { ok: false };
}

const statuses = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(200, 201, 202) },
  { weight: 3, arbitrary: fc.integer({ min: 400, max: 599 }) },
  { weight: 1, arbitrary: fc.constantFrom(204, 299, 400, 401, 403, 404, 408, 429, 500, 503) },
);

describe('response decoding never fails with anything but a KnotError', () => {
  for (const endpoint of endpoints) {
    it(`${endpoint.name}: any status, any bytes`, async () => {
      const seen = { accepted: 0, refused2xx: 0, apiErrors: 0 };
      await fc.assert(
        fc.asyncProperty(statuses, bodies(endpoint.sample), async (status, body) => {
          answer = { status, body };
          const outcome = await endpoint.call().then(
            (data) => ({ ok: true as const, data }),
            (error: unknown) => ({ ok: false as const, error }),
          );
          if (!outcome.ok) expect(outcome.error).toBeInstanceOf(KnotError);
          if (status >= 200 && status < 300) {
            const expected = oracle(endpoint.schema, body);
            expect(outcome.ok).toBe(expected.ok);
            if (outcome.ok && expected.ok) {
              expect(outcome.data).toEqual(endpoint.shape ? endpoint.shape(expected.data) : expected.data);
            }
            if (!outcome.ok) expect(outcome.error).toBeInstanceOf(KnotResponseValidationError);
            seen[outcome.ok ? 'accepted' : 'refused2xx'] += 1;
          } else {
            seen.apiErrors += 1;
            expect(outcome.ok).toBe(false);
            if (!outcome.ok) {
              expect(outcome.error).toBeInstanceOf(KnotApiError);
              expect((outcome.error as KnotApiError).status).toBe(status);
            }
          }
        }),
        runs(1_000),
      );
      // Not a vacuous pass: valid answers, invalid 2xx answers and error statuses were all reached.
      expect(seen.accepted).toBeGreaterThan(0);
      expect(seen.refused2xx).toBeGreaterThan(0);
      expect(seen.apiErrors).toBeGreaterThan(0);
    }, 120_000);
  }
});
