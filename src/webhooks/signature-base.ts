/** The text Knot signs (knot-api.md §5.2); pure, so every runtime and every HMAC builds the same one. */

/** The five values Knot signs. `sessionId` is left out when absent or empty. */
export interface SignedValues {
  contentLength: string;
  contentType: string;
  encryptionType: string;
  event: string;
  sessionId?: string | null;
}

/** `Content-Length|<n>|Content-Type|<t>|Encryption-Type|<e>|event|<ev>[|session_id|<id>]` */
export function signatureBase(values: SignedValues): string {
  const parts = [
    'Content-Length',
    values.contentLength,
    'Content-Type',
    values.contentType,
    'Encryption-Type',
    values.encryptionType,
    'event',
    values.event,
  ];
  if (values.sessionId != null && values.sessionId !== '') parts.push('session_id', values.sessionId);
  return parts.join('|');
}
