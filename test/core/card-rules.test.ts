import { describe, expect, it } from 'vitest';
import { cardNetwork, cardNumberProblem, cvvProblem, expirationProblem, isExpired, parseExpiry, passesLuhn } from '../../src/core/card-rules.js';
import { cardJweHeader, modulusBits } from '../../src/core/jwe-key.js';

// Published test numbers of each network (all pass Luhn).
const NUMBERS = {
  visa16: '4242424242424242',
  visa13: '4222222222222',
  amex: '378282246310005',
  mastercard: '5555555555554444',
  mastercard2series: '2223003122003222',
  discover: '6011111111111117',
  diners14: '36227206271667',
  jcb: '3566002020360505',
  unionpay: '6200000000000005',
  unknown16: '7000000000000005',
};

describe('passesLuhn', () => {
  it.each(Object.entries(NUMBERS))('accepts %s', (_name, number) => expect(passesLuhn(number)).toBe(true));

  it('rejects a changed digit, two swapped digits, and the empty string', () => {
    expect(passesLuhn('4242424242424241')).toBe(false);
    expect(passesLuhn('4242424242424224')).toBe(false);
    expect(passesLuhn('')).toBe(false);
  });
});

describe('cardNetwork', () => {
  it.each([
    [NUMBERS.visa16, 'Visa'],
    [NUMBERS.amex, 'American Express'],
    [NUMBERS.mastercard, 'Mastercard'],
    [NUMBERS.mastercard2series, 'Mastercard'],
    [NUMBERS.discover, 'Discover'],
    ['6445644564456445', 'Discover'],
    [NUMBERS.diners14, 'Diners Club'],
    ['30569309025904', 'Diners Club'],
    [NUMBERS.jcb, 'JCB'],
    [NUMBERS.unionpay, 'UnionPay'],
    [NUMBERS.unknown16, 'card'],
  ])('%s is %s', (number, name) => expect(cardNetwork(number).name).toBe(name));
});

describe('cardNumberProblem', () => {
  it.each(Object.entries(NUMBERS))('accepts %s', (_name, number) => expect(cardNumberProblem(number)).toBeNull());

  it.each([
    ['spaces', '4242 4242 4242 4242', 'must be numeric (digits only, no spaces or hyphens)'],
    ['hyphens', '4242-4242-4242-4242', 'must be numeric (digits only, no spaces or hyphens)'],
    ['letters', '42424242424242ab', 'must be numeric (digits only, no spaces or hyphens)'],
    ['empty', '', 'must be numeric (digits only, no spaces or hyphens)'],
    ['full-width digits', '４２４２４２４２４２４２４２４２', 'must be numeric (digits only, no spaces or hyphens)'],
    ['a Visa of 12 digits', '424242424242', 'is too short for the card type (Visa: 13, 16 or 19 digits)'],
    ['a Visa of 20 digits', '42424242424242424242', 'is too long for the card type (Visa: 13, 16 or 19 digits)'],
    ['a Visa of 18 digits', '424242424242424242', 'has a length that is not valid for the card type (Visa: 13, 16 or 19 digits)'],
    ['an Amex of 14 digits', '37828224631003', 'is too short for the card type (American Express: 15 digits)'],
    ['an unknown network, 11 digits', '70000000003', 'is too short for the card type (card: 12 to 19 digits)'],
    ['a mistyped digit', '4242424242424241', 'is invalid and does not pass the Luhn check (check for a mistyped digit)'],
  ])('refuses %s', (_name, number, message) => expect(cardNumberProblem(number)).toBe(message));
});

describe('cvvProblem', () => {
  it('wants 4 digits for American Express and 3 for the others', () => {
    expect(cvvProblem('0123', NUMBERS.amex)).toBeNull();
    expect(cvvProblem('012', NUMBERS.amex)).toBe('is too short for the card type (American Express: 4 digits)');
    expect(cvvProblem('012', NUMBERS.visa16)).toBeNull();
    expect(cvvProblem('0123', NUMBERS.visa16)).toBe('is too long for the card type (Visa: 3 digits)');
    expect(cvvProblem('01', NUMBERS.mastercard)).toBe('is too short for the card type (Mastercard: 3 digits)');
  });

  it('accepts 3 or 4 digits when the network is unknown or the number invalid', () => {
    expect(cvvProblem('012', NUMBERS.unknown16)).toBeNull();
    expect(cvvProblem('0123', 'not a number')).toBeNull();
    expect(cvvProblem('01234', 'not a number')).toBe('is too long for the card type (card: 3 or 4 digits)');
  });

  it('wants digits only', () => {
    for (const cvv of ['12a', ' 123', '', '1.2']) expect(cvvProblem(cvv, NUMBERS.visa16)).toBe('must be numeric');
  });
});

