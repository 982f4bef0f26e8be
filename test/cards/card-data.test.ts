/**
 * The plain card data a card call takes (knot-api.md §11.3.2), validated before anything is
 * encrypted or sent. Every refusal is a KnotValidationError naming the field and the rule, and no
 * rendering of it (message, issues, util.inspect, JSON, String) holds a digit of the PAN or CVV.
 */
import { describe, expect, it } from 'vitest';
import { KnotValidationError } from '../../src/core/errors.js';
import { parseParams } from '../../src/internal/validate.js';
import { cardPayloadSchema } from '../../src/schemas/zod/card.js';
import { expectNoSecrets } from '../helpers/secret-scan.js';
import { thrownBy } from '../helpers/thrown.js';

const PAN = '4242424242424242';
const CVV = '012'; // a leading zero: no line number or count looks like it (see secret-scan.ts)
const NOW = Date.parse('2026-12-06T08:00:00Z');

const user = {
  name: { first_name: 'Ada', last_name: 'Lovelace' },
  address: { street: '100 Main Street', street2: '#100', city: 'NEW YORK', region: 'NY', postal_code: '12345', country: 'US' },
  phone_number: '+11234567890',
};
const card = { number: PAN, expiration: '08/2030', cvv: CVV };

const validate = (value: unknown, now = NOW) => parseParams(cardPayloadSchema(() => now), value, 'cards.switch');

const refusal = (value: unknown, now = NOW) => thrownBy(KnotValidationError, () => validate(value, now));

