/**
 * `http:` is allowed only to loopback hosts. Hostile spellings that look local but are not (or hide
 * a remote host behind credentials, fragments, whitespace or a trailing label) are refused at
 * construction, so no request can ever carry the Basic credentials in clear text off the machine.
 */
import { describe, expect, it } from 'vitest';
import { KnotClient, KnotConfigError } from '../../src/index.js';

const creds = { clientId: 'id', secret: 'secret_value' };

describe('http: base URLs', () => {
  const refused = [
    'http://evil.example',
    'HTTP://EVIL.EXAMPLE',
    'http://127.0.0.1.evil.example',
    'http://localhost.evil.example',
    'http://127.0.0.1@evil.example',
    'http://localhost:80@evil.example',
    'http://evil.example#@127.0.0.1',
    'http://evil.example\\@127.0.0.1',
    'http://evil.example?@127.0.0.1',
    '  http://evil.example  ',
    'http://127.0.0.1\t.evil.example',
    'http://0.0.0.0',
    'http://10.0.0.1',
    'http://192.168.1.1:8080',
    'http://169.254.169.254',
    'http://[::]',
    'http://[fe80::1]',
    'http://[::ffff:10.0.0.1]',
    'http://128.0.0.1',
    'http://development.knotapi.com',
    'ws://127.0.0.1',
    'ftp://127.0.0.1',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/plain,hi',
    '//evil.example',
    '/relative',
    'evil.example',
    '',
  ];
  for (const baseUrl of refused) {
    it(`refuses ${JSON.stringify(baseUrl)}`, () => {
      expect(() => new KnotClient({ ...creds, baseUrl })).toThrow(KnotConfigError);
    });
  }

  const allowed = ['http://127.0.0.1:8080', 'http://127.1.2.3', 'http://localhost:3000', 'http://LOCALHOST', 'http://[::1]:9000', 'https://evil.example'];
  for (const baseUrl of allowed) {
    it(`allows ${baseUrl} (loopback, or https)`, () => {
      expect(() => new KnotClient({ ...creds, baseUrl })).not.toThrow();
    });
  }

  it('an allowed http: URL is one whose host really is loopback after URL parsing', () => {
    // Decimal, short and hex IPv4 forms are normalised by the WHATWG parser before the check.
    for (const baseUrl of ['http://2130706433', 'http://127.1', 'http://0x7f.1']) {
      const knot = new KnotClient({ ...creds, baseUrl });
      expect(new URL(knot.baseUrl).hostname).toMatch(/^127\./);
    }
  });
});
