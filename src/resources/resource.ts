import type { HttpCore } from '../internal/http.js';

/**
 * Base of the resource namespaces: each method is a spec handed to the shared core.
 *
 * @internal
 */
export abstract class Resource {
  /**
   * The client creates one of each; use them as `knot.sessions`, `knot.accounts`, ...
   *
   * @internal
   */
  constructor(protected readonly core: HttpCore) {}
}
