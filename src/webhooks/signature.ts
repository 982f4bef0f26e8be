import { createHmac } from 'node:crypto';
import { type SignedValues, signatureBase } from './signature-base.js';


/** Base64 (standard, padded) HMAC-SHA256 of the signature base, keyed with the Knot secret. */
export function computeSignature(values: SignedValues, secret: string): string {
  return createHmac('sha256', secret).update(signatureBase(values), 'utf8').digest('base64');
}
