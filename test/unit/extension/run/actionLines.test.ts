// The progress notification's line: the newest action or step result the run wrote, read from
// chunks that split lines anywhere.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ActionLines } from '../../../../src/extension/run/actionLines';

test('the newest completed action line, without colours', () => {
  const lines = new ActionLines();
  assert.equal(lines.push('\u001b[1;36m▶ 3.1 Check the container is not prot'), undefined);
  assert.equal(lines.push('ected [proxmox]\u001b[0m\n$ pct config 165\n'), '3.1 Check the container is not protected [proxmox]');
  assert.equal(lines.push('▶ 3.2 Delete container 165 [proxmox]\n▶ 3.3 The container is gone [proxmox]\n'), '3.3 The container is gone [proxmox]');
  assert.equal(lines.push('output of the command\n'), undefined);
  assert.equal(lines.push('\u001b[32m■ Step 3 (Recreate): passed in 2 min 3 s\u001b[0m\n'), 'Step 3 (Recreate): passed in 2 min 3 s');
});
