import type { HttpCore } from '../core/http.js';

/** Base of the resource namespaces: each method is a spec handed to the shared core. */
export abstract class Resource {
  constructor(protected readonly core: HttpCore) {}
}
