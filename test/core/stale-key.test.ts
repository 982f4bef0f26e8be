import { describe, expect, it } from 'vitest';
import { isStaleKeyAnswer } from '../../src/core/stale-key.js';

describe('isStaleKeyAnswer: is a refused card JWE worth one retry with a freshly fetched key?', () => {
  it.each([
    ['the whole JWE refused', 400, 'INVALID_JWE', 'The jwe is invalid.'],
    ['the same in other words', 400, 'INVALID_JWE', 'Could not decrypt the JWE'],
  ])('yes: %s', (_name, status, errorCode, errorMessage) => {
    expect(isStaleKeyAnswer({ status, errorCode, errorMessage })).toBe(true);
  });

  it.each([
    ['a field inside it (a new key cannot fix the data)', 400, 'INVALID_JWE', 'The card.number is invalid and does not pass the Luhn check.'],
    ['an expired card', 400, 'INVALID_JWE', 'The card is expired.'],
    ['another code naming the jwe', 400, 'INVALID_FIELD', 'The jwe field is required.'],
    ['another status', 403, 'INVALID_JWE', 'The jwe is invalid.'],
    ['no message', 400, 'INVALID_JWE', null],
    ['a 500', 500, null, 'Server Error'],
  ])('no: %s', (_name, status, errorCode, errorMessage) => {
    expect(isStaleKeyAnswer({ status, errorCode, errorMessage })).toBe(false);
  });
});
