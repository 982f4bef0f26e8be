/**
 * Secret redaction, in one place for logs and for error bodies. The list of what counts as the
 * client's credentials is built here once ({@link credentialForms}), so the logger and the error
 * scrubber can never drift apart.
 */

/** The token of the `Authorization: Basic` header. */
export function basicCredentials(clientId: string, secret: string): string {
  return Buffer.from(`${clientId}:${secret}`).toString('base64');
}

/** Every form in which the credentials could appear in text: as is, JSON-escaped, and as Basic auth. */
export function credentialForms(clientId: string, secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), basicCredentials(clientId, secret)];
}

/** Replaces every occurrence of each secret in a string, and any Basic or Bearer authorization value. */
export function redactString(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Shorter strings would blank out ordinary words, and such a secret hides nothing anyway.
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out.replace(/(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[A-Za-z0-9+/=._-]+/gi, '$1[redacted]');
}

export interface DeepRedaction {
  /** Deeper than this, a value is replaced by `tooDeep`: fail closed rather than pass it on unscrubbed. */
  maxDepth: number;
  tooDeep: string;
  /** Values under these keys are redacted whatever they hold. */
  sensitiveKeys?: RegExp;
}

/** Log arguments: shallow (log lines are small) and blind to anything under a credential-like key. */
export const LOG_REDACTION: DeepRedaction = { maxDepth: 4, tooDeep: '[nested too deep to log]', sensitiveKeys: /^(authorization|secret|password)$/i };

/** Error bodies: kept whole except the secrets, since users read them (`KnotApiError.body`). */
export const BODY_REDACTION: DeepRedaction = { maxDepth: 32, tooDeep: '[redacted: nested too deep]' };

/**
 * A copy of `value` with every string (keys too) scrubbed. Parsed JSON needs this on top of
 * scrubbing the raw text: an echo nested as JSON inside a JSON string is escaped twice in the text
 * and only becomes the plain credential once parsed.
 */
export function redactDeep(value: unknown, secrets: readonly string[], rules: DeepRedaction, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value, secrets);
  if (value instanceof Error) return redactString(value.stack ?? `${value.name}: ${value.message}`, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (depth > rules.maxDepth) return rules.tooDeep;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets, rules, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const redacted = rules.sensitiveKeys?.test(key) ? '[redacted]' : redactDeep(item, secrets, rules, depth + 1);
    // defineProperty: a "__proto__" key stays a plain key instead of replacing the prototype.
    Object.defineProperty(out, redactString(key, secrets), { value: redacted, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
