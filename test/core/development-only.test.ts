import { describe, expect, it } from 'vitest';
import { developmentOnlyIssues } from '../../src/core/development-only.js';

describe('developmentOnlyIssues', () => {
  it('names each development-only field the params hold', () => {
    const issues = developmentOnlyIssues({ merchant_id: 45, simulate: 'failed', other: true }, ['simulate', 'other']);
    expect(issues.map((i) => i.path)).toEqual(['simulate', 'other']);
    expect(issues[0]!.message).toMatch(/development-only.*production/);
  });

  it('is empty when none is given, or one is undefined (left out on the wire too)', () => {
    expect(developmentOnlyIssues({ merchant_id: 45 }, ['simulate'])).toEqual([]);
    expect(developmentOnlyIssues({ merchant_id: 45, simulate: undefined }, ['simulate'])).toEqual([]);
    expect(developmentOnlyIssues({ simulate: 'failed' }, [])).toEqual([]);
  });

  it('counts a falsy value as given: only undefined is absent', () => {
    expect(developmentOnlyIssues({ simulate: null }, ['simulate'])).toHaveLength(1);
    expect(developmentOnlyIssues({ simulate: '' }, ['simulate'])).toHaveLength(1);
  });
});
