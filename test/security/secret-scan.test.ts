/**
 * The secret scanner other tests rely on to prove that card data and credentials never leak: it
 * must find every form a leak takes, or those tests prove nothing.
 */
import { describe, expect, it } from 'vitest';
import { findSecrets, renderEverything } from '../helpers/secret-scan.js';

const PAN = '4242424242424242';
const CVV = '012';
const SECRET = 'sk_live_Zq9"x\\y+/=';

describe('findSecrets', () => {
  it.each([
    ['as is', `card ${PAN} refused`],
    ['grouped with spaces', 'card 4242 4242 4242 4242 refused'],
    ['grouped with hyphens', 'card 4242-4242-4242-4242'],
    ['masked, but keeping the first six digits', 'card 424242******4242'],
    ['inside a longer number', `id 9${PAN}9`],
  ])('finds a card number %s', (_name, text) => {
    expect(findSecrets(text, [PAN])).not.toEqual([]);
  });

  it('finds a secret JSON-escaped', () => {
    expect(findSecrets(JSON.stringify({ secret: SECRET }), [SECRET])).toContain('sk_l…: JSON-escaped');
  });

  it('finds a secret base64 and base64url encoded, whatever precedes and follows it', () => {
    for (const prefix of ['', 'a', 'ab', 'abc', '{"card":{"number":"']) {
      for (const suffix of ['', '"', '"}}']) {
        const text = `${prefix}${PAN}${suffix}`;
        expect(findSecrets(Buffer.from(text).toString('base64'), [PAN]), `base64 of ${text}`).not.toEqual([]);
        expect(findSecrets(Buffer.from(`${prefix}${SECRET}${suffix}`).toString('base64url'), [SECRET]), `base64url of ${prefix}…`).not.toEqual([]);
      }
    }
  });

  it('finds a CVV as a whole digit run only', () => {
    expect(findSecrets('cvv 012 refused', [CVV])).toEqual(['012…: digit run 012']);
    expect(findSecrets('{"cvv":"012"}', [CVV])).not.toEqual([]);
    expect(findSecrets('in 2012, 0123 and at file.ts:12:7', [CVV])).toEqual([]);
  });

  it('finds nothing where there is nothing', () => {
    expect(findSecrets('card.number: is invalid and does not pass the Luhn check (Visa: 13, 16 or 19 digits)', [PAN, CVV, SECRET])).toEqual([]);
  });
});

describe('renderEverything', () => {
  it('shows what util.inspect hides: non-enumerable members, causes, custom inspectors', () => {
    const error = new Error('outer', { cause: new Error(`inner ${PAN}`) });
    Object.defineProperty(error, 'hidden', { value: CVV, enumerable: false });
    const cloaked = { card: PAN, toJSON: () => ({}), [Symbol.for('nodejs.util.inspect.custom')]: () => 'nothing to see' };
    const rendered = renderEverything(error);
    expect(findSecrets(rendered, [PAN])).not.toEqual([]);
    expect(findSecrets(rendered, [CVV])).not.toEqual([]);
    expect(findSecrets(renderEverything(cloaked), [PAN])).not.toEqual([]);
  });
});
