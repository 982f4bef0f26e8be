import { describe, expect, it } from 'vitest';
import { chooseMode, DemoSetupError, describeMode } from '../../examples/demo/mode.js';

const creds = { KNOT_CLIENT_ID: 'id', KNOT_SECRET: 'secret' };

describe('chooseMode: where the demo runs, from the environment alone', () => {
  it('uses the built-in fake when neither KNOT_BASE_URL nor KNOT_ENVIRONMENT is set, credentials or not', () => {
    expect(chooseMode({})).toEqual({ kind: 'fake', why: 'neither KNOT_BASE_URL nor KNOT_ENVIRONMENT is set', notes: [] });
    const withCreds = chooseMode(creds);
    expect(withCreds.kind).toBe('fake');
    expect(withCreds.notes).toEqual([
      "KNOT_CLIENT_ID/KNOT_SECRET are set but not used: set KNOT_ENVIRONMENT=development to run against Knot's development environment.",
    ]);
    expect(chooseMode({ KNOT_SECRET: 'only-secret' }).kind).toBe('fake');
    expect(chooseMode({ KNOT_BASE_URL: '  ', KNOT_ENVIRONMENT: '' }).kind).toBe('fake'); // blank is unset
  });

  it('uses KNOT_BASE_URL (before KNOT_ENVIRONMENT, like the client) and needs both credentials for it', () => {
    expect(chooseMode({ ...creds, KNOT_BASE_URL: 'http://127.0.0.1:4010' })).toEqual({
      kind: 'base-url',
      baseUrl: 'http://127.0.0.1:4010',
      why: 'KNOT_BASE_URL is set',
      notes: [],
    });
    expect(chooseMode({ ...creds, KNOT_BASE_URL: 'http://127.0.0.1:4010', KNOT_ENVIRONMENT: 'production' }).notes).toEqual([
      'KNOT_ENVIRONMENT=production is ignored: KNOT_BASE_URL takes precedence.',
    ]);
    expect(() => chooseMode({ KNOT_BASE_URL: 'http://127.0.0.1:4010' })).toThrow(
      new DemoSetupError('KNOT_BASE_URL is set, but KNOT_CLIENT_ID and KNOT_SECRET are not: set the credentials that server accepts (npx knot-mock prints them).'),
    );
    expect(() => chooseMode({ KNOT_BASE_URL: 'http://127.0.0.1:4010', KNOT_CLIENT_ID: 'id' })).toThrow(/but KNOT_SECRET is not/);
  });

  it('runs against development only when asked by KNOT_ENVIRONMENT and given credentials; never production', () => {
    expect(chooseMode({ ...creds, KNOT_ENVIRONMENT: 'development' })).toMatchObject({ kind: 'development' });
    expect(() => chooseMode({ KNOT_ENVIRONMENT: 'development', KNOT_CLIENT_ID: 'id' })).toThrow(
      /^KNOT_ENVIRONMENT=development needs KNOT_SECRET: your development keys from https:\/\/dashboard\.knotapi\.com/,
    );
    expect(() => chooseMode({ ...creds, KNOT_ENVIRONMENT: 'production' })).toThrow(/never runs against production/);
    expect(() => chooseMode({ ...creds, KNOT_ENVIRONMENT: 'staging' })).toThrow(DemoSetupError);
  });

  it('describes each mode in one line naming where the data goes and why', () => {
    expect(describeMode(chooseMode({}))).toBe('Mode: built-in fake Knot API, no credentials needed (neither KNOT_BASE_URL nor KNOT_ENVIRONMENT is set)');
    expect(describeMode(chooseMode({ ...creds, KNOT_BASE_URL: 'http://127.0.0.1:4010' }))).toBe(
      'Mode: the Knot API at http://127.0.0.1:4010 (KNOT_BASE_URL is set)',
    );
    expect(describeMode(chooseMode({ ...creds, KNOT_ENVIRONMENT: 'development' }))).toBe(
      "Mode: Knot's development environment, https://development.knotapi.com (KNOT_ENVIRONMENT=development and credentials are set)",
    );
  });
});
