// msw is an optional peer dependency of knotapi-node/testing, but its declaration files import
// msw's types for `mock.handlers`. Without msw installed, a consumer's type check (skipLibCheck off)
// would fail on that import. A ts-ignore comment on the import line makes the type `any` instead: code
// that never touches `handlers` typechecks without msw, and with msw `handlers` keeps msw's type.
// tsup drops comments from source imports, hence this step after the build.
import { readFileSync, writeFileSync } from 'node:fs';

const MARK = '// @ts-ignore -- msw is an optional peer dependency (see scripts/optional-peer-types.mjs)';
const MSW_IMPORT = /^import [^;]* from 'msw';$/m;

for (const file of ['dist/testing.d.ts', 'dist/testing.d.cts']) {
  const text = readFileSync(file, 'utf8');
  if (text.includes(MARK)) continue;
  const match = MSW_IMPORT.exec(text);
  if (!match) throw new Error(`${file}: no import from 'msw' found; update scripts/optional-peer-types.mjs`);
  writeFileSync(file, `${text.slice(0, match.index)}${MARK}\n${text.slice(match.index)}`);
}
