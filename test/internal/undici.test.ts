import { describe, expect, it } from 'vitest';
import { KnotConfigError } from '../../src/index.js';
import { undiciLoadError } from '../../src/internal/undici.js';

describe('undiciLoadError: a failure to load undici is a KnotConfigError that says what to change', () => {
  it('explains an ESM bundle without `require` and gives the esbuild fixes', () => {
    const cause = new Error('Dynamic require of "node:assert" is not supported');
    const error = undiciLoadError(cause);
    expect(error).toBeInstanceOf(KnotConfigError);
    expect(error.cause).toBe(cause);
    expect(error.message).toMatch(/^knotapi-node could not load undici \(Dynamic require of "node:assert" is not supported\)\. This is an ESM bundle/);
    expect(error.message).toContain("--banner:js=\"import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);\"");
    expect(error.message).toContain('--format=cjs');
    expect(error.message).toContain('--external:undici');
  });

  it('says to reinstall when undici is missing, keeping only the first line of Node’s message', () => {
    const cause = Object.assign(new Error("Cannot find module 'undici'\nRequire stack:\n- /app/dist/index.cjs"), { code: 'MODULE_NOT_FOUND' });
    expect(undiciLoadError(cause).message).toBe(
      "knotapi-node could not load undici (Cannot find module 'undici'). undici is a dependency of knotapi-node: reinstall (`npm install`), and if you bundle, keep undici in the bundle or in node_modules.",
    );
  });

  it('names undici’s role for anything else, including non-Error throws', () => {
    expect(undiciLoadError('weird').message).toMatch(/^knotapi-node could not load undici \(weird\)\. undici \(\^7\) is the HTTP client/);
  });
});
