/**
 * Card data on the wire: `{ user, card }` as one compact JWE (knot-api.md §11.3.2), the only form in
 * which the SDK ever sends a card number or CVV.
 */
import { KnotError } from '../core/errors.js';
import { cardJweHeader } from '../core/jwe-key.js';
import type { CardPayload, JweKey } from '../schemas/card.js';
import { type JoseModule, loadJose } from './jose.js';

type ImportedKey = Awaited<ReturnType<JoseModule['importJWK']>>;

// One import per key object: the client keeps the key it fetched, so later cards skip the import.
const importedKeys = new WeakMap<JweKey, Promise<ImportedKey>>();

function unusableKey(key: JweKey, reason: string, cause?: unknown): KnotError {
  const kid = JSON.stringify(String(key.kid ?? '')).slice(0, 60);
  return new KnotError(`The card-encryption key (GET /jwe/key, kid ${kid}) cannot be used: it ${reason}. Nothing was sent.`, { cause });
}

function importKey(jose: JoseModule, key: JweKey, alg: string): Promise<ImportedKey> {
  let imported = importedKeys.get(key);
  if (!imported) {
    imported = jose.importJWK({ kty: key.kty, n: key.n, e: key.e }, alg);
    // A failed import is not kept: the next call may bring a re-fetched key object anyway.
    imported.catch(() => importedKeys.delete(key));
    importedKeys.set(key, imported);
  }
  return imported;
}

/**
 * Encrypts already-validated card data (see `cardPayloadSchema`) to Knot's public key: RSA-OAEP-256
 * (the key's `alg`) / A256GCM, compact serialization, the key's `kid` and `alg` in the protected
 * header. A key that cannot be used is a {@link KnotError}; jose failing to load is a
 * `KnotConfigError`. Neither message holds any card data.
 */
export async function encryptCardPayload(
  payload: CardPayload,
  key: JweKey,
  options: { loadJose?: () => Promise<JoseModule> } = {},
): Promise<string> {
  const decided = cardJweHeader(key);
  if ('problem' in decided) throw unusableKey(key, decided.problem);
  const jose = await (options.loadJose ?? loadJose)();
  // Exactly `{ user, card }`, whatever else the caller's object holds.
  const plaintext = new TextEncoder().encode(JSON.stringify({ user: payload.user, card: payload.card }));
  try {
    const publicKey = await importKey(jose, key, decided.header.alg);
    return await new jose.CompactEncrypt(plaintext).setProtectedHeader({ ...decided.header }).encrypt(publicKey);
  } catch (error) {
    // jose's messages describe the key (e.g. a modulus under 2048 bits), never the plaintext.
    throw unusableKey(key, `was refused by jose: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}
