import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { banner, shellWord } from '../../src/testing/banner.js';

describe('the knot-mock banner', () => {
  const text = banner({ url: 'http://127.0.0.1:4010', clientId: 'test_client_id', secret: 'test_secret', webhookUrl: null });

  it('prints export lines to paste, and the same settings as code', () => {
    expect(text).toContain('Fake Knot API listening on http://127.0.0.1:4010\n');
    expect(text).toContain('  export KNOT_BASE_URL=http://127.0.0.1:4010\n  export KNOT_CLIENT_ID=test_client_id\n  export KNOT_SECRET=test_secret\n');
    expect(text).toContain('new KnotClient({ clientId: "test_client_id", secret: "test_secret", baseUrl: "http://127.0.0.1:4010" })');
    expect(text).toContain('Webhooks: not sent');
    expect(text.endsWith('Press Ctrl+C to stop.\n')).toBe(true);
  });

  it('quotes values a shell would split or expand, and a shell reads them back unchanged', () => {
    expect(shellWord('plain_id-1.2')).toBe('plain_id-1.2');
    const nasty = `it's $HOME "x" \`id\` ; a b`;
    const lines = banner({ url: 'http://127.0.0.1:1', clientId: nasty, secret: 'p&ss|word', webhookUrl: 'http://127.0.0.1:2/hooks' })
      .split('\n')
      .filter((line) => line.startsWith('  export '));
    const out = execFileSync('sh', ['-c', `${lines.join('\n')}\nprintf '%s\\n' "$KNOT_CLIENT_ID" "$KNOT_SECRET" "$KNOT_BASE_URL"`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
    expect(out).toBe(`${nasty}\np&ss|word\nhttp://127.0.0.1:1\n`);
  });
});