describe('card data validation', () => {
  it.each([
    ['the documented sample', { user, card }],
    ['an American Express card with a 4-digit CVV', { user, card: { number: '378282246310005', expiration: '08/2030', cvv: '0427' } }],
    ['a two-digit year', { user, card: { ...card, expiration: '08/30' } }],
    ['an address without street2', { user: { ...user, address: { ...user.address, street2: undefined } }, card }],
    ['a country-prefixed region', { user: { ...user, address: { ...user.address, region: 'US-NY' } }, card }],
    ['the longest names and address Knot allows', {
      user: { ...user, name: { first_name: 'a'.repeat(255), last_name: 'b'.repeat(255) }, address: { ...user.address, street: 's'.repeat(46), city: 'c'.repeat(32), postal_code: '1234567890' } },
      card,
    }],
  ])('accepts %s, unchanged', (_name, value) => {
    expect(validate(value)).toEqual(value);
  });

  const withCard = (changes: Record<string, unknown>) => ({ user, card: { ...card, ...changes } });
  const withAddress = (changes: Record<string, unknown>) => ({ user: { ...user, address: { ...user.address, ...changes } }, card });
  const visaLengths = '(Visa: 13, 16 or 19 digits)';

  it.each<[string, unknown, { path: string; message: string }[], string[]?]>([
    ['a mistyped digit (Luhn)', withCard({ number: '4242424242424241' }), [{ path: 'card.number', message: 'is invalid and does not pass the Luhn check (check for a mistyped digit)' }], ['4242424242424241']],
    ['a number with spaces', withCard({ number: '4242 4242 4242 4242' }), [{ path: 'card.number', message: 'must be numeric (digits only, no spaces or hyphens)' }]],
    ['a number with letters', withCard({ number: '4242424242424x42' }), [{ path: 'card.number', message: 'must be numeric (digits only, no spaces or hyphens)' }], ['4242424242424x42']],
    ['a number given as a JS number', withCard({ number: Number(PAN) }), [{ path: 'card.number', message: 'must be a string of digits' }]],
    ['a short number', withCard({ number: '424242424242' }), [{ path: 'card.number', message: `is too short for the card type ${visaLengths}` }], ['424242424242']],
    ['a long number', withCard({ number: '42424242424242424242' }), [{ path: 'card.number', message: `is too long for the card type ${visaLengths}` }], ['42424242424242424242']],
    ['a CVV with a letter', withCard({ cvv: '01a' }), [{ path: 'card.cvv', message: 'must be numeric' }], ['01a']],
    ['a 4-digit CVV on a Visa', withCard({ cvv: '0123' }), [{ path: 'card.cvv', message: 'is too long for the card type (Visa: 3 digits)' }], ['0123']],
    ['a 3-digit CVV on an Amex', { user, card: { number: '378282246310005', expiration: '08/2030', cvv: '012' } }, [{ path: 'card.cvv', message: 'is too short for the card type (American Express: 4 digits)' }], ['378282246310005']],
    ['a missing CVV', { user, card: { number: PAN, expiration: '08/2030' } }, [{ path: 'card.cvv', message: 'is required' }]],
    ['an expired card', withCard({ expiration: '11/2026' }), [{ path: 'card.expiration', message: 'is in the past: the card is expired' }]],
    ['an expiration in another format', withCard({ expiration: '2030-08' }), [{ path: 'card.expiration', message: 'should be in MM/YYYY or MM/YY format, e.g. 08/2030' }]],
    ['an unknown card field', withCard({ pin: '0427' }), [{ path: 'card.pin', message: 'is not a known parameter (check its spelling)' }], ['0427']],
    ['the card number where the card object belongs', { user, card: PAN }, [{ path: 'card', message: 'must be an object' }]],
    ['no user', { card }, [{ path: 'user', message: 'is required' }]],
    ['a first name over 255 characters', { user: { ...user, name: { first_name: 'a'.repeat(256), last_name: 'L' } }, card }, [{ path: 'user.name.first_name', message: 'must not be greater than 255 characters' }]],
    ['a blank last name', { user: { ...user, name: { first_name: 'Ada', last_name: '  ' } }, card }, [{ path: 'user.name.last_name', message: 'is required (it is blank)' }]],
    ['a street over 46 characters', withAddress({ street: 's'.repeat(47) }), [{ path: 'user.address.street', message: 'must not be greater than 46 characters' }]],
    ['a city over 32 characters', withAddress({ city: 'c'.repeat(33) }), [{ path: 'user.address.city', message: 'must not be greater than 32 characters' }]],
    ['a 4-character postal code', withAddress({ postal_code: '1234' }), [{ path: 'user.address.postal_code', message: 'must be at least 5 characters' }]],
    ['an 11-character postal code', withAddress({ postal_code: '12345678901' }), [{ path: 'user.address.postal_code', message: 'must not be greater than 10 characters' }]],
    ['a region spelt out', withAddress({ region: 'New York' }), [{ path: 'user.address.region', message: 'must be an ISO 3166-2 subdivision code, e.g. NY' }]],
    ['a three-letter country', withAddress({ country: 'USA' }), [{ path: 'user.address.country', message: 'must be an ISO 3166-1 alpha-2 country code, e.g. US' }]],
    ['a local phone number', { user: { ...user, phone_number: '(123) 456-7890' }, card }, [{ path: 'user.phone_number', message: 'must be an E.164 phone number, e.g. +11234567890' }]],
    ['several problems at once', { user: { ...user, phone_number: '' }, card: { ...card, number: '4242424242424241', expiration: '1/30' } }, [
      { path: 'user.phone_number', message: 'must be an E.164 phone number, e.g. +11234567890' },
      { path: 'card.number', message: 'is invalid and does not pass the Luhn check (check for a mistyped digit)' },
      { path: 'card.expiration', message: 'should be in MM/YYYY or MM/YY format, e.g. 08/2030' },
    ], ['4242424242424241']],
  ])('refuses %s, naming the field and never the card data', (_name, value, issues, alsoSecret = []) => {
    const error = refusal(value);
    expect(error.issues).toEqual(issues);
    expect(error.message).toBe(`Invalid params for cards.switch: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}. Nothing was sent.`);
    expectNoSecrets(error, [PAN, CVV, ...alsoSecret], 'the validation error');
  });

  it('judges the expiry on the clock it is given: valid through the last moment of the month (UTC)', () => {
    const december = { user, card: { ...card, expiration: '12/2026' } };
    expect(validate(december, Date.parse('2026-12-31T23:59:59.999Z'))).toEqual(december);
    expect(refusal(december, Date.parse('2027-01-01T00:00:00Z')).issues).toEqual([{ path: 'card.expiration', message: 'is in the past: the card is expired' }]);
  });
});
