/**
 * knot.detectedAccounts.list against the fake Knot API over a real 127.0.0.1 server: the first
 * page when awaited, every account when iterated (pages requested as the loop reaches them),
 * `.pages()`, the cursor rules, and the errors.
 */
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type DetectedAccount,
  KnotBadRequestError,
  KnotClient,
  KnotPermissionDeniedError,
  KnotResponseValidationError,
  KnotValidationError,
  type MerchantRef,
  parseWebhook,
} from '../../src/index.js';
import { createMockKnot, type MockKnot } from '../../src/testing.js';
import { stubClients } from '../helpers/stub-client.js';

let mock: MockKnot;
let knot: KnotClient;
const userId = 'list-user';

beforeEach(async () => {
  mock = createMockKnot({ seed: 5, detectDelayMs: 10 });
  const { url } = await mock.listen();
  knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: url, maxRetries: 0 });
});

afterEach(async () => {
  await knot.close();
  await mock.close();
});

/** Runs detection for the user; returns the merchants its webhook announced. */
async function detect(email = 'lin@example.com'): Promise<MerchantRef[]> {
  await knot.detect.start({ external_user_id: userId, email });
  await mock.webhooksSettled();
  const event = parseWebhook(mock.webhooks.at(-1)!.body);
  if (event.event !== 'NEW_DETECTED_ACCOUNTS_AVAILABLE') throw new Error(`unexpected ${event.event}`);
  return event.data!.detected_accounts!;
}

const listRequests = () => mock.requests.filter((r) => r.path === '/detected-accounts/list');

