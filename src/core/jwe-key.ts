/**
 * Which JWE protected header a `GET /jwe/key` key calls for (knot-api.md §11.3.2): Knot accepts a
 * card JWE only when it carries the key's own `kid` and `alg`, with `enc` A256GCM.
 */

/** The fields of a public JWK this policy reads. */
export interface JweKeyFields {
  kty: string;
  kid: string;
  alg?: string | undefined;
  use?: string | undefined;
  key_ops?: string[] | undefined;
}

/** The protected header of a card JWE. */
export interface CardJweHeader {
  alg: string;
  enc: 'A256GCM';
  kid: string;
}

/** What Knot documents; used when a key leaves `alg` out. */
const DEFAULT_ALG = 'RSA-OAEP-256';

// The RSA-OAEP family only: RSA1_5 (PKCS#1 v1.5) is open to padding-oracle attacks, so a key asking
// for it is refused rather than obeyed.
const RSA_OAEP_ALGS: readonly string[] = ['RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512', 'RSA-OAEP'];

const shown = (value: unknown) => JSON.stringify(value)?.slice(0, 40) ?? String(value);

/** The header to encrypt with, or why the key cannot be used for card data. */
export function cardJweHeader(key: JweKeyFields): { header: CardJweHeader } | { problem: string } {
  if (key.kty !== 'RSA') return { problem: `is a ${shown(key.kty)} key, not an RSA key` };
  if (!key.kid) return { problem: 'has no kid, which Knot requires in the JWE header' };
  const alg = key.alg ?? DEFAULT_ALG;
  if (!RSA_OAEP_ALGS.includes(alg)) {
    return { problem: `asks for alg ${shown(alg)}; knotapi-node encrypts card data with ${RSA_OAEP_ALGS.join(', ')} only` };
  }
  if (key.use !== undefined && key.use !== 'enc') return { problem: `is for use ${shown(key.use)}, not encryption ("enc")` };
  if (key.key_ops !== undefined && !key.key_ops.includes('encrypt')) {
    return { problem: `does not permit "encrypt" (key_ops ${shown(key.key_ops)})` };
  }
  return { header: { alg, enc: 'A256GCM', kid: key.kid } };
}
