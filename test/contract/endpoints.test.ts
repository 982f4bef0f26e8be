import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../src/endpoints.js';
import { matchRoute, ROUTES } from '../../src/testing/routes.js';

const repo = resolve(import.meta.dirname, '../..');

/** Every file under `dir` with one of `extensions`, recursively (docs/api is generated, so left out). */
function files(dir: string, extensions: string[]): string[] {
  return readdirSync(resolve(repo, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && extensions.some((ext) => entry.name.endsWith(ext)))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes(`${join('docs', 'api')}`));
}

const guides = files('docs', ['.md']).map((path) => readFileSync(path, 'utf8'));
const examples = files('examples', ['.ts']).map((path) => readFileSync(path, 'utf8'));
const rows = Object.entries(ENDPOINTS);

/** A concrete path for a pattern: each `:name` segment becomes a sample id. */
const concrete = (pattern: string) => pattern.replace(/:[A-Za-z_]\w*/g, 'sample-id');

describe('the endpoint table is the contract', () => {
  it.each(rows)('%s is keyed by its own operation name', (operation, spec) => {
    expect(spec.operation).toBe(operation);
  });

  it.each(rows)('%s is served by the fake with its success status', (_operation, spec) => {
    const match = matchRoute(ROUTES, spec.method, concrete(spec.path));
    expect(match.kind).toBe('route');
    if (match.kind === 'route') expect(match.route.status).toBe(spec.status);
  });

  it.each(rows)('%s is called in a guide under docs/', (operation) => {
    expect(guides.some((text) => text.includes(`.${operation}(`))).toBe(true);
  });

  it.each(rows)('%s is called in an example under examples/', (operation) => {
    expect(examples.some((text) => text.includes(`.${operation}(`))).toBe(true);
  });
});
