// `certify lab` on the command line: usage errors, and `env --json` (which reads no lab, so it
// runs anywhere root is; elsewhere it says the lab needs root and exits 6).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from '../../../../src/cli/cli';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { cwd: process.cwd(), out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('certify lab', () => {
  test('an action is required, and only the four known ones', async () => {
    assert.equal((await cli('lab')).code, 2);
    const unknown = await cli('lab', 'start');
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown action "start"/);
    assert.equal((await cli('lab', 'env', '--ssh-port', 'x')).code, 2);
    assert.match((await cli('lab', 'env', '--name', 'Bad_Name')).err, /lab name 'Bad_Name' must be/);
  });

  test('env --json: the lab\'s variables for the given name, folder and ports (root), or exit 6 saying why', async () => {
    const result = await cli('lab', 'env', '--json', '--name', 'lnetx', '--dir', '/tmp/lnetx-lab', '--ssh-port', '42299', '--api-port', '48099');
    if (process.getuid?.() === 0) {
      assert.equal(result.code, 0, result.err);
      const env = JSON.parse(result.out) as Record<string, string>;
      assert.equal(env.CERTIFY_LAB_NETNS, 'lnetx-lab');
      assert.equal(env.PROXMOX_API_URL, 'https://127.0.0.1:48099/api2/json');
      assert.equal(env.CERTIFY_LAB_SSH, 'root@127.0.0.1 -p 42299');
      assert.equal(
        env.CERTIFY_LAB_RUN,
        "ip netns exec lnetx-lab env HOME=/tmp/lnetx-lab/home 'ANSIBLE_SSH_ARGS=-C -o ControlMaster=auto -o ControlPersist=60s -F /tmp/lnetx-lab/home/.ssh/config' " +
          'CURL_CA_BUNDLE=/tmp/lnetx-lab/pki/ca.pem SSL_CERT_FILE=/tmp/lnetx-lab/pki/ca.pem REQUESTS_CA_BUNDLE=/tmp/lnetx-lab/pki/ca.pem',
      );
      assert.equal(env.CERTIFY_LAB_SSH_CONFIG, '/tmp/lnetx-lab/home/.ssh/config');
    } else {
      assert.equal(result.code, 6);
      assert.match(result.err, /needs root/);
    }
  });
});
