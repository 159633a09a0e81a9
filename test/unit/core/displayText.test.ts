import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { displayJson, displayLines, displayText, escapeControls } from '../../../src/core/displayText';
import { maskUrlCredentials, SECRET_MARK } from '../../../src/core/urlCredentials';

describe('maskUrlCredentials', () => {
  test('masks the password of a URL, keeping the user, host and path', () => {
    assert.equal(maskUrlCredentials('https://admin:s3cret@host/x?y=1'), `https://admin:${SECRET_MARK}@host/x?y=1`);
    assert.equal(maskUrlCredentials('see "postgres://app:pw@db:5432/app" and ftp://u:p@f'), `see "postgres://app:${SECRET_MARK}@db:5432/app" and ftp://u:${SECRET_MARK}@f`);
  });

  test('a password with a raw @ is masked whole, up to the authority\'s last @', () => {
    assert.equal(maskUrlCredentials('https://admin:p@ss@host/'), `https://admin:${SECRET_MARK}@host/`);
    assert.equal(maskUrlCredentials('https://:tokenonly@host'), `https://:${SECRET_MARK}@host`);
  });

  test('a user name alone stays; a token in its place is masked', () => {
    assert.equal(maskUrlCredentials('ssh://root@pve01:22'), 'ssh://root@pve01:22');
    assert.equal(maskUrlCredentials('https://ghp_abcdefghij0123456789@github.com/x'), `https://${SECRET_MARK}@github.com/x`);
  });

  test('leaves URLs without userinfo, an @ after the authority and plain text alone', () => {
    for (const text of ['https://git.example.net/a@b', 'https://h/?mail=a@b.c', 'user@example.net', 'no url here', 'https://h#x@y']) {
      assert.equal(maskUrlCredentials(text), text);
    }
  });

  test('is linear: a megabyte of hostile text takes milliseconds', () => {
    const hostile = `${'a://'.repeat(100_000)}${'x:'.repeat(300_000)}@`;
    const started = performance.now();
    maskUrlCredentials(hostile);
    assert.ok(performance.now() - started < 1_000);
  });
});

describe('displayText', () => {
  test('escapes ESC and BEL sequences, newlines, tabs, DEL, C1, separators and bidi controls', () => {
    assert.equal(displayText('evil\u001b]0;pwned\u0007\u001b[2J'), 'evil\\x1b]0;pwned\\x07\\x1b[2J');
    assert.equal(displayText('a\nb\r\tc\u007f\u009b'), 'a\\nb\\r\\tc\\x7f\\x9b');
    assert.equal(displayText('x\u2028y\u202ez\u2066w\u200f'), 'x\\u2028y\\u202ez\\u2066w\\u200f');
  });

  test('masks credentials and keeps ordinary text, accents and emoji as they are', () => {
    assert.equal(displayText('https://a:b@h café ✓'), `https://a:${SECRET_MARK}@h café ✓`);
    assert.equal(displayText(160), '160');
  });

  test('escapeControls changes nothing else', () => {
    assert.equal(escapeControls('plain — text'), 'plain — text');
  });
});

describe('displayLines', () => {
  test('keeps line feeds and tabs, escapes every other control character', () => {
    assert.equal(displayLines('row 1\trow\nrow 2\u001b[2J\r'), 'row 1\trow\nrow 2\\x1b[2J\\r');
  });
});

describe('displayJson', () => {
  test('parses to the same values with credentials masked, and holds no raw C1 or bidi character', () => {
    const value = { 'key\u202e': ['https://u:pw@h', 'esc\u001b c1\u009b bidi\u202e ls\u2028'], n: 1, nothing: null, when: new Date(0) };
    const text = displayJson(value);
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    assert.deepEqual(JSON.parse(text), {
      'key\u202e': [`https://u:${SECRET_MARK}@h`, 'esc\u001b c1\u009b bidi\u202e ls\u2028'],
      n: 1,
      nothing: null,
      when: '1970-01-01T00:00:00.000Z',
    });
  });

  test('masks strings nested deeper than it walks', () => {
    let deep: unknown = 'https://u:deepsecret@h';
    for (let i = 0; i < 200; i++) deep = [deep];
    assert.ok(!displayJson(deep).includes('deepsecret'));
  });
});
