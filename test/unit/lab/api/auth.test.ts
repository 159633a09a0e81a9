import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { extractApiToken, splitApiToken } from '../../../../src/lab/api/auth';
import { tokenFile } from '../../../../src/lab/api/tokens';
import { startApi, SECRET, TOKEN_ID } from './apiFixture';
import { MemoryNode } from './memoryNode';

describe('lab API: token authentication', () => {
  test('reads the header as pve-http-server and verify_token do (regex, split on the last "=")', () => {
    assert.equal(extractApiToken(`PVEAPIToken=${TOKEN_ID}=${SECRET}`), `${TOKEN_ID}=${SECRET}`);
    assert.equal(extractApiToken(`PVEAPIToken ${TOKEN_ID}=${SECRET}`), `${TOKEN_ID}=${SECRET}`);
    assert.equal(extractApiToken(`Bearer x;PVEAPIToken=${TOKEN_ID}=s;rest`), undefined, 'only at the start or after white space');
    assert.equal(extractApiToken(`Other x PVEAPIToken=${TOKEN_ID}=s;rest`), `${TOKEN_ID}=s`);
    assert.equal(extractApiToken('Basic abc'), undefined);
    assert.equal(extractApiToken(undefined), undefined);
    assert.deepEqual(splitApiToken(`${TOKEN_ID}=${SECRET}`), { tokenid: TOKEN_ID, secret: SECRET });
    assert.equal(splitApiToken(`${TOKEN_ID}=a=b`), undefined, 'the last "=" splits: the token id would hold "=a"');
    assert.equal(splitApiToken(TOKEN_ID), undefined, 'no "=": no tokenid specified');
    assert.equal(splitApiToken(`automation@pve=${SECRET}`), undefined, 'a user without a token name');
  });

  test('no credentials → 401 No ticket; a wrong token → 401 Authentication failed!, empty bodies', async () => {
    const api = await startApi(new MemoryNode());
    try {
      const none = await api.call('GET', '/api2/json/version', { auth: null });
      assert.deepEqual([none.status, none.reason, none.body], [401, 'No ticket', '']);
      for (const auth of [`PVEAPIToken=${TOKEN_ID}=wrong`, `PVEAPIToken=automation@pve!other=${SECRET}`, `PVEAPIToken=${TOKEN_ID}`, 'PVEAPIToken=garbage']) {
        const answer = await api.call('GET', '/api2/json/version', { auth });
        assert.deepEqual([answer.status, answer.reason, answer.body], [401, 'Authentication failed!', ''], auth);
      }
      const unknownPath = await api.call('GET', '/api2/json/no/such/path', { auth: `PVEAPIToken=${TOKEN_ID}=wrong` });
      assert.equal(unknownPath.status, 401, 'authentication comes before routing');
    } finally {
      await api.close();
    }
  });

  test('failures are held for the configured delay (3 s by default, as Proxmox)', async () => {
    const api = await startApi(new MemoryNode(), { authFailureDelayMs: 800 });
    try {
      const started = Date.now();
      const answer = await api.call('GET', '/api2/json/version', { auth: `PVEAPIToken=${TOKEN_ID}=wrong` });
      assert.equal(answer.status, 401);
      assert.ok(Date.now() - started >= 790, `answered after ${Date.now() - started} ms`);
      const quick = Date.now();
      assert.equal((await api.call('GET', '/api2/json/version')).status, 200);
      assert.ok(Date.now() - quick < 790, 'a good token is not delayed');
    } finally {
      await api.close();
    }
  });

  test('the token file is re-read when it changes; a missing or broken file accepts nothing', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lapi-tokens-'));
    const file = path.join(dir, 'api-tokens.json');
    const warnings: string[] = [];
    const tokens = tokenFile(file, (message) => warnings.push(message));
    try {
      assert.equal(await tokens.verify(TOKEN_ID, SECRET), false);
      await fs.writeFile(file, JSON.stringify({ tokens: [{ tokenid: TOKEN_ID, secret: SECRET }] }), { mode: 0o600 });
      assert.equal(await tokens.verify(TOKEN_ID, SECRET), true);
      assert.equal(await tokens.verify(TOKEN_ID, `${SECRET}x`), false);
      await fs.writeFile(file, JSON.stringify({ tokens: [{ tokenid: TOKEN_ID, secret: 'rotated-secret-value' }] }), { mode: 0o600 });
      assert.equal(await tokens.verify(TOKEN_ID, SECRET), false, 'the old secret stops working');
      assert.equal(await tokens.verify(TOKEN_ID, 'rotated-secret-value'), true);
      await fs.writeFile(file, '{"tokens": [ broken');
      assert.equal(await tokens.verify(TOKEN_ID, 'rotated-secret-value'), false);
      assert.equal(warnings.length, 2);
      assert.match(warnings[1] ?? '', /cannot use .*api-tokens\.json/);

      const api = await startApi(new MemoryNode(), { tokens });
      try {
        await fs.writeFile(file, JSON.stringify({ tokens: [{ tokenid: TOKEN_ID, secret: SECRET }] }));
        assert.equal((await api.call('GET', '/api2/json/version')).status, 200);
      } finally {
        await api.close();
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
