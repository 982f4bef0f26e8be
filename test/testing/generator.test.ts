import { describe, expect, it } from 'vitest';
import { ADJUSTMENT_TYPES, ORDER_STATUSES, PAYMENT_METHOD_TYPES, type Transaction } from '../../src/schemas/transaction.js';
import { TransactionSchema } from '../../src/schemas/zod/transaction.js';
import { createMockKnot } from '../../src/testing.js';
import { findMerchant, MERCHANTS } from '../../src/testing/catalogue.js';
import { generateTransaction } from '../../src/testing/generate.js';
import { parseTransactionId, transactionId } from '../../src/testing/ids.js';
import { formatCents, parseCents } from '../../src/testing/money.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const ref = { external_user_id: 'gen-user', merchant_id: 19 };

async function history(seed: number, merchantId = 19): Promise<Transaction[]> {
  const mock = createMockKnot({ seed, now: () => NOW });
  await mock.linkAccount({ ...ref, merchant_id: merchantId, transactions: { new: true } });
  return mock.transactionsOf({ ...ref, merchant_id: merchantId });
}

const sum = (values: string[]) => values.reduce((total, v) => total + parseCents(v), 0);
const MONEY = /^-?\d+\.\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('generated transactions', () => {
  it('are deterministic for a seed and differ between seeds', async () => {
    const a = await history(7);
    const b = await history(7);
    const c = await history(8);
    expect(a).toHaveLength(205);
    expect(b).toEqual(a);
    expect(c.map((t) => t.id)).not.toEqual(a.map((t) => t.id));
    expect(new Set(a.map((t) => t.id)).size).toBe(205);
  });

  it('parse with TransactionSchema, use UUID ids, ISO datetimes from the clock and 2-decimal money', async () => {
    for (const merchant of MERCHANTS) {
      const txns = await history(3, merchant.id);
      for (const t of txns) {
        expect(() => TransactionSchema.parse(t)).not.toThrow();
        expect(t.id).toMatch(UUID);
        expect(t.datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
        expect(Date.parse(t.datetime)).toBeLessThanOrEqual(NOW);
        expect(t.price.total).toMatch(MONEY);
        for (const p of t.products) expect(p.price?.sub_total).toMatch(MONEY);
      }
      // History is in insertion order, oldest first, ending at the link time.
      expect(Date.parse(txns.at(-1)!.datetime)).toBe(NOW);
      expect(Date.parse(txns[0]!.datetime)).toBeLessThan(NOW - 300 * 86_400_000);
    }
  });

  it('make every amount add up', async () => {
    for (const merchant of [19, 45, 44, 40, 10]) {
      for (const t of await history(11, merchant)) {
        const products = sum(t.products.map((p) => p.price!.sub_total!));
        expect(parseCents(t.price.sub_total!)).toBe(products);
        for (const p of t.products) {
          if (p.price?.unit_price && p.quantity) expect(parseCents(p.price.unit_price) * p.quantity).toBe(parseCents(p.price.sub_total!));
        }
        const adjustments = sum((t.price.adjustments ?? []).map((a) => a.amount));
        expect(parseCents(t.price.total)).toBe(products + adjustments);
        expect(parseCents(t.price.total)).toBeGreaterThanOrEqual(0);
        const amounts = t.payment_methods.map((m) => m.transaction_amount);
        expect(t.payment_methods.length).toBeGreaterThan(0);
        if (amounts.every((a) => a !== null)) expect(sum(amounts as string[])).toBe(parseCents(t.price.total));
      }
    }
  });

  it('contain every enum value and every nullable field both null and set', async () => {
    const txns = await history(5);
    const seen = (values: unknown[]) => new Set(values);
    expect(seen(txns.map((t) => t.order_status))).toEqual(new Set(ORDER_STATUSES));
    expect(seen(txns.flatMap((t) => t.payment_methods.map((m) => m.type)))).toEqual(new Set(PAYMENT_METHOD_TYPES));
    expect(seen(txns.flatMap((t) => (t.price.adjustments ?? []).map((a) => a.type)))).toEqual(new Set(ADJUSTMENT_TYPES));
    expect(txns.some((t) => t.products.some((p) => p.eligibility?.includes('FSA/HSA')))).toBe(true);

    const both = (values: unknown[]) => {
      expect(values.some((v) => v === null)).toBe(true);
      expect(values.some((v) => v !== null)).toBe(true);
    };
    const products = txns.flatMap((t) => t.products);
    const methods = txns.flatMap((t) => t.payment_methods);
    both(txns.map((t) => t.external_id));
    both(txns.map((t) => t.url));
    both(txns.map((t) => t.shipping));
    both(txns.map((t) => t.price.adjustments));
    both(txns.map((t) => t.price.currency));
    both(txns.map((t) => t.loyalty));
    both(products.map((p) => p.seller));
    both(products.map((p) => p.eligibility));
    both(products.map((p) => p.description));
    both(products.map((p) => p.url));
    both(products.map((p) => p.image_url));
    both(products.map((p) => p.external_id));
    both(products.map((p) => p.price?.unit_price));
    both(methods.map((m) => m.brand));
    both(methods.map((m) => m.last_four));
    both(methods.map((m) => m.external_id));
    both(methods.map((m) => m.transaction_amount));
    expect(txns.some((t) => t.payment_methods.length > 1)).toBe(true);
    expect(txns.some((t) => t.products.length > 1)).toBe(true);
    expect(products.some((p) => p.description === '')).toBe(true);
  });

  it('builds transaction i on demand: a million-transaction account is cheap', async () => {
    const mock = createMockKnot({ seed: 2, now: () => NOW, transactionsPerLink: 0 });
    await mock.linkAccount({ ...ref, transactions: { new: true } });
    const started = performance.now();
    mock.addTransactions({ ...ref, count: 1_000_000, notify: false });
    expect(mock.transactionCount(ref)).toBe(1_000_000);
    expect(performance.now() - started).toBeLessThan(500);
    const memory = process.memoryUsage().heapUsed;
    expect(memory).toBeLessThan(1_000_000_000);
  });

  it('ids encode their account and index and round-trip', () => {
    const tag = 0xdeadbeef;
    for (const index of [0, 1, 2, 204, 999_999, 12_345_678]) {
      const id = transactionId(9, tag, index);
      expect(id).toMatch(UUID);
      const parsed = parseTransactionId(id)!;
      expect(parsed.key).toBe(tag >>> 4);
      expect(parsed.indexFor(tag)).toBe(index);
    }
    expect(parseTransactionId('not-an-id')).toBeUndefined();
    const merchant = findMerchant(45)!;
    const one = generateTransaction({ seed: 1, tag, index: 3, merchant, datetimeMs: NOW });
    expect(generateTransaction({ seed: 1, tag, index: 3, merchant, datetimeMs: NOW })).toEqual(one);
  });

  it('formats and parses money exactly', () => {
    expect(formatCents(4320)).toBe('43.20');
    expect(formatCents(-437)).toBe('-4.37');
    expect(formatCents(5)).toBe('0.05');
    expect(parseCents('-4.37')).toBe(-437);
    expect(parseCents('12.5')).toBe(1250);
    expect(() => parseCents('1e3')).toThrow();
  });
});
