/**
 * Which Knot the demo talks to, decided from the environment alone. Live data is opt-in: credentials
 * in the shell never switch the demo away from the built-in fake by themselves, because a demo that
 * silently starts creating users in someone's Knot account is worse than one that asks.
 */

export type DemoMode =
  /** The fake Knot API of `knotapi-node/testing`, started in this process, with a webhook receiver. */
  | { kind: 'fake'; why: string; notes: string[] }
  /** Any server at KNOT_BASE_URL (e.g. `npx knot-mock`), with the credentials from the environment. */
  | { kind: 'base-url'; baseUrl: string; why: string; notes: string[] }
  /** Knot's development environment, with the credentials from the environment. */
  | { kind: 'development'; why: string; notes: string[] };

/** The environment asks for something the demo will not do; the message says what to change. */
export class DemoSetupError extends Error {
  override name = 'DemoSetupError';
}

const set = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/** Reads KNOT_BASE_URL, KNOT_ENVIRONMENT, KNOT_CLIENT_ID and KNOT_SECRET; throws {@link DemoSetupError}. */
export function chooseMode(env: Record<string, string | undefined>): DemoMode {
  const hasId = set(env.KNOT_CLIENT_ID);
  const hasSecret = set(env.KNOT_SECRET);
  const missing = [hasId ? null : 'KNOT_CLIENT_ID', hasSecret ? null : 'KNOT_SECRET'].filter((name) => name !== null);

  if (set(env.KNOT_BASE_URL)) {
    if (missing.length > 0) {
      throw new DemoSetupError(
        `KNOT_BASE_URL is set, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not: set the credentials that server accepts (npx knot-mock prints them).`,
      );
    }
    // The same precedence as new KnotClient() reading the environment: KNOT_BASE_URL wins.
    const notes = set(env.KNOT_ENVIRONMENT) ? [`KNOT_ENVIRONMENT=${env.KNOT_ENVIRONMENT} is ignored: KNOT_BASE_URL takes precedence.`] : [];
    return { kind: 'base-url', baseUrl: env.KNOT_BASE_URL.trim(), why: 'KNOT_BASE_URL is set', notes };
  }

  if (set(env.KNOT_ENVIRONMENT)) {
    const environment = env.KNOT_ENVIRONMENT.trim();
    if (environment === 'production') {
      throw new DemoSetupError(
        'KNOT_ENVIRONMENT=production: the demo creates test users with development-only endpoints and never runs against production. Use KNOT_ENVIRONMENT=development, or unset it to use the built-in fake.',
      );
    }
    if (environment !== 'development') {
      throw new DemoSetupError(`KNOT_ENVIRONMENT=${environment} is not an environment: use development, or unset it to use the built-in fake.`);
    }
    if (missing.length > 0) {
      throw new DemoSetupError(
        `KNOT_ENVIRONMENT=development needs ${missing.join(' and ')}: your development keys from https://dashboard.knotapi.com/developers/keys. Unset KNOT_ENVIRONMENT to use the built-in fake.`,
      );
    }
    return { kind: 'development', why: 'KNOT_ENVIRONMENT=development and credentials are set', notes: [] };
  }

  const notes =
    hasId || hasSecret
      ? ['KNOT_CLIENT_ID/KNOT_SECRET are set but not used: set KNOT_ENVIRONMENT=development to run against Knot\'s development environment.']
      : [];
  return { kind: 'fake', why: 'neither KNOT_BASE_URL nor KNOT_ENVIRONMENT is set', notes };
}

/** The line the demo prints first, so nobody has to guess where their data is going. */
export function describeMode(mode: DemoMode): string {
  switch (mode.kind) {
    case 'fake':
      return `Mode: built-in fake Knot API, no credentials needed (${mode.why})`;
    case 'base-url':
      return `Mode: the Knot API at ${mode.baseUrl} (${mode.why})`;
    case 'development':
      return `Mode: Knot's development environment, https://development.knotapi.com (${mode.why})`;
  }
}
