// The lab's control, pure parts: what it reads from the repo, the host check, the package
// check, `env`'s shell lines, lxc-ls parsing, and how leftovers and mounts are recognised.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { envExports, labEnv } from '../../../../src/lab/control/env';
import { LabUnsupportedError } from '../../../../src/lab/control/labErrors';
import { labMounts, namesPath } from '../../../../src/lab/control/leftovers';
import { shellQuote } from '../../../../src/core/shellQuote';
import { wrapperScript } from '../../../../src/lab/control/nodeFiles';
import { checkHost, missingPackages } from '../../../../src/lab/control/preflight';
import { lanRecords, publicRecords, readLabServices, serviceCertificates } from '../../../../src/lab/control/repoNames';
import { parseLxcLs } from '../../../../src/lab/control/status';
import { labLayout } from '../../../../src/lab/labLayout';

const ROOT = path.resolve(__dirname, '../../../..');
const layout = labLayout({ name: 'lnet', dir: '/tmp/lnet-lab', forwards: { sshPort: 42222, apiPort: 48006 } });

describe('lab control', () => {
  test('the example repo\'s services give the LAN names, the public names and one certificate per public name', async () => {
    const services = await readLabServices(path.join(ROOT, 'examples/homelab'));
    const gitea = services.find((service) => service.name === 'gitea');
    assert.deepEqual(gitea, { name: 'gitea', address: '172.16.10.60', lanName: 'gitea.example.net', publicName: 'git.example.net' });
    assert.ok(lanRecords(services).some((record) => record.name === 'gitea.example.net' && record.address === '172.16.10.60'));
    assert.ok(publicRecords(services).some((record) => record.name === 'git.example.net' && record.address === '172.16.10.60'));
    assert.ok(!publicRecords(services).some((record) => record.name === 'gitea.example.net'), 'LAN names stay on the LAN');
    const certificate = serviceCertificates(services).find((request) => request.file === 'git.example.net');
    assert.deepEqual(certificate, { file: 'git.example.net', commonName: 'git.example.net', dnsNames: ['git.example.net', 'gitea.example.net'], ips: ['172.16.10.60'] });
  });

  test('the lab needs Linux and root, and says so', () => {
    assert.throws(() => checkHost('darwin', 0), (error: unknown) => error instanceof LabUnsupportedError && /needs Linux/.test(error.message));
    assert.throws(() => checkHost('linux', 1000), (error: unknown) => error instanceof LabUnsupportedError && /needs root/.test(error.message));
    assert.doesNotThrow(() => checkHost('linux', 0));
  });

  test('missing packages are named from dpkg\'s own list (no network)', async () => {
    assert.deepEqual(await missingPackages(['coreutils', 'certify-no-such-package']), ['certify-no-such-package']);
  });

  test('env: shell lines a shell reads back exactly, with the endpoints of this lab', () => {
    const env = labEnv(layout);
    assert.equal(env.PROXMOX_API_URL, 'https://127.0.0.1:48006/api2/json');
    assert.equal(env.CERTIFY_LAB_SSH, 'root@127.0.0.1 -p 42222');
    assert.equal(env.CERTIFY_LAB_NETNS, 'lnet-lab');
    assert.equal(env.CERTIFY_LAB_HOME, '/tmp/lnet-lab/home');
    const tricky = { A: "it's", B: 'a b$c', C: 'automation@pve!ansible' };
    const printed = execFileSync('sh', ['-c', `${envExports(tricky)}\nprintf '%s\\n' "$A" "$B" "$C"`], { encoding: 'utf8' });
    assert.equal(printed, "it's\na b$c\nautomation@pve!ansible\n");
    assert.equal(shellQuote('/plain/path'), '/plain/path');
  });

  test('the stand-in wrappers exec dist/lab.js with the lab\'s name and folder', () => {
    const script = wrapperScript(layout, 'pct', '/opt/certify/dist/lab.js');
    assert.match(script, /^#!\/bin\/sh\n/);
    assert.match(script, /^export CERTIFY_LAB_NAME=lnet CERTIFY_LAB_DIR=\/tmp\/lnet-lab$/m);
    assert.match(script, new RegExp(`^exec ${process.execPath} /opt/certify/dist/lab.js pct "\\$@"$`, 'm'));
  });

  test('lxc-ls -f output', () => {
    const text = 'NAME STATE   IPV4\n160  RUNNING 172.16.10.60\n161  STOPPED -\n';
    assert.deepEqual(parseLxcLs(text), [
      { vmid: '160', state: 'running', ipv4: ['172.16.10.60'] },
      { vmid: '161', state: 'stopped', ipv4: [] },
    ]);
  });

  test('leftovers: the lab\'s folder is recognised, a sibling folder is not', () => {
    assert.ok(namesPath('[lxc monitor] /tmp/lnet-lab/lxc 160', '/tmp/lnet-lab'));
    assert.ok(namesPath('/usr/sbin/sshd -D -f /tmp/lnet-lab/ssh/node_sshd_config', '/tmp/lnet-lab'));
    assert.ok(namesPath('overlay rw,lowerdir=/,upperdir=/tmp/lnet-lab/lxc/160/upper,workdir=x', '/tmp/lnet-lab'));
    assert.ok(!namesPath('sleep 10 /tmp/lnet-lab2/x', '/tmp/lnet-lab'));
    const mountinfo = [
      '22 1 0:20 / / rw - overlay overlay rw',
      '80 22 0:50 / /tmp/lnet-lab/lxc/160/rootfs rw - overlay overlay rw',
      '81 80 0:51 / /tmp/lnet-lab/lxc/160/rootfs/proc rw - proc proc rw',
      '82 22 0:52 / /tmp/lnet-lab2/x rw - tmpfs tmpfs rw',
      '83 22 0:53 / /tmp/lnet-lab/with\\040space rw - tmpfs tmpfs rw',
    ].join('\n');
    assert.deepEqual(labMounts(layout, mountinfo), ['/tmp/lnet-lab/lxc/160/rootfs/proc', '/tmp/lnet-lab/lxc/160/rootfs', '/tmp/lnet-lab/with space']);
  });
});
