import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnotClient, KnotValidationError } from '../../src/index.js';
import { serveStubs, type StubServer } from '../helpers/stub-server.js';

let stub: StubServer;
let knot: KnotClient;
beforeEach(async () => {
  stub = await serveStubs(http.all('*', () => HttpResponse.json({ message: 'should not be reached' })));
  knot = new KnotClient({ clientId: 'id', secret: 'secret_val', baseUrl: stub.url, logLevel: 'off' });
});
afterEach(async () => {
  await knot.close();
  await stub.close();
});

type Call = (k: KnotClient, params: any, options?: any) => PromiseLike<unknown>;
const methods: Record<string, Call> = {
  'sessions.create': (k, p, o) => k.sessions.create(p, o),
  'sessions.extend': (k, p, o) => k.sessions.extend(p, o),
  'merchants.list': (k, p, o) => k.merchants.list(p, o),
  'accounts.list': (k, p, o) => k.accounts.list(p, o),
  'accounts.get': (k, p, o) => k.accounts.get(p, o),
  'accounts.unlink': (k, p, o) => k.accounts.unlink(p, o),
  'transactions.syncPage': (k, p, o) => k.transactions.syncPage(p, o),
  'transactions.get': (k, p, o) => k.transactions.get(p, o),
  'transactions.refresh': (k, p, o) => k.transactions.refresh(p, o),
  'development.linkAccount': (k, p, o) => k.development.linkAccount(p, o),
  'development.disconnectAccount': (k, p, o) => k.development.disconnectAccount(p, o),
};

const good: Record<string, unknown> = {
  'sessions.create': { type: 'transaction_link', external_user_id: 'u' },
  'sessions.extend': { session_id: 's' },
  'merchants.list': { type: 'transaction_link' },
  'accounts.list': { external_user_id: 'u' },
  'accounts.get': { external_user_id: 'u', merchant_id: 19 },
  'accounts.unlink': { external_user_id: 'u', merchant_id: 19 },
  'transactions.syncPage': { external_user_id: 'u', merchant_id: 19 },
  'transactions.get': 't-1',
  'transactions.refresh': { external_user_id: 'u', merchant_id: 19 },
  'development.linkAccount': { external_user_id: 'u', merchant_id: 19 },
  'development.disconnectAccount': { external_user_id: 'u', merchant_id: 19 },
};

const withMerchantId = (name: string, merchant_id: unknown) => ({ ...(good[name] as object), merchant_id });

/** [method, params, the issue paths expected (sorted)] */
const cases: [string, unknown, string[]][] = [
  // sessions.create
  ['sessions.create', { type: 'transactions_link', external_user_id: 'u' }, ['type']],
  ['sessions.create', { type: 'transaction_link', external_user_id: '' }, ['external_user_id']],
  ['sessions.create', { type: 'transaction_link', external_user_id: 42 }, ['external_user_id']],
  ['sessions.create', { type: 'transaction_link' }, ['external_user_id']],
  ['sessions.create', { type: 'card_switcher', external_user_id: 'u' }, ['card_id']],
  ['sessions.create', { type: 'transaction_link', external_user_id: 'u', email: 'not-an-email', phone_number: '555-1234' }, ['email', 'phone_number']],
  ['sessions.create', { type: 'transaction_link', external_user_id: 'u', card: { blocked: 'yes' } }, ['card.blocked']],
  ['sessions.create', { type: 'transaction_link', external_user_id: 'u', externalUserId: 'x' }, ['externalUserId']],
  ['sessions.create', { type: 'transaction_link', external_user_id: 'u', metadata: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])) }, ['metadata']],
  // sessions.extend
  ['sessions.extend', { session_id: '' }, ['session_id']],
  ['sessions.extend', {}, ['session_id']],
  ['sessions.extend', { session_id: 's', session: 's' }, ['session']],
  // merchants.list
  ['merchants.list', {}, ['type']],
  ['merchants.list', { type: 'transaction_link', platform: 'windows', search: 5 }, ['platform', 'search']],
  ['merchants.list', { type: 'transaction_link', limit: 5 }, ['limit']],
  // accounts
  ['accounts.list', { external_user_id: '' }, ['external_user_id']],
  ['accounts.list', { external_user_id: 'u', type: 'shopping_spree' }, ['type']],
  ['accounts.get', { external_user_id: 'u' }, ['merchant_id']],
  ['accounts.get', withMerchantId('accounts.get', 0), ['merchant_id']],
  ['accounts.get', withMerchantId('accounts.get', -1), ['merchant_id']],
  ['accounts.get', withMerchantId('accounts.get', 1.5), ['merchant_id']],
  ['accounts.get', withMerchantId('accounts.get', '19'), ['merchant_id']],
  ['accounts.get', withMerchantId('accounts.get', Number.NaN), ['merchant_id']],
  ['accounts.unlink', withMerchantId('accounts.unlink', 2.5), ['merchant_id']],
  ['accounts.unlink', { merchant_id: 19, external_user_id: '', extra: true }, ['external_user_id', 'extra']],
  // transactions.syncPage
  ['transactions.syncPage', { ...(good['transactions.syncPage'] as object), limit: 0 }, ['limit']],
  ['transactions.syncPage', { ...(good['transactions.syncPage'] as object), limit: 101 }, ['limit']],
  ['transactions.syncPage', { ...(good['transactions.syncPage'] as object), limit: 1.5 }, ['limit']],
  ['transactions.syncPage', { ...(good['transactions.syncPage'] as object), limit: '10' }, ['limit']],
  ['transactions.syncPage', { ...(good['transactions.syncPage'] as object), cursor: 5 }, ['cursor']],
  ['transactions.syncPage', { ...(good['transactions.syncPage'] as object), cursor: '' }, ['cursor']],
  ['transactions.syncPage', { ...(good['transactions.syncPage'] as object), limt: 10 }, ['limt']],
  ['transactions.syncPage', { merchant_id: -3, external_user_id: '', limit: 0 }, ['external_user_id', 'limit', 'merchant_id']],
  // transactions.get
  ['transactions.get', '', ['id']],
  ['transactions.get', '.', ['id']],
  ['transactions.get', '..', ['id']],
  ['transactions.get', 42, ['id']],
  ['transactions.get', undefined, ['id']],
  ['transactions.get', 'a\uD800', ['id']],
  // transactions.refresh
  ['transactions.refresh', { merchant_id: '45', external_user_id: 'u' }, ['merchant_id']],
  ['transactions.refresh', { merchant_id: 45 }, ['external_user_id']],
  // development
  ['development.linkAccount', { ...(good['development.linkAccount'] as object), transactions: { new: false, updated: true } }, ['transactions.updated']],
  ['development.linkAccount', { ...(good['development.linkAccount'] as object), transactions: { updated: true } }, ['transactions.new']],
  ['development.linkAccount', { ...(good['development.linkAccount'] as object), transactions: { new: 'yes' } }, ['transactions.new']],
  ['development.linkAccount', { ...(good['development.linkAccount'] as object), card_switcher: true }, ['card_id']],
  ['development.linkAccount', { ...(good['development.linkAccount'] as object), transactions: { new: true, old: true } }, ['transactions.old']],
  ['development.disconnectAccount', withMerchantId('development.disconnectAccount', 1.5), ['merchant_id']],
  ['development.disconnectAccount', { merchant_id: 19, external_user_id: 'u', merchant: 19 }, ['merchant']],
];

