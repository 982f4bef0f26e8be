import type { z } from 'zod';
import { KnotResponseValidationError, KnotValidationError, type ValidationIssue } from '../core/errors.js';
import { compileInPlaceCheck } from './in-place-check.js';

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

function describe(issues: ValidationIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}

/** Parses params, or throws a {@link KnotValidationError} naming each problem by path. */
export function parseParams<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toIssues(result.error);
  throw new KnotValidationError(`Invalid params for ${what}: ${describe(issues)}. Nothing was sent.`, issues);
}

/** Validates a 2xx body, or throws a {@link KnotResponseValidationError}. */
export function parseResponse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  context: { method: string; path: string; status: number },
): z.output<S> {
  // The common case, a well-formed answer, is proven in place without copying it (see in-place-check.ts).
  // Anything else, and every failure, goes through zod so the issues are exactly zod's.
  const check = compileInPlaceCheck(schema);
  if (check?.(value)) return value as z.output<S>;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toIssues(result.error);
  const shown = issues.slice(0, 5);
  const more = issues.length > shown.length ? ` (+${issues.length - shown.length} more)` : '';
  throw new KnotResponseValidationError(
    `${context.method} ${context.path} → ${context.status}: the response does not have the expected structure: ${describe(shown)}${more}.`,
    { issues, ...context },
  );
}
