import type { z } from 'zod';
import { KnotResponseValidationError, KnotValidationError, type ValidationIssue } from './errors.js';

export function toIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
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
