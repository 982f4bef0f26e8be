import { afterEach, beforeEach, expect, it } from 'vitest';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { type Api, connect, fakeClock } from './helpers.js';

const ref = { external_user_id: 'refresh-user', merchant_id: 19 };
let mock: MockKnot;
let api: Api;
let close: () => Promise<void>;
const clock = fakeClock();

beforeEach(async () => {
  mock = createMockKnot({ now: clock.now });
  ({ api, close } = await connect(mock, 'server'));
  await mock.linkAccount({ ...ref, transactions: { new: true } });
});
afterEach(async () => {
  await close();
  await mock.close();
});

it('allows one refresh per hour per account: 429 with Retry-After from the clock, then 202 again', async () => {
  const first = await api.post('/transactions/refresh', ref);
  expect([first.status, first.json]).toEqual([202, { message: 'Success' }]);

  clock.advance(10 * 60_000 + 500);
  const limited = await api.post('/transactions/refresh', ref);
  expect(limited.status).toBe(429);
  expect(limited.headers['retry-after']).toBe(String(50 * 60 - 0)); // 49 min 59.5 s left, rounded up
  expect(limited.json).toEqual({
    error_type: 'RATE_LIMIT_ERROR',
    error_code: 'TOO_MANY_REQUESTS',
    error_message: 'Rate limit exceeded. Please retry after the time indicated in the Retry-After header.',
  });

  // Per account: another merchant of the same user is not limited.
  await mock.linkAccount({ ...ref, merchant_id: 45 });
  expect((await api.post('/transactions/refresh', { ...ref, merchant_id: 45 })).status).toBe(202);

  clock.advance(50 * 60_000 - 1_000);
  expect((await api.post('/transactions/refresh', ref)).headers['retry-after']).toBe('1');
  clock.advance(1_000);
  expect((await api.post('/transactions/refresh', ref)).status).toBe(202);
  expect((await api.post('/transactions/refresh', ref)).headers['retry-after']).toBe('3600');
});

it('answers 403 NO_ACCESS and 400 ONGOING_OPERATION when switched, and the documented account errors', async () => {
  mock.setRefreshAccess(false);
  const denied = await api.post('/transactions/refresh', ref);
  expect([denied.status, denied.json]).toEqual([
    403,
    { error_type: 'INVALID_REQUEST', error_code: 'NO_ACCESS', error_message: 'Please contact Knot for access to this endpoint.' },
  ]);
  mock.setRefreshAccess(true);
  mock.setOngoingOperation(true);
  const ongoing = await api.post('/transactions/refresh', ref);
  expect([ongoing.status, ongoing.json]).toEqual([
    400,
    { error_type: 'MERCHANT_ACCOUNT_ERROR', error_code: 'ONGOING_OPERATION', error_message: 'An existing operation is in progress.' },
  ]);
  mock.setOngoingOperation(false);

  expect((await api.post('/transactions/refresh', { merchant_id: 19 })).json.error_message).toBe('The external_user_id field is required.');
  expect((await api.post('/transactions/refresh', { external_user_id: 'x' })).json.error_message).toBe('The merchant_id field is required.');
  expect((await api.post('/transactions/refresh', { ...ref, external_user_id: 'ghost' })).json).toEqual({
    error_type: 'USER_ERROR',
    error_code: 'USER_NOT_FOUND',
    error_message: 'The user was not found. Please check the external_user_id provided.',
  });
  expect((await api.post('/transactions/refresh', { ...ref, merchant_id: 12 })).json.error_code).toBe('MERCHANT_ACCOUNT_NOT_FOUND');
  mock.disconnectAccount(ref);
  const disconnected = await api.post('/transactions/refresh', ref);
  expect([disconnected.status, disconnected.json.error_code]).toEqual([400, 'MERCHANT_ACCOUNT_DISCONNECTED']);
});
