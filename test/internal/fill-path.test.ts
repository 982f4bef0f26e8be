import { describe, expect, it } from 'vitest';
import { KnotValidationError } from '../../src/core/errors.js';
import { fillPath } from '../../src/internal/path.js';

describe('fillPath', () => {
  it('fills each :name segment, encoded as one segment, and leaves the rest for the body or query', () => {
    expect(fillPath('/subscriptions/:id/cancel', { id: 'a/b c', merchant_id: 19 })).toEqual({
      path: '/subscriptions/a%2Fb%20c/cancel',
      rest: { merchant_id: 19 },
    });
  });

  it('keeps a path without parameters and all the params', () => {
    expect(fillPath('/transactions/sync', { limit: 100 })).toEqual({ path: '/transactions/sync', rest: { limit: 100 } });
  });

  it('refuses a value that would change the path', () => {
    expect(() => fillPath('/transactions/:id', { id: '..' })).toThrow(KnotValidationError);
    expect(() => fillPath('/transactions/:id', {})).toThrow(KnotValidationError);
  });
});
