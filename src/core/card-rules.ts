/**
 * The card-data rules of knot-api.md §11.3.2, as pure functions: the SDK checks a card with them
 * before encrypting it, and the fake checks what it decrypts with the same ones.
 *
 * Every message names the rule, never the value: no digit of a card number or CVV may reach an error.
 * The card network's name (as printed on any receipt) and its valid lengths are the most they say.
 *
 * Over a screen: a third of it is the network table (data), and number, CVV and expiry rules share
 * it and the length wording. Read top to bottom: table, Luhn, number and CVV, then expiry.
 */

interface Network {
  readonly name: string;
  /** Valid card-number lengths, ascending. */
  readonly lengths: readonly number[];
  /** Valid CVV lengths, ascending. */
  readonly cvvLengths: readonly number[];
  /** Does this number's issuer prefix belong to the network? */
  readonly matches: (digits: string) => boolean;
}

const prefixBetween = (digits: string, size: number, low: number, high: number): boolean => {
  const prefix = Number(digits.slice(0, size));
  return digits.length >= size && prefix >= low && prefix <= high;
};

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// Issuer prefixes as the networks publish them; first match wins, so narrower ranges come first.
const NETWORKS: readonly Network[] = [
  { name: 'American Express', lengths: [15], cvvLengths: [4], matches: (d) => /^3[47]/.test(d) },
  { name: 'Visa', lengths: [13, 16, 19], cvvLengths: [3], matches: (d) => d.startsWith('4') },
  {
    name: 'Mastercard',
    lengths: [16],
    cvvLengths: [3],
    matches: (d) => prefixBetween(d, 2, 51, 55) || prefixBetween(d, 4, 2221, 2720),
  },
  {
    name: 'Discover',
    lengths: range(16, 19),
    cvvLengths: [3],
    matches: (d) => d.startsWith('6011') || d.startsWith('65') || prefixBetween(d, 3, 644, 649),
  },
  { name: 'JCB', lengths: range(16, 19), cvvLengths: [3], matches: (d) => prefixBetween(d, 4, 3528, 3589) },
  {
    name: 'Diners Club',
    lengths: range(14, 19),
    cvvLengths: [3],
    matches: (d) => /^3(0[0-5]|[689])/.test(d),
  },
  { name: 'UnionPay', lengths: range(16, 19), cvvLengths: [3], matches: (d) => /^(62|81)/.test(d) },
];

/** ISO/IEC 7812 bounds for a network the table does not know. */
const ANY_NETWORK: Network = { name: 'card', lengths: range(12, 19), cvvLengths: [3, 4], matches: () => true };

const DIGITS = /^\d+$/;

/** The network a card number belongs to, by its issuer prefix; a generic one when unknown. */
export function cardNetwork(digits: string): Network {
  return NETWORKS.find((network) => network.matches(digits)) ?? ANY_NETWORK;
}

/** The Luhn (mod 10) checksum every payment card number carries in its last digit. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function lengths(list: readonly number[]): string {
  if (list.length === 1) return `${list[0]}`;
  const contiguous = list.every((n, i) => i === 0 || n === list[i - 1]! + 1);
  if (contiguous && list.length > 2) return `${list[0]} to ${list.at(-1)}`;
  return `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;
}

function lengthProblem(length: number, allowed: readonly number[], network: Network, unit: string): string | null {
  if (allowed.includes(length)) return null;
  const expected = `(${network.name}: ${lengths(allowed)} ${unit})`;
  if (length < allowed[0]!) return `is too short for the card type ${expected}`;
  if (length > allowed.at(-1)!) return `is too long for the card type ${expected}`;
  return `has a length that is not valid for the card type ${expected}`;
}

/** What is wrong with a card number (digits only, a length valid for its network, Luhn), or null. */
export function cardNumberProblem(number: string): string | null {
  if (!DIGITS.test(number)) return 'must be numeric (digits only, no spaces or hyphens)';
  const network = cardNetwork(number);
  return (
    lengthProblem(number.length, network.lengths, network, 'digits') ??
    (passesLuhn(number) ? null : 'is invalid and does not pass the Luhn check (check for a mistyped digit)')
  );
}

/**
 * What is wrong with a CVV (digits only, the length its card's network uses), or null. When the
 * card number itself is invalid, any 3 or 4 digits are accepted: the number's issue says enough.
 */
export function cvvProblem(cvv: string, number: string): string | null {
  if (!DIGITS.test(cvv)) return 'must be numeric';
  const network = cardNumberProblem(number) === null ? cardNetwork(number) : ANY_NETWORK;
  return lengthProblem(cvv.length, network.cvvLengths, network, 'digits');
}

/** A card's expiry: the card is valid through the last day of `month` of `year`. */
export interface Expiry {
  month: number;
  year: number;
}

/** Parses `MM/YYYY` or `MM/YY` (two-digit years are 20YY); null for anything else. */
export function parseExpiry(text: string): Expiry | null {
  const match = /^(0[1-9]|1[0-2])\/(\d{2}|\d{4})$/.exec(text);
  if (!match) return null;
  const year = Number(match[2]);
  return { month: Number(match[1]), year: match[2]!.length === 2 ? 2000 + year : year };
}

/**
 * True once the expiry month is over. Judged in UTC: a card expiring this month is still valid,
 * the same on every server whatever its time zone.
 */
export function isExpired(expiry: Expiry, nowMs: number): boolean {
  const now = new Date(nowMs);
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  return expiry.year * 12 + (expiry.month - 1) < current;
}

/** What is wrong with an expiration (format, or in the past at `nowMs`), or null. */
export function expirationProblem(expiration: string, nowMs: number): string | null {
  const expiry = parseExpiry(expiration);
  if (!expiry) return 'should be in MM/YYYY or MM/YY format, e.g. 08/2030';
  return isExpired(expiry, nowMs) ? 'is in the past: the card is expired' : null;
}
