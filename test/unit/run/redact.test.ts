// Secrets never reach a transcript, a record or a report: known values wherever they appear
// (even split across output chunks), password-like assignments in any common form, API token
// headers; references to a secret (Jinja, shell variables, password files) stay readable.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REDACTED, Redactor, StreamRedactor } from '../../../src/run/redact';
import { secretValues } from '../../../src/run/secrets';

const TOKEN = '5f0c2a4e-9b1d-4c3e-8a7f-0123456789ab';
const VAULT = 'correct horse battery staple';
const redactor = new Redactor([TOKEN, VAULT, 'ab']);

describe('Redactor', () => {
  test('known secret values are replaced wherever they appear', () => {
    assert.equal(redactor.redact(`token ${TOKEN} and ${VAULT}.`), `token ${REDACTED} and ${REDACTED}.`);
    assert.equal(redactor.redact(`x${TOKEN}${TOKEN}y`), `x${REDACTED}${REDACTED}y`);
    // Too short to be taken as a secret: replacing it would ruin the text.
    assert.equal(redactor.redact('tab stab'), 'tab stab');
  });

  test('password-like assignments in the forms commands print', () => {
    const cases: Array<[string, string]> = [
      ['PGPASSWORD=hunter22 psql', `PGPASSWORD=${REDACTED} psql`],
      ['db_password: s3cret!', `db_password: ${REDACTED}`],
      ['"api_password": "a\\"b", "user": "root"', `"api_password": "${REDACTED}", "user": "root"`],
      ["{'vault_pass': 'x y'}", `{'vault_pass': '${REDACTED}'}`],
      ['--password hunter22 --user x', `--password ${REDACTED} --user x`],
      ['Authorization: PVEAPIToken=automation@pve!ansible=abc-123-def', `Authorization: PVEAPIToken=automation@pve!ansible=${REDACTED}`],
      ['PVEAPIToken=root@pam!t=0123abcd-ffff', `PVEAPIToken=root@pam!t=${REDACTED}`],
      ['Authorization: Bearer eyJhbGciOi', `Authorization: Bearer ${REDACTED}`],
    ];
    for (const [input, expected] of cases) assert.equal(redactor.redact(input), expected, input);
  });

  test('references to a secret stay as written', () => {
    for (const text of [
      'db_password: "{{ vault_db_password }}"',
      'password=$DB_PASSWORD',
      '--vault-password-file ~/.vault_pass.txt',
      'token_file: /etc/pve/priv/token',
      'the secret values stay in the vault',
    ]) {
      assert.equal(redactor.redact(text), text, text);
    }
  });

  test('argv is redacted word by word', () => {
    assert.deepEqual(redactor.redactArgv(['curl', '-H', `Authorization: PVEAPIToken=a@b!c=${TOKEN}`, `password=${VAULT}`]), [
      'curl',
      '-H',
      `Authorization: PVEAPIToken=a@b!c=${REDACTED}`,
      `password=${REDACTED}`,
    ]);
  });
});

describe('StreamRedactor', () => {
  test('a secret split across chunks anywhere is still caught', () => {
    const text = `line one\nthe token is ${TOKEN} here\nand the vault: ${VAULT}\nlast`;
    for (let cut = 0; cut <= text.length; cut += 1) {
      for (const second of [cut, Math.min(text.length, cut + 7)]) {
        const stream = new StreamRedactor(redactor);
        const out = stream.push(text.slice(0, cut)) + stream.push(text.slice(cut, second)) + stream.push(text.slice(second)) + stream.flush();
        assert.ok(!out.includes(TOKEN) && !out.includes(VAULT), `cut at ${cut}/${second}: ${out}`);
        assert.equal(out, redactor.redact(text));
      }
    }
  });
});

describe('secretValues', () => {
  test('values under vault_ or password-like names, at any depth; nothing else', () => {
    const vars = {
      vault_notes_db_password: 'pw-one',
      tls_certificate_dir: '/etc/ssl',
      nested: { api_token: 'tok-two', list: ['x'] },
      users: [{ name: 'a', password: 'pw-three' }],
      proxmox_api_token_secret: 'tok-four',
    };
    assert.deepEqual(secretValues(vars).sort(), ['pw-one', 'pw-three', 'tok-four', 'tok-two']);
  });
});
