/**
 * Params that only Knot's development environment understands, such as Shopping's `simulate`
 * (knot-api.md §11.6): against the production host they are refused before anything is sent.
 * Production would at best reject the request and at worst ignore the field and place a real order
 * where the caller expected a simulated failure, so the SDK never lets one through.
 */
import type { ValidationIssue } from './errors.js';

/**
 * One issue per development-only field `params` holds (a field set to `undefined` counts as left
 * out, as it does on the wire). Empty when the request may go to production as it is.
 */
export function developmentOnlyIssues(params: object, fields: readonly string[]): ValidationIssue[] {
  return fields
    .filter((field) => (params as Record<string, unknown>)[field] !== undefined)
    .map((field) => ({
      path: field,
      message: "is development-only and the client points at Knot's production host: leave it out in production",
    }));
}
