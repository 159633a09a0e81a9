// The per-container config lock across processes: one holder at a time, a dead holder's lock
// is taken over, and a live one makes the next taker wait, then fail with Proxmox's message.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { withConfigLock } from '../../../../src/lab/pve/node/configLock';
import { ownProcessStart } from '../../../../src/lab/pve/node/processes';

describe('config lock', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lnode-locks-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('two actions on one container run one after the other, and the lock is gone after', async () => {
    const order: string[] = [];
    const slow = withConfigLock(dir, 100, async () => {
      order.push('a start');
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push('a end');
    });
    const next = withConfigLock(dir, 100, async () => {
      order.push('b');
    });
    await Promise.all([slow, next]);
    assert.deepEqual(order, ['a start', 'a end', 'b']);
    assert.equal(existsSync(path.join(dir, 'pve-config-100.lock')), false);
  });

  test('a lock left by a process that died is taken over', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'pve-config-101.lock'), '4000000 1\n');
    assert.equal(await withConfigLock(dir, 101, async () => 'ran'), 'ran');
  });

  test('a live holder makes the taker fail after the wait with Proxmox\'s message', async () => {
    const file = path.join(dir, 'pve-config-102.lock');
    writeFileSync(file, `${process.pid} ${ownProcessStart()}\n`);
    await assert.rejects(withConfigLock(dir, 102, async () => 'never', 200), { message: `can't lock file '${file}' - got timeout` });
    rmSync(file);
  });
});
