import type { z } from 'zod';
import type { ValidationIssue } from '../core/errors.js';

/**
 * Flattens zod issues to `{ path, message }`. An unknown key is named by its own path
 * (`transactions.old: unknown key`), one issue per key, rather than once at its parent's path.
 */
export function toIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...at, key].join('.'), message: 'is not a known parameter (check its spelling)' }));
    }
    return [{ path: at.join('.'), message: issue.message }];
  });
}

/**
 * The issues as one clause for an error message: `limit: too big; cursor: expected string`. Past
 * `max`, the rest is counted rather than listed, so a body that is wrong everywhere stays readable.
 */
export function describeIssues(issues: readonly ValidationIssue[], max = Number.POSITIVE_INFINITY): string {
  const shown = issues.slice(0, max).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > shown.length ? ` (+${issues.length - shown.length} more)` : '';
  return shown.join('; ') + more;
}
