import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { KnotRateLimitError } from '../../src/index.js';
import { stubClients } from '../helpers/stub-client.js';

const { clientFor, clientAt } = stubClients({ clientId: 'id', secret: 'secret_rl', logLevel: 'off', retryBackoff: { initialDelayMs: 1, maxDelayMs: 5 } });

/** 429 + Retry-After: 3600 for user "limited" on merchant 45; 202 for everything else. */
function knotWithLimitedAccount() {
  return clientFor([
    http.post('*/transactions/refresh', async ({ request }) => {
      const body = (await request.json()) as { merchant_id: number; external_user_id: string };
      if (body.external_user_id === 'limited' && body.merchant_id === 45) {
        return HttpResponse.json(
          {
            error_type: 'RATE_LIMIT_ERROR',
            error_code: 'TOO_MANY_REQUESTS',
            error_message: 'Rate limit exceeded. Please retry after the time indicated in the Retry-After header.',
          },
          { status: 429, headers: { 'retry-after': '3600' } },
        );
      }
      return HttpResponse.json({ message: 'Success' }, { status: 202 });
    }),
    http.post('*/transactions/sync', () => HttpResponse.json({ merchant: { id: 45, name: 'Walmart' }, transactions: [], next_cursor: null, limit: 100 })),
  ]);
}

describe('refresh rate limit (DESIGN §2.4)', () => {
  it('a 429 with Retry-After: 3600 → KnotRateLimitError at once, one request', async () => {
    const { stub, knot } = await knotWithLimitedAccount();
    const started = Date.now();
    const error = (await knot.transactions.refresh({ merchant_id: 45, external_user_id: 'limited' }).catch((e: unknown) => e)) as KnotRateLimitError;
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(KnotRateLimitError);
    expect(error.status).toBe(429);
    expect(error.errorCode).toBe('TOO_MANY_REQUESTS');
    expect(error.errorType).toBe('RATE_LIMIT_ERROR');
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(Math.abs(error.retryAt!.getTime() - (Date.now() + 3_600_000))).toBeLessThan(5_000);
    expect(elapsed).toBeLessThan(5_000);
    expect(error.requestSent).toBe(true);
    expect(stub.requests).toHaveLength(1);
  });

  it('a second refresh of that account sends nothing; another account still sends', async () => {
    const { stub, knot } = await knotWithLimitedAccount();
    const first = (await knot.transactions.refresh({ merchant_id: 45, external_user_id: 'limited' }).catch((e: unknown) => e)) as KnotRateLimitError;
    expect(stub.requests).toHaveLength(1);

    const second = (await knot.transactions.refresh({ merchant_id: 45, external_user_id: 'limited' }).catch((e: unknown) => e)) as KnotRateLimitError;
    expect(second).toBeInstanceOf(KnotRateLimitError);
    expect(second.status).toBe(429);
    expect(second.errorCode).toBe('TOO_MANY_REQUESTS');
    expect(second.retryAfterMs).toBeGreaterThan(3_590_000);
    expect(second.retryAfterMs).toBeLessThanOrEqual(3_600_000);
    expect(Math.abs(second.retryAt!.getTime() - first.retryAt!.getTime())).toBeLessThan(1_000);
    expect(second.message).toMatch(/^POST \/transactions\/refresh → 429 TOO_MANY_REQUESTS: Not sent/);
    expect(second.requestSent).toBe(false);
    expect(stub.requests).toHaveLength(1);

    // same user, other merchant; other user, same merchant: both sent
    expect(await knot.transactions.refresh({ merchant_id: 19, external_user_id: 'limited' })).toEqual({ message: 'Success' });
    expect(await knot.transactions.refresh({ merchant_id: 45, external_user_id: 'other' })).toEqual({ message: 'Success' });
    expect(stub.requests).toHaveLength(3);
    expect(stub.requests.slice(1).map((r) => r.body)).toEqual([
      { merchant_id: 19, external_user_id: 'limited' },
      { merchant_id: 45, external_user_id: 'other' },
    ]);

    // other endpoints for the limited account are unaffected
    await knot.transactions.syncPage({ merchant_id: 45, external_user_id: 'limited' });
    expect(stub.requests).toHaveLength(4);
  });

  it('the memory is per client', async () => {
    const { stub, knot } = await knotWithLimitedAccount();
    await expect(knot.transactions.refresh({ merchant_id: 45, external_user_id: 'limited' })).rejects.toBeInstanceOf(KnotRateLimitError);
    const other = clientAt(stub.url);
    await expect(other.transactions.refresh({ merchant_id: 45, external_user_id: 'limited' })).rejects.toBeInstanceOf(KnotRateLimitError);
    expect(stub.requests).toHaveLength(2);
  });

  it('a refresh 429 is never retried, even with a short Retry-After', async () => {
    const { stub, knot } = await clientFor(http.post('*/transactions/refresh', () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '1' } })));
    const error = (await knot.transactions.refresh({ merchant_id: 45, external_user_id: 'a' }).catch((e: unknown) => e)) as KnotRateLimitError;
    expect(error).toBeInstanceOf(KnotRateLimitError);
    expect(error.retryAfterMs).toBe(1_000);
    expect(stub.requests).toHaveLength(1);
  });

  it('a refresh 429 without Retry-After is not remembered', async () => {
    const { stub, knot } = await clientFor(http.post('*/transactions/refresh', () => new HttpResponse(null, { status: 429 })));
    const error = (await knot.transactions.refresh({ merchant_id: 45, external_user_id: 'a' }).catch((e: unknown) => e)) as KnotRateLimitError;
    expect(error.retryAfterMs).toBeNull();
    expect(error.retryAt).toBeNull();
    await expect(knot.transactions.refresh({ merchant_id: 45, external_user_id: 'a' })).rejects.toBeInstanceOf(KnotRateLimitError);
    expect(stub.requests).toHaveLength(2);
  });

  it('a refresh 5xx is still retried', async () => {
    let n = 0;
    const { stub, knot } = await clientFor(
      http.post('*/transactions/refresh', () => (++n < 2 ? HttpResponse.json({ message: 'Server Error' }, { status: 500 }) : HttpResponse.json({ message: 'Success' }, { status: 202 }))),
    );
    expect(await knot.transactions.refresh({ merchant_id: 45, external_user_id: 'a' })).toEqual({ message: 'Success' });
    expect(stub.requests).toHaveLength(2);
  });
});

