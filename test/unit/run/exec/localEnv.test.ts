// A run's own environment reaches its local commands: the editor passes secrets it holds (the
// vault password file) this way, not through its own process environment.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLocalExecutor } from '../../../../src/run/exec/localExecutor';

test('with a base environment, commands see it (plus the spec\'s), and nothing else of this process', async () => {
  process.env.CERTIFY_TEST_PROCESS_ONLY = 'process';
  try {
    const executor = createLocalExecutor({ PATH: process.env.PATH, ANSIBLE_VAULT_PASSWORD_FILE: '/tmp/vault-pass' });
    const result = await executor.run({ argv: ['sh', '-c', 'echo "$ANSIBLE_VAULT_PASSWORD_FILE|${CERTIFY_TEST_PROCESS_ONLY:-unset}|$EXTRA"'], env: { EXTRA: 'spec' } });
    assert.equal(result.stdout, '/tmp/vault-pass|unset|spec\n');
    const plain = await createLocalExecutor().run({ argv: ['sh', '-c', 'echo "${CERTIFY_TEST_PROCESS_ONLY:-unset}"'] });
    assert.equal(plain.stdout, 'process\n');
  } finally {
    delete process.env.CERTIFY_TEST_PROCESS_ONLY;
  }
});
