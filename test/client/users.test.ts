import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnotAuthenticationError, KnotBadRequestError, KnotClient, KnotValidationError } from '../../src/index.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { apiClient } from '../testing/helpers.js';

let mock: MockKnot;
let url: string;
let knot: KnotClient;

beforeEach(async () => {
  mock = createMockKnot({ seed: 7 });
  ({ url } = await mock.listen());
  knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url, maxRetries: 0 });
});

afterEach(async () => {
  await knot.close();
  await mock.close();
});

describe('knot.users.delete', () => {
  it('sends POST /user/delete with the user, answers { message }, and the fake forgets the user', async () => {
    await knot.development.linkAccount({ external_user_id: 'gdpr-1', merchant_id: 19, transactions: { new: true } });
    const { data, response } = await knot.users.delete({ external_user_id: 'gdpr-1' }).withResponse();

    expect(data).toEqual({ message: 'Success' });
    expect(response.status).toBe(200);
    const sent = mock.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/user/delete', body: { external_user_id: 'gdpr-1' }, status: 200 });
    expect(sent.headers['content-type']).toBe('application/json');

    const after = await knot.accounts.list({ external_user_id: 'gdpr-1' }).catch((e: unknown) => e);
    expect(after).toBeInstanceOf(KnotBadRequestError);
    expect(after).toMatchObject({ errorCode: 'USER_NOT_FOUND' });
  });

  it('rejects an unknown (or already deleted) user with KnotBadRequestError USER_NOT_FOUND', async () => {
    const error = await knot.users.delete({ external_user_id: 'nobody' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect(error).toMatchObject({ status: 400, errorType: 'USER_ERROR', errorCode: 'USER_NOT_FOUND', method: 'POST', path: '/user/delete' });
  });

  it.each([
    ['no user', {}],
    ['an empty user', { external_user_id: '' }],
    ['a misspelt field', { externalUserId: 'u' }],
    ['a number', { external_user_id: 7 }],
  ])('refuses %s with KnotValidationError and sends nothing', async (_name, params) => {
    const error = await knot.users.delete(params as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotValidationError);
    expect(mock.requests).toHaveLength(0);
  });

  it('is a KnotAuthenticationError with wrong keys', async () => {
    const wrong = new KnotClient({ clientId: mock.clientId, secret: 'not-the-secret', baseUrl: url, maxRetries: 0 });
    const error = await wrong.users.delete({ external_user_id: 'u' }).catch((e: unknown) => e);
    await wrong.close();
    expect(error).toBeInstanceOf(KnotAuthenticationError);
  });

  it('the fake answers a missing user field with Knot’s 400 INVALID_FIELD', async () => {
    const res = await apiClient(mock, url).post('/user/delete', {});
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error_code: 'INVALID_FIELD', error_message: 'The external user id field is required.' });
  });

  it('is bound: works when taken off the namespace', async () => {
    await knot.development.linkAccount({ external_user_id: 'gdpr-2', merchant_id: 19 });
    const { delete: deleteUser } = knot.users;
    await expect(deleteUser({ external_user_id: 'gdpr-2' })).resolves.toEqual({ message: 'Success' });
  });
});
