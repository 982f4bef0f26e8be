/**
 * When a card JWE refused by Knot is worth a second try with a freshly fetched key: a module of
 * its own because every client loads it, while the rest of the card policy loads with the first
 * card call.
 */

/** The parts of Knot's error answer that {@link isStaleKeyAnswer} reads. */
export interface KeyAnswerFields {
  status: number;
  errorCode: string | null;
  errorMessage: string | null;
}

/**
 * Whether Knot refused a card JWE as a whole (`400 INVALID_JWE "The jwe is invalid."`: it could not
 * decrypt it, e.g. the key was rotated since the client cached it) rather than a field inside it
 * (`The card.number ...`, `The card is expired.`), which a new key cannot fix. Knot documents no
 * rotation policy (knot-api.md §11.3.1); this answer is the one sign of a stale key.
 */
export function isStaleKeyAnswer(answer: KeyAnswerFields): boolean {
  // Field messages name the field ("The card.cvv ..."); only the whole-JWE answer names the jwe.
  return answer.status === 400 && answer.errorCode === 'INVALID_JWE' && /\bjwe\b/i.test(answer.errorMessage ?? '');
}