describe('bad params → KnotValidationError naming each problem by path, nothing sent', () => {
  it.each(cases)('%s %j', async (name, params, paths) => {
    const error = await methods[name]!(knot, params).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KnotValidationError);
    const issues = (error as KnotValidationError).issues;
    expect([...new Set(issues.map((i) => i.path))].sort()).toEqual(paths);
    const message = (error as Error).message;
    expect(message).toContain(`Invalid params for ${name}`);
    for (const path of paths) expect(message).toContain(path);
    expect(message).toMatch(/Nothing was sent/);
    expect(stub.requests).toHaveLength(0);
  });

  it.each(Object.keys(methods))('%s rejects params that are not an object', async (name) => {
    for (const params of name === 'transactions.get' ? [null, {}, ['t']] : [null, undefined, 'x', 5, []]) {
      const error = await methods[name]!(knot, params).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, JSON.stringify(params)).toBeInstanceOf(KnotValidationError);
    }
    expect(stub.requests).toHaveLength(0);
  });

  it('the good params of every method are sent (the table above is not vacuous)', async () => {
    for (const [name, call] of Object.entries(methods)) await call(knot, good[name]).then(undefined, () => undefined);
    expect(stub.requests).toHaveLength(Object.keys(methods).length);
  });
});

describe('bad request options → KnotValidationError, nothing sent', () => {
  it.each(Object.keys(methods))('%s with a CR/LF header', async (name) => {
    for (const headers of [{ 'x-a': 'v\r\nX-Injected: 1' }, { 'x-a': 'v\nX-Injected: 1' }, { 'x-a\r\nX-Injected': 'v' }]) {
      const error = await methods[name]!(knot, good[name], { headers }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KnotValidationError);
      expect((error as KnotValidationError).issues[0]!.path).toMatch(/^headers\./);
    }
    expect(stub.requests).toHaveLength(0);
  });

  it('bad timeoutMs, maxRetries, signal', async () => {
    const error = (await knot.sessions.extend({ session_id: 's' }, { timeoutMs: -5, maxRetries: 1.5, signal: 'stop' as never }).catch((e: unknown) => e)) as KnotValidationError;
    expect(error).toBeInstanceOf(KnotValidationError);
    expect(error.issues.map((i) => i.path).sort()).toEqual(['maxRetries', 'signal', 'timeoutMs']);
    expect(stub.requests).toHaveLength(0);
  });
});

describe('methods never throw synchronously', () => {
  it.each(Object.keys(methods))('%s', async (name) => {
    const attempts: PromiseLike<unknown>[] = [];
    expect(() => {
      attempts.push(methods[name]!(knot, { bogus: true }));
      attempts.push(methods[name]!(knot, undefined));
      attempts.push(methods[name]!(knot, good[name], { headers: { 'x-a': '\n' } }));
      attempts.push(methods[name]!(knot, good[name], 'not options'));
    }).not.toThrow();
    for (const attempt of attempts) {
      await expect(attempt).rejects.toBeInstanceOf(KnotValidationError);
    }
    expect(stub.requests).toHaveLength(0);
  });
});