describe('expiry', () => {
  const at = (iso: string) => Date.parse(iso);

  it('parses MM/YYYY and MM/YY, and nothing else', () => {
    expect(parseExpiry('08/2030')).toEqual({ month: 8, year: 2030 });
    expect(parseExpiry('12/30')).toEqual({ month: 12, year: 2030 });
    for (const text of ['8/2030', '13/2030', '00/30', '08/203', '08-2030', '082030', ' 08/2030', '08/2030 ', '2030/08']) {
      expect(parseExpiry(text), text).toBeNull();
    }
  });

  it('keeps a card valid through the last moment of its month, in UTC', () => {
    const card = { month: 8, year: 2030 };
    expect(isExpired(card, at('2030-08-31T23:59:59.999Z'))).toBe(false);
    expect(isExpired(card, at('2030-09-01T00:00:00.000Z'))).toBe(true);
    expect(isExpired(card, at('2029-12-31T00:00:00Z'))).toBe(false);
    expect(isExpired({ month: 12, year: 2029 }, at('2030-01-01T00:00:00Z'))).toBe(true);
  });

  it('names the format or the expiry, never the value', () => {
    const now = at('2026-12-06T00:00:00Z');
    expect(expirationProblem('12/2026', now)).toBeNull();
    expect(expirationProblem('11/26', now)).toBe('is in the past: the card is expired');
    expect(expirationProblem('2030-08', now)).toBe('should be in MM/YYYY or MM/YY format, e.g. 08/2030');
  });
});

// 342 base64url characters = 256 bytes; 'w' makes the top bits 11: exactly 2048 bits.
const N_2048 = `w${'A'.repeat(341)}`;
const N_1024 = `w${'A'.repeat(170)}`;

describe('modulusBits', () => {
  it('counts the bits of a base64url integer, leading zero bytes left out', () => {
    expect(modulusBits(N_2048)).toBe(2048);
    expect(modulusBits(N_1024)).toBe(1024);
    expect(modulusBits('AAAB')).toBe(1); // 00 00 01
    expect(modulusBits('AQAB')).toBe(17); // 65537
    expect(modulusBits('AAAA')).toBe(0);
  });

  it('is undefined for text that is not base64url', () => {
    for (const bad of ['', 'a+b/', 'ab=', 'abcde', ' AQAB']) expect(modulusBits(bad)).toBeUndefined();
  });
});

describe('cardJweHeader', () => {
  const key = { kty: 'RSA', kid: 'key-1', n: N_2048, alg: 'RSA-OAEP-256', use: 'enc', key_ops: ['encrypt'] };

  it("copies the key's kid and alg, with enc A256GCM", () => {
    expect(cardJweHeader(key)).toEqual({ header: { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'key-1' } });
    expect(cardJweHeader({ ...key, alg: 'RSA-OAEP-512' })).toEqual({ header: { alg: 'RSA-OAEP-512', enc: 'A256GCM', kid: 'key-1' } });
  });

  it('uses the documented RSA-OAEP-256 for a key without alg', () => {
    expect(cardJweHeader({ kty: 'RSA', kid: 'key-1', n: N_2048 })).toEqual({ header: { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'key-1' } });
  });

  it.each([
    ['an EC key', { ...key, kty: 'EC' }, 'is a "EC" key, not an RSA key'],
    ['no kid', { ...key, kid: '' }, 'has no kid, which Knot requires in the JWE header'],
    ['no modulus', { ...key, n: undefined }, 'has no RSA modulus "n" in base64url'],
    ['a modulus that is not base64url', { ...key, n: 'not/base64' }, 'has no RSA modulus "n" in base64url'],
    ['a 1024-bit modulus', { ...key, n: N_1024 }, 'has a 1024-bit RSA modulus; at least 2048 bits are required'],
    ['garbage for a modulus', { ...key, n: 'garbage' }, 'has a 40-bit RSA modulus; at least 2048 bits are required'],
    ['RSA1_5 (padding oracle)', { ...key, alg: 'RSA1_5' }, 'asks for alg "RSA1_5"; knotapi-node encrypts card data with RSA-OAEP-256, RSA-OAEP-384, RSA-OAEP-512, RSA-OAEP only'],
    ['a signing key', { ...key, use: 'sig' }, 'is for use "sig", not encryption ("enc")'],
    ['key_ops without encrypt', { ...key, key_ops: ['verify'] }, 'does not permit "encrypt" (key_ops ["verify"])'],
  ])('refuses %s', (_name, bad, problem) => expect(cardJweHeader(bad)).toEqual({ problem }));
});
