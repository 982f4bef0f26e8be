/**
 * Scans anything a user could print, log or ship (an error, a log line, a request the fake
 * recorded) for secrets: client secrets, card numbers, CVVs. A secret is looked for in the forms
 * it takes when it leaks: as is, JSON-escaped, base64 / base64url encoded, and for card numbers
 * also grouped (`4242 4242 ...`) or in part (any 6 consecutive digits). Short digit secrets (a CVV)
 * are matched as whole digit runs, so `012` is found in `cvv 012` but not in `2012`: pick fixture
 * values with a leading zero, which no line number or count has.
 */
import { inspect } from 'node:util';
import { expect } from 'vitest';

const PARTIAL = 6;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The part of `secret`'s base64 that does not depend on what precedes it, at each of the 3 alignments. */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const cores: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
    // Skip the characters the padding bytes touch, and the last group (it depends on what follows).
    const start = Math.ceil((pad * 4) / 3);
    const end = Math.floor(((pad + bytes.length) * 4) / 3);
    const core = encoded.slice(start, end);
    if (core.length >= 8) cores.push(core, core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return cores;
}

/** Every pattern that reveals `secret`, named for the report. */
function secretPatterns(secret: string): { name: string; pattern: RegExp }[] {
  const literal = (name: string, text: string) => ({ name, pattern: new RegExp(escapeRegExp(text)) });
  const digits = /^\d+$/.test(secret);
  if (digits && secret.length < PARTIAL) {
    return [{ name: `digit run ${secret}`, pattern: new RegExp(`(?<!\\d)${secret}(?!\\d)`) }];
  }
  const patterns = [literal('as is', secret), literal('JSON-escaped', JSON.stringify(secret).slice(1, -1))];
  for (const core of base64Cores(secret)) patterns.push(literal('base64', core));
  if (digits) {
    // Any digits between the groups: spaces, hyphens, dots, masks that keep too much.
    const grouped = secret.match(/\d{1,4}/g)!.join('\\D{0,3}');
    patterns.push({ name: 'grouped', pattern: new RegExp(grouped) });
    for (let i = 0; i + PARTIAL <= secret.length; i++) patterns.push(literal(`digits ${i}..${i + PARTIAL}`, secret.slice(i, i + PARTIAL)));
  }
  return patterns;
}

/** The forms of any of `secrets` that occur in `text`, e.g. `4242…: grouped`; empty when none. */
export function findSecrets(text: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    for (const { name, pattern } of secretPatterns(secret)) {
      if (pattern.test(text)) found.push(`${secret.slice(0, 4)}…: ${name}`);
    }
  }
  return found;
}

/**
 * Everything a user could print of `value`: util.inspect (with hidden members, with and without
 * custom inspectors), JSON.stringify and String, and for an error also its stack, each cause and
 * each own property.
 */
export function renderEverything(value: unknown): string {
  const parts: string[] = [];
  const add = (render: () => unknown) => {
    try {
      parts.push(String(render()));
    } catch (error) {
      parts.push(`(threw ${String(error)})`);
    }
  };
  const deep = { depth: Number.POSITIVE_INFINITY, showHidden: true };
  add(() => (typeof value === 'string' ? value : inspect(value, deep)));
  add(() => inspect(value, { ...deep, customInspect: false }));
  add(() => JSON.stringify(value));
  add(() => String(value));
  if (value instanceof Error) {
    add(() => value.stack);
    let cause: unknown = value.cause;
    for (let i = 0; i < 5 && cause !== undefined; i++) {
      add(() => inspect(cause, deep));
      cause = cause instanceof Error ? cause.cause : undefined;
    }
    for (const key of Object.keys(value)) add(() => JSON.stringify((value as unknown as Record<string, unknown>)[key]));
  }
  return parts.join('\n');
}

/** Fails the test, naming the forms found, when any of `secrets` shows in any rendering of `value`. */
export function expectNoSecrets(value: unknown, secrets: readonly string[], where = 'the value'): void {
  expect(findSecrets(renderEverything(value), secrets), `${where} reveals a secret`).toEqual([]);
}

/** What a card flow leaves behind besides its errors, for {@link expectNoCardLeak}. */
export interface CardTrail {
  /** Every request the fake received (JWEs included). */
  requests: unknown;
  /** Every log line the client wrote, at debug level. */
  lines: unknown[][];
  /** The webhooks the fake sent. */
  webhooks: unknown;
  /** The fake's own record of the cards it accepted, e.g. `mock.switchedCards()`. */
  record: { name: string; value: unknown };
  /** The client, printed with util.inspect. */
  client: unknown;
}

/**
 * Card number and CVV appear nowhere a card call leaves a trail. A JWE is base64url text where a
 * 3-digit run may occur by chance: requests are scanned for the card number and for the card as
 * plaintext JSON (`"cvv":"017"`), everything else for both secrets.
 */
export function expectNoCardLeak(trail: CardTrail, pan: string, cvv: string): void {
  expectNoSecrets(trail.requests, [pan, `"cvv":"${cvv}"`], 'the requests the fake received');
  for (const line of trail.lines) expectNoSecrets(line, [pan, cvv], 'a log line');
  expectNoSecrets(trail.webhooks, [pan, cvv], 'the webhooks');
  expectNoSecrets(trail.record.value, [pan, cvv], trail.record.name);
  expectNoSecrets(inspect(trail.client), [pan, cvv], 'the client');
}