describe('Retry-After beyond 24 h counts as 24 h (DESIGN §2.4)', () => {
  it.each(['99999999999999999999', '1e400', 'Fri, 31 Dec 9999 23:59:59 GMT'])(
    'Retry-After: %s → retryAfterMs 24 h, a valid retryAt named in the message, and the account remembered',
    async (retryAfter) => {
      const { stub, knot } = await clientFor([
        http.post('*/transactions/refresh', () =>
          HttpResponse.json(
            { error_type: 'RATE_LIMIT_ERROR', error_code: 'TOO_MANY_REQUESTS', error_message: 'Rate limit exceeded.' },
            { status: 429, headers: { 'retry-after': retryAfter } },
          ),
        ),
      ]);
      const account = { merchant_id: 45, external_user_id: 'limited' };
      const error = (await knot.transactions.refresh(account).catch((e: unknown) => e)) as KnotRateLimitError;
      expect(error).toBeInstanceOf(KnotRateLimitError);
      expect(error.retryAfterMs).toBe(86_400_000);
      expect(error.retryAt).toBeInstanceOf(Date);
      expect(Number.isNaN(error.retryAt!.getTime())).toBe(false);
      expect(Math.abs(error.retryAt!.getTime() - (Date.now() + 86_400_000))).toBeLessThan(5_000);
      expect(error.message).toContain(`Retry at ${error.retryAt!.toISOString()}`);

      // The per-account memory applies: the next refresh is refused without a request.
      const second = (await knot.transactions.refresh(account).catch((e: unknown) => e)) as KnotRateLimitError;
      expect(second).toBeInstanceOf(KnotRateLimitError);
      expect(second.requestSent).toBe(false);
      expect(second.message).toContain(error.retryAt!.toISOString().slice(0, 16));
      expect(stub.requests).toHaveLength(1);
    },
  );
});
