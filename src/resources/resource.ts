import type { HttpCore } from '../internal/http.js';

/**
 * Makes every method of `target`'s class chain (below `stop`) an own, bound, non-enumerable property,
 * so a method keeps working when detached: `const { get } = knot.transactions; ids.map((id) => get(id))`.
 *
 * @internal
 */
export function bindMethods(target: object, stop: object = Object.prototype): void {
  for (let proto = Object.getPrototypeOf(target); proto !== null && proto !== stop; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      // A subclass's override was bound first (the chain is walked from the most derived class).
      if (name === 'constructor' || Object.hasOwn(target, name)) continue;
      const method = Object.getOwnPropertyDescriptor(proto, name)?.value;
      if (typeof method !== 'function') continue;
      Object.defineProperty(target, name, { value: method.bind(target), writable: true, configurable: true, enumerable: false });
    }
  }
}

/**
 * Base of the resource namespaces: each method is a spec handed to the shared core. Every method is
 * bound to its namespace here, once for all resources.
 *
 * @internal
 */
export abstract class Resource {
  /**
   * The client creates one of each; use them as `knot.sessions`, `knot.accounts`, ...
   *
   * @internal
   */
  constructor(protected readonly core: HttpCore) {
    bindMethods(this, Resource.prototype);
  }
}
