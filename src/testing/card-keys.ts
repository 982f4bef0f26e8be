/**
 * The fake's side of card data: its own RSA key pair (what `GET /jwe/key` answers is the public
 * half), and the check Knot makes on `POST /card` and `/cart/checkout`: decrypt the JWE, then apply
 * the §11.3.2 field rules. The key pair is generated on first use: tests that never send a card
 * never pay for it.
 */
import { type JoseModule, loadJose } from '../cards/jose.js';
import { toIssues } from '../internal/issues.js';
import type { ValidationIssue } from '../core/errors.js';
import type { CardPayload, JweKey } from '../schemas/card.js';
import { cardPayloadSchema } from '../schemas/zod/card.js';

const ALG = 'RSA-OAEP-256';
const ENC = 'A256GCM';

/** Why the fake refused a card JWE; Knot answers each with 400 `INVALID_REQUEST` / `INVALID_JWE`. */
export type CardJweRejection =
  /** Not a compact JWE (five base64url parts with a JSON protected header). */
  | 'malformed'
  /** The protected header's `kid`, `alg` or `enc` is not the key's. */
  | 'header_mismatch'
  /** Encrypted to another key, or altered on the way. */
  | 'undecryptable'
  /** The plaintext is not a JSON object. */
  | 'not_json'
  /** The plaintext breaks a §11.3.2 field rule (expiry judged on the fake's clock). */
  | 'invalid_card_data';

/** What {@link CardKeys.open} found: the card data, or why it is refused in Knot's words. */
export type OpenedCardJwe =
  | { ok: true; payload: CardPayload }
  | {
      ok: false;
      reason: CardJweRejection;
      /** The `error_message` Knot sends, e.g. `The jwe is invalid.`, `The card.number is invalid ...`. */
      message: string;
      /** For `invalid_card_data`: every rule broken, by path. */
      issues: ValidationIssue[];
    };

/** A key pair of the fake and the check it makes on card JWEs. */
export interface CardKeys {
  /** The public key as `GET /jwe/key` answers it. */
  publicJwk(): Promise<JweKey>;
  /** Decrypts and checks a card JWE (`jwe` is whatever the request carried). */
  open(jwe: unknown): Promise<OpenedCardJwe>;
}

const COMPACT_JWE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const refuse = (reason: CardJweRejection, message = 'The jwe is invalid.', issues: ValidationIssue[] = []): OpenedCardJwe => ({
  ok: false,
  reason,
  message,
  issues,
});

/** `The card.number is invalid ...`: an issue the way Knot words it. */
const knotMessage = (issue: ValidationIssue) => `The ${issue.path || 'jwe'} ${issue.message}.`;

type PrivateKey = Awaited<ReturnType<JoseModule['generateKeyPair']>>['privateKey'];

/** Creates the fake's key pair (lazily) and its card-JWE check; `now` is the clock expiry is judged by. */
export function createCardKeys(options: { now?: () => number } = {}): CardKeys {
  const schema = cardPayloadSchema(options.now ?? Date.now);
  let pair: Promise<{ publicJwk: JweKey; privateKey: PrivateKey }> | undefined;

  const keys = () => {
    pair ??= (async () => {
      const jose = await loadJose();
      const { publicKey, privateKey } = await jose.generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
      const { kty, n, e } = await jose.exportJWK(publicKey);
      if (kty !== 'RSA' || !n || !e) throw new Error('knotapi-node/testing: the generated card key is not an RSA key (internal error)');
      const kid = await jose.calculateJwkThumbprint({ kty, n, e });
      return { publicJwk: { alg: ALG, e, key_ops: ['encrypt'], kid, kty, n, use: 'enc' }, privateKey };
    })();
    return pair;
  };

  return {
    publicJwk: async () => ({ ...(await keys()).publicJwk }),

    async open(jwe) {
      if (typeof jwe !== 'string' || !COMPACT_JWE.test(jwe)) return refuse('malformed');
      const jose = await loadJose();
      const { publicJwk, privateKey } = await keys();
      let header: Record<string, unknown>;
      try {
        header = jose.decodeProtectedHeader(jwe);
      } catch {
        return refuse('malformed');
      }
      if (header.kid !== publicJwk.kid || header.alg !== ALG || header.enc !== ENC) return refuse('header_mismatch');
      let plaintext: Uint8Array;
      try {
        ({ plaintext } = await jose.compactDecrypt(jwe, privateKey, { keyManagementAlgorithms: [ALG], contentEncryptionAlgorithms: [ENC] }));
      } catch {
        return refuse('undecryptable');
      }
      let data: unknown;
      try {
        data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
      } catch {
        return refuse('not_json');
      }
      if (typeof data !== 'object' || data === null || Array.isArray(data)) return refuse('not_json');
      const checked = schema.safeParse(data);
      if (checked.success) return { ok: true, payload: checked.data };
      const issues = toIssues(checked.error);
      return refuse('invalid_card_data', knotMessage(issues[0]!), issues);
    },
  };
}