describe('knot.detectedAccounts.list', () => {
  it('awaited: the first page as Knot sent it; the SDK sends limit 100 and no cursor', async () => {
    const announced = await detect();
    const page = await knot.detectedAccounts.list({ external_user_id: userId });

    expect(page.detected_accounts.map((a) => a.merchant)).toEqual(announced);
    expect(page.next_cursor).toEqual(expect.any(String));
    expect(page.limit).toBe(100);
    expect(listRequests()).toHaveLength(1);
    expect(listRequests()[0]).toMatchObject({ method: 'POST', body: { external_user_id: userId, limit: 100 } });
  });

  it('iterated: every account across pages, each later page requested with the previous next_cursor', async () => {
    const announced = await detect();
    const accounts: DetectedAccount[] = [];
    for await (const account of knot.detectedAccounts.list({ external_user_id: userId, limit: 1 })) accounts.push(account);

    expect(accounts.map((a) => a.merchant)).toEqual(announced);
    const sent = listRequests();
    // One page per account, then the empty page whose null next_cursor ends the list.
    expect(sent).toHaveLength(announced.length + 1);
    expect(sent[0]!.body).toEqual({ external_user_id: userId, limit: 1 });
    for (const request of sent.slice(1)) expect(request.body).toEqual({ external_user_id: userId, limit: 1, cursor: expect.any(String) });
  });

  it('.pages(): whole pages; resuming from a stored cursor lists only what was detected since', async () => {
    await detect();
    let stored: string | null = null;
    for await (const page of knot.detectedAccounts.list({ external_user_id: userId }).pages()) stored = page.next_cursor ?? stored;
    expect(stored).toEqual(expect.any(String));

    const fresh = await detect('lin.second@example.org');
    const later: DetectedAccount[] = [];
    for await (const account of knot.detectedAccounts.list({ external_user_id: userId, cursor: stored })) later.push(account);
    expect(later.map((a) => a.merchant)).toEqual(fresh);
  });

  it('a null cursor means the beginning and is left out of the body', async () => {
    await detect();
    await knot.detectedAccounts.list({ external_user_id: userId, cursor: null });
    expect(listRequests()[0]!.body).toEqual({ external_user_id: userId, limit: 100 });
  });

  it.each([
    ['a limit of 0', { limit: 0 }],
    ['a limit of 101', { limit: 101 }],
    ['a fractional limit', { limit: 1.5 }],
    ['an empty cursor', { cursor: '' }],
    ['a misspelt field', { next_cursor: 'abc' }],
    ['no user', { external_user_id: undefined }],
  ])('refuses %s with KnotValidationError, when awaited and when iterated, and sends nothing', async (_name, extra) => {
    const params = { external_user_id: userId, ...extra } as never;
    await expect(knot.detectedAccounts.list(params)).rejects.toBeInstanceOf(KnotValidationError);
    const iterated = await (async () => {
      for await (const _ of knot.detectedAccounts.list(params)) return 'yielded';
    })().catch((e: unknown) => e);
    expect(iterated).toBeInstanceOf(KnotValidationError);
    expect(mock.requests).toHaveLength(0);
  });

  it('answers USER_NOT_FOUND (400) for a user whose detection was never started', async () => {
    const error = await knot.detectedAccounts.list({ external_user_id: 'never' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotBadRequestError);
    expect(error).toMatchObject({ errorCode: 'USER_NOT_FOUND', method: 'POST', path: '/detected-accounts/list' });
  });

  it('is a KnotPermissionDeniedError NO_ACCESS when Detect is not enabled', async () => {
    mock.setProductAccess('detect', false);
    const error = await knot.detectedAccounts.list({ external_user_id: userId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotPermissionDeniedError);
    expect(error).toMatchObject({ errorCode: 'NO_ACCESS' });
  });

  it('is bound: works when taken off the namespace', async () => {
    await detect();
    const { list } = knot.detectedAccounts;
    await expect(list({ external_user_id: userId })).resolves.toHaveProperty('detected_accounts');
  });
});

describe('list answers that break the documented shape', () => {
  const { clientFor } = stubClients({ clientId: 'id', secret: 'secret', maxRetries: 0 });
  const account = { merchant: { id: 13, name: 'Spotify', logo: null }, detected_at: '2025-10-23T17:00:00Z' };

  it('keeps unknown fields, and a page without next_cursor is the last', async () => {
    const body = { detected_accounts: [{ ...account, login_method: 'GOOGLE_SSO' }], region: 'us' };
    const { knot: stubbed, stub } = await clientFor(http.post('*/detected-accounts/list', () => HttpResponse.json(body)));
    const all: DetectedAccount[] = [];
    for await (const item of stubbed.detectedAccounts.list({ external_user_id: 'u' })) all.push(item);
    expect(all).toEqual(body.detected_accounts);
    expect(stub.requests).toHaveLength(1);
    await expect(stubbed.detectedAccounts.list({ external_user_id: 'u' })).resolves.toEqual(body);
  });

  it.each([
    ['detected_accounts not an array', { detected_accounts: {}, next_cursor: null }],
    ['an account without detected_at', { detected_accounts: [{ merchant: account.merchant }], next_cursor: null }],
    ['a numeric next_cursor', { detected_accounts: [], next_cursor: 7 }],
  ])('a page with %s is a KnotResponseValidationError', async (_name, body) => {
    const { knot: stubbed } = await clientFor(http.post('*/detected-accounts/list', () => HttpResponse.json(body)));
    await expect(stubbed.detectedAccounts.list({ external_user_id: 'u' })).rejects.toBeInstanceOf(KnotResponseValidationError);
  });

  it('a next_cursor that repeats is a KnotResponseValidationError, not an endless loop', async () => {
    const body = { detected_accounts: [account], next_cursor: 'same' };
    const { knot: stubbed, stub } = await clientFor(http.post('*/detected-accounts/list', () => HttpResponse.json(body)));
    const seen: DetectedAccount[] = [];
    const error = await (async () => {
      for await (const item of stubbed.detectedAccounts.list({ external_user_id: 'u' })) seen.push(item);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnotResponseValidationError);
    expect(stub.requests.length).toBeLessThanOrEqual(3);
  });
});
