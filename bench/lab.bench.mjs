// The local lab's three figures (issue 10): `lab up` from cold, one container from `pct create`
// to sshd answering, and one deploy of the example service with the repo's own playbook. Each
// is reported with a baseline measured in the same run on the same lab, as a ratio:
//   lab up          vs. starting and stopping one private sshd (the unit of what up starts)
//   create → sshd   vs. `pct list` over ssh (the node's fixed cost per command)
//   deploy          vs. an ansible-playbook run of one `ping` task against pve01
// Needs root and the lab's Debian packages (scripts/setup.sh --lab) and a build (dist/lab.js);
// takes a few minutes. Elsewhere it says why and reports nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { labDown } from '../src/lab/control/down';
import { labRunPrefix } from '../src/lab/control/env';
import { labFiles } from '../src/lab/control/labFiles';
import { labUp } from '../src/lab/control/up';
import { labLayout } from '../src/lab/labLayout';
import { freePort, requireLabMachine } from './labOnly.mjs';

const ROOT = process.cwd();
const REPO = path.join(ROOT, 'examples/homelab');

requireLabMachine('lab');

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const time = async (work) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};
const must = (argv, options = {}) => {
  const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', cwd: REPO, timeout: 900_000, ...options });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  return result.stdout;
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'certify-bench-lab-'));
const layout = labLayout({ name: 'bench', dir: path.join(dir, 'lab'), forwards: { sshPort: await freePort(), apiPort: await freePort() } });
const files = labFiles(layout);
const inLab = (argv) => must([...labRunPrefix(layout), ...argv]);
const onNode = (command) => inLab(['ssh', '-F', files.sshConfig, `root@${layout.node.management.address}`, command]);
const report = (name, ms, baseline, baselineName) =>
  console.log(`${name.padEnd(26)} ${seconds(ms).padStart(9)}   ${(ms / baseline).toFixed(1).padStart(6)}× ${baselineName} (${seconds(baseline)})`);

try {
  // Baseline for up: one private sshd started and stopped, the kind of daemon up starts seven of.
  const sshdDir = path.join(dir, 'sshd');
  must(['mkdir', '-p', sshdDir, '/run/sshd']);
  must(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', path.join(sshdDir, 'host')]);
  const sshdPort = await freePort();
  writeFileSync(
    path.join(sshdDir, 'config'),
    `Port ${sshdPort}\nListenAddress 127.0.0.1\nHostKey ${sshdDir}/host\nPidFile ${sshdDir}/pid\nUsePAM no\nStrictModes no\n`,
  );
  const sshdOnce = await time(async () => {
    must(['/usr/sbin/sshd', '-f', path.join(sshdDir, 'config')]);
    const pid = Number(must(['cat', path.join(sshdDir, 'pid')]).trim());
    process.kill(pid, 'SIGTERM');
  });

  const cold = await time(() => labUp(layout, { repo: REPO, labScript: path.join(ROOT, 'dist/lab.js') }));
  const warm = await time(() => labUp(layout, { repo: REPO, labScript: path.join(ROOT, 'dist/lab.js') }));

  const pctList = await time(() => onNode('pct list'));
  const template = 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst';
  const create = await time(async () => {
    onNode(`pct create 190 ${template} --hostname bench --net0 name=eth0,bridge=vmbr1,ip=172.16.10.90/24,gw=172.16.10.1 --ssh-public-keys ${files.operatorKey}.pub --start 1`);
    for (let attempt = 0; ; attempt++) {
      const probe = spawnSync(labRunPrefix(layout)[0], [...labRunPrefix(layout).slice(1), 'ssh', '-F', files.sshConfig, '-o', 'StrictHostKeyChecking=accept-new', '-o', 'ConnectTimeout=2', 'root@172.16.10.90', 'true'], { encoding: 'utf8' });
      if (probe.status === 0) break;
      if (attempt > 120) throw new Error(`sshd in container 190 never answered: ${probe.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
  onNode('pct stop 190 && pct destroy 190');

  const ping = path.join(dir, 'ping.yml');
  writeFileSync(ping, '- hosts: proxmox_admin\n  gather_facts: false\n  tasks:\n    - ansible.builtin.ping:\n');
  const emptyPlay = await time(() => inLab(['ansible-playbook', ping]));
  const deploy = await time(() => inLab(['ansible-playbook', '-e', `@${files.extraVars}`, 'playbooks/notes-deploy.yml']));
  const again = await time(() => inLab(['ansible-playbook', '-e', `@${files.extraVars}`, 'playbooks/notes-deploy.yml']));

  console.log(`machine: ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  report('lab up (cold)', cold, sshdOnce, 'one sshd start+stop');
  report('lab up (warm)', warm, sshdOnce, 'one sshd start+stop');
  report('pct create → sshd answers', create, pctList, '`pct list` over ssh');
  report('deploy notes (first)', deploy, emptyPlay, 'a one-task playbook');
  report('deploy notes (second)', again, emptyPlay, 'a one-task playbook');
} finally {
  await labDown(layout);
  rmSync(dir, { recursive: true, force: true });
}
