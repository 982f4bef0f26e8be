import { describe, expect, it } from 'vitest';
import { escapeForLog } from '../../src/core/log-escape.js';

describe('escapeForLog', () => {
  it('writes line breaks, tabs and other controls as visible escapes', () => {
    expect(escapeForLog('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(escapeForLog('\u0000\u001b[31m\u007f\u0085')).toBe('\\u0000\\u001b[31m\\u007f\\u0085');
    expect(escapeForLog('x\u2028y\u2029z')).toBe('x\\u2028y\\u2029z');
    expect(escapeForLog('evil\u202Etxt.exe')).toBe('evil\\u202etxt.exe');
  });

  it('leaves ordinary text, including non-ASCII, as it is', () => {
    expect(escapeForLog('Webhook body is not valid JSON: "ünï 😀"')).toBe('Webhook body is not valid JSON: "ünï 😀"');
  });

  it('caps long text and says how much was left out', () => {
    const out = escapeForLog('a'.repeat(50), 10);
    expect(out).toBe(`${'a'.repeat(10)}… (40 more characters)`);
    expect(escapeForLog('\n'.repeat(5), 2)).toBe('\\n\\n… (3 more characters)');
  });
});
