import { describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../src/core/logger.js';
import { BODY_REDACTION, credentialForms, redactDeep } from '../../src/internal/redact.js';

// One list of what counts as the credentials, shared by the logger and the error scrubber: the
// client used to give the logger [secret, base64] and the scrubber [secret, JSON-escaped, base64].

const secret = 'sk_"quoted"\\_secret';
const escaped = JSON.stringify(secret).slice(1, -1);
const basic = Buffer.from(`client-id:${secret}`).toString('base64');

describe('credentialForms', () => {
  it('lists the secret as is, JSON-escaped, and inside the Basic token', () => {
    expect(credentialForms('client-id', secret)).toEqual([secret, escaped, basic]);
  });

  it('lets the logger scrub the JSON-escaped secret too (an echoed body logged as text)', () => {
    const lines: unknown[][] = [];
    const sink = (...args: unknown[]) => lines.push(args);
    const target: Logger = { debug: sink, info: sink, warn: sink, error: sink };
    const logger = createLogger(target, 'debug', credentialForms('client-id', secret));
    logger.warn(`body: ${JSON.stringify({ echoed: secret })}`, { auth: `Basic ${basic}` });
    const text = lines.flat().map(String).join(' ') + JSON.stringify(lines);
    expect(text).not.toContain(escaped);
    expect(text).not.toContain(basic);
    expect(text).toContain('[redacted]');
  });
});

describe('redactDeep', () => {
  it('scrubs keys and values, and keeps a "__proto__" key a plain key', () => {
    const parsed = JSON.parse(`{"__proto__": {"x": "${escaped}"}, "${escaped}": 1}`);
    const out = redactDeep(parsed, credentialForms('client-id', secret), BODY_REDACTION) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).not.toContain('quoted');
    expect(Object.keys(out)).toEqual(['__proto__', '[redacted]']);
  });
});
