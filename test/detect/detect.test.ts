/**
 * knot.detect.start and knot.detectedAccounts.search against the fake Knot API over a real
 * 127.0.0.1 server: what goes on the wire, what comes back, and every documented error as its
 * typed error class.
 */
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KnotAuthenticationError,
  KnotBadRequestError,
  KnotClient,
  KnotPermissionDeniedError,
  KnotResponseValidationError,
  KnotValidationError,
  parseWebhook,
} from '../../src/index.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { stubClients } from '../helpers/stub-client.js';

let mock: MockKnot;
let url: string;
let knot: KnotClient;

beforeEach(async () => {
  mock = createMockKnot({ seed: 11, detectDelayMs: 10 });
  ({ url } = await mock.listen());
  knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url, maxRetries: 0 });
});

afterEach(async () => {
  await knot.close();
  await mock.close();
});

const user = { external_user_id: 'detect-1', email: 'ada@example.com' };

/** Starts detection and waits until the fake has finished it (its webhook is recorded). */
async function detected(params = user) {
  await knot.detect.start(params);
  await mock.webhooksSettled();
  const delivery = mock.webhooks.findLast((w) => w.event === 'NEW_DETECTED_ACCOUNTS_AVAILABLE');
  expect(delivery).toBeDefined();
  return parseWebhook(delivery!.body);
}

describe('knot.detect.start', () => {
  it('sends POST /detect with the user, email and phone, answers 202 { message }', async () => {
    const params = { ...user, phone_number: '+14155551234' };
    const { data, response } = await knot.detect.start(params).withResponse();

    expect(data).toEqual({ message: 'Success' });
    expect(response.status).toBe(202);
    expect(mock.requests.at(-1)).toMatchObject({ method: 'POST', path: '/detect', body: params, status: 202 });
  });

  it('is followed by NEW_DETECTED_ACCOUNTS_AVAILABLE naming the merchants found', async () => {
    const event = await detected();
    expect(event.event).toBe('NEW_DETECTED_ACCOUNTS_AVAILABLE');
    if (event.event !== 'NEW_DETECTED_ACCOUNTS_AVAILABLE') return;
    expect(event.external_user_id).toBe(user.external_user_id);
    expect(event.data?.detected_accounts?.length).toBeGreaterThan(0);
  });

  it.each([
    ['no email', { external_user_id: 'u' }],
    ['an email that is not one', { external_user_id: 'u', email: 'ada-at-example.com' }],
    ['a phone number not in E.164 form', { ...user, phone_number: '415 555 1234' }],
    ['an empty user', { ...user, external_user_id: '' }],
    ['a misspelt field', { ...user, phoneNumber: '+14155551234' }],
  ])('refuses %s with KnotValidationError and sends nothing', async (_name, params) => {
    const error = await knot.detect.start(params as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotValidationError);
    expect(mock.requests).toHaveLength(0);
  });

  it('is a KnotPermissionDeniedError NO_ACCESS when Detect is not enabled', async () => {
    mock.setProductAccess('detect', false);
    const error = await knot.detect.start(user).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotPermissionDeniedError);
    expect(error).toMatchObject({ status: 403, errorCode: 'NO_ACCESS', method: 'POST', path: '/detect' });
  });

  it('is a KnotAuthenticationError with wrong keys', async () => {
    const wrong = new KnotClient({ clientId: mock.clientId, secret: 'not-the-secret', baseUrl: url, maxRetries: 0 });
    const error = await wrong.detect.start(user).catch((e: unknown) => e);
    await wrong.close();
    expect(error).toBeInstanceOf(KnotAuthenticationError);
  });
});

describe('knot.detectedAccounts.search', () => {
  it('sends the names and answers one result per name, in order, echoing each name', async () => {
    const event = await detected();
    const found = event.event === 'NEW_DETECTED_ACCOUNTS_AVAILABLE' ? event.data!.detected_accounts!.map((m) => m.name) : [];
    const names = [found[0]!.toUpperCase(), 'Not A Company Anywhere', found[1]!];

    const results = await knot.detectedAccounts.search({ external_user_id: user.external_user_id, names });

    expect(mock.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/detected-accounts/search',
      body: { external_user_id: user.external_user_id, names },
      status: 200,
    });
    expect(results.map((r) => [r.name, r.detected])).toEqual([
      [names[0], true],
      [names[1], false],
      [names[2], true],
    ]);
    expect(results[0]!.detected_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(results[1]!.detected_at).toBeNull();
  });

  it('answers USER_NOT_FOUND (400) for a user whose detection was never started', async () => {
    const error = await knot.detectedAccounts.search({ external_user_id: 'never-started', names: ['Meta'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect(error).toMatchObject({ status: 400, errorType: 'USER_ERROR', errorCode: 'USER_NOT_FOUND', path: '/detected-accounts/search' });
  });

  it.each([
    ['no names', { external_user_id: 'u' }],
    ['an empty list', { external_user_id: 'u', names: [] }],
    ['an empty name', { external_user_id: 'u', names: ['Meta', ''] }],
    ['a blank name', { external_user_id: 'u', names: ['  '] }],
    ['a name that is not a string', { external_user_id: 'u', names: [7] }],
    ['one name as a string', { external_user_id: 'u', names: 'Meta' }],
    ['the superseded field name', { external_user_id: 'u', name: ['Meta'] }],
  ])('refuses %s with KnotValidationError and sends nothing', async (_name, params) => {
    const error = await knot.detectedAccounts.search(params as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotValidationError);
    expect(mock.requests).toHaveLength(0);
  });

  it('is a KnotPermissionDeniedError NO_ACCESS when Detect is not enabled', async () => {
    await detected();
    mock.setProductAccess('detect', false);
    const error = await knot.detectedAccounts.search({ external_user_id: user.external_user_id, names: ['Meta'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotPermissionDeniedError);
    expect(error).toMatchObject({ errorCode: 'NO_ACCESS' });
  });

  it('is bound: works when taken off the namespace', async () => {
    await detected();
    const { search } = knot.detectedAccounts;
    await expect(search({ external_user_id: user.external_user_id, names: ['Meta'] })).resolves.toHaveLength(1);
  });
});

describe('answers that break the documented shape', () => {
  const { clientFor } = stubClients({ clientId: 'id', secret: 'secret', maxRetries: 0 });

  it('keeps unknown fields of a search result', async () => {
    const body = [{ name: 'Meta', detected: true, detected_at: '2025-10-23T17:00:00Z', confidence: 0.9 }];
    const { knot: stubbed } = await clientFor(http.post('*/detected-accounts/search', () => HttpResponse.json(body)));
    await expect(stubbed.detectedAccounts.search({ external_user_id: 'u', names: ['Meta'] })).resolves.toEqual(body);
  });

  it.each([
    ['an object instead of the bare array', { results: [] }],
    ['detected missing', [{ name: 'Meta', detected_at: null }]],
    ['detected_at a number', [{ name: 'Meta', detected: true, detected_at: 1 }]],
  ])('a search answer with %s is a KnotResponseValidationError', async (_name, body) => {
    const { knot: stubbed } = await clientFor(http.post('*/detected-accounts/search', () => HttpResponse.json(body)));
    const error = await stubbed.detectedAccounts.search({ external_user_id: 'u', names: ['Meta'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotResponseValidationError);
  });

  it('a /detect answer without message is a KnotResponseValidationError', async () => {
    const { knot: stubbed } = await clientFor(http.post('*/detect', () => HttpResponse.json({}, { status: 202 })));
    const error = await stubbed.detect.start(user).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotResponseValidationError);
  });
});
