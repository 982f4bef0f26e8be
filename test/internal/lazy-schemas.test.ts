/**
 * Importing the SDK builds no request schema: building them was a large part of its import time,
 * and a process may import it long before its first request, or only for webhooks. The request
 * schemas load with the first request, once.
 */
import { describe, expect, it, vi } from 'vitest';

const loads = vi.hoisted(() => ({ requestSchemas: 0 }));
vi.mock('../../src/schemas/zod/index.js', async (importOriginal) => {
  loads.requestSchemas++;
  return importOriginal();
});

describe('lazy schemas', () => {
  it('loads the request schemas with the first request, once', async () => {
    const { KnotClient } = await import('../../src/index.js');
    const { createMockKnot } = await import('../../src/testing.js');
    expect(loads.requestSchemas).toBe(0);

    const mock = createMockKnot();
    const knot = new KnotClient({ clientId: mock.clientId, secret: mock.secret, baseUrl: 'https://development.knotapi.com', dispatcher: mock.dispatcher });
    try {
      expect(loads.requestSchemas).toBe(0);
      expect((await knot.merchants.list({ type: 'transaction_link' })).length).toBeGreaterThan(0);
      expect(loads.requestSchemas).toBe(1);
      // Validation still happens before anything is sent, from the loaded schemas.
      await expect(knot.accounts.list({ external_user_id: '' })).rejects.toMatchObject({ name: 'KnotValidationError' });
      expect(loads.requestSchemas).toBe(1);
    } finally {
      await knot.close();
      await mock.close();
    }
  });
});
