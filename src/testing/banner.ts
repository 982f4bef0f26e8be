/**
 * What `knot-mock` prints once it listens: lines a user can paste into a POSIX shell (so an
 * unchanged `new KnotClient()` reaches the fake) and the same settings as code.
 */

/** Pure: `value` as one POSIX shell word, quoted only when it has to be. */
export function shellWord(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export interface BannerInput {
  url: string;
  clientId: string;
  secret: string;
  webhookUrl: string | null;
}

/** Pure: the banner, one string ending with a newline. */
export function banner({ url, clientId, secret, webhookUrl }: BannerInput): string {
  const js = (value: string) => JSON.stringify(value);
  return [
    `Fake Knot API listening on ${url}`,
    '',
    'Paste into the shell that runs your code (any new KnotClient() then uses the fake):',
    `  export KNOT_BASE_URL=${shellWord(url)}`,
    `  export KNOT_CLIENT_ID=${shellWord(clientId)}`,
    `  export KNOT_SECRET=${shellWord(secret)}`,
    '',
    'Or in code:',
    `  new KnotClient({ clientId: ${js(clientId)}, secret: ${js(secret)}, baseUrl: ${js(url)} })`,
    '',
    webhookUrl === null ? 'Webhooks: not sent (start with --webhook-url URL to receive them).' : `Webhooks: POSTed, signed with the secret, to ${webhookUrl}`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}
