/**
 * Which JWE protected header a `GET /jwe/key` key calls for (knot-api.md §11.3.2): Knot accepts a
 * card JWE only when it carries the key's own `kid` and `alg`, with `enc` A256GCM. A few lines over
 * a screen: the modulus-size check sits with the rest of the key policy it belongs to.
 */

/** The fields of a public JWK this policy reads. */
export interface JweKeyFields {
  kty: string;
  kid: string;
  /** The RSA modulus, base64url. */
  n?: string | undefined;
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

/** The smallest RSA modulus jose (and current guidance) accepts for RSA-OAEP. */
const MIN_MODULUS_BITS = 2048;

/** The size in bits of a base64url big-endian integer (leading zero bytes ignored), or `undefined` when it is not base64url. */
export function modulusBits(n: string): number | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(n) || n.length % 4 === 1) return undefined;
  const bytes = atob(n.replaceAll('-', '+').replaceAll('_', '/'));
  const first = [...bytes].findIndex((byte) => byte !== '\0');
  if (first === -1) return 0;
  return (bytes.length - first - 1) * 8 + (32 - Math.clz32(bytes.charCodeAt(first)));
}

const shown = (value: unknown) => JSON.stringify(value)?.slice(0, 40) ?? String(value);

/** The header to encrypt with, or why the key cannot be used for card data. */
export function cardJweHeader(key: JweKeyFields): { header: CardJweHeader } | { problem: string } {
  if (key.kty !== 'RSA') return { problem: `is a ${shown(key.kty)} key, not an RSA key` };
  if (!key.kid) return { problem: 'has no kid, which Knot requires in the JWE header' };
  // Checked when the key is fetched, not first at encryption: a key nobody can encrypt with must
  // not be cached as good.
  const bits = key.n === undefined ? undefined : modulusBits(key.n);
  if (bits === undefined) return { problem: 'has no RSA modulus "n" in base64url' };
  if (bits < MIN_MODULUS_BITS) return { problem: `has a ${bits}-bit RSA modulus; at least ${MIN_MODULUS_BITS} bits are required` };
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
