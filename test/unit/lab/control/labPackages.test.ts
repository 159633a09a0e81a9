// The lab's Debian packages are named twice: scripts/setup.sh installs them on a fresh machine
// (CI, `setup.sh --lab`) and `certify lab up` checks them. Both lists must be the same.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { LAB_PACKAGES } from '../../../../src/lab/control/preflight';

const SETUP = path.resolve(__dirname, '../../../../scripts/setup.sh');

test('setup.sh installs exactly the packages lab up checks for', () => {
  const match = /^LAB_PACKAGES=\(([^)]*)\)/m.exec(readFileSync(SETUP, 'utf8'));
  assert.ok(match, 'scripts/setup.sh defines LAB_PACKAGES=(…)');
  const installed = match[1].split(/\s+/).filter((word) => word !== '');
  assert.deepEqual([...installed].sort(), [...LAB_PACKAGES].sort());
});
