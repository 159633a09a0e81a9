// Who a run names: the login and machine the front end runs as.
import assert from 'node:assert/strict';
import * as os from 'node:os';
import { test } from 'node:test';
import { defaultOwner } from '../../../../src/run/session/stepSession';

test('user@host from the account this process runs as', () => {
  assert.equal(defaultOwner(), `${os.userInfo().username}@${os.hostname()}`);
});
