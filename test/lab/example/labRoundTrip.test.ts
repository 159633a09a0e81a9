// The example service, real, through the whole lab (issue 10's "done when"): `lab up`; the
// repo's own deploy playbook creates container 165 through the lab's Proxmox API with
// community.general.proxmox and configures it over SSH; a second deploy changes nothing; the
// vantage host reaches https://notes.example.net/healthz through the lab's public resolvers
// and trusts its certificate through the lab CA; populate → backup role → `pct destroy` on the
// node → deploy → restore role gives back the same data fingerprint; `lab down` leaves nothing.
// Root; a lab of its own (name `e2e`, free loopback ports, a temporary folder).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { labDown } from '../../../src/lab/control/down';
import { labFiles } from '../../../src/lab/control/labFiles';
import { labRunPrefix } from '../../../src/lab/control/env';
import { labStatus } from '../../../src/lab/control/status';
import { labUp } from '../../../src/lab/control/up';
import { labLayout, type LabLayout } from '../../../src/lab/labLayout';
import { freePort, requireRoot, whatIsLeft } from '../control/labWorld';

const REPO = path.resolve(__dirname, '../../../examples/homelab');
const NOTES_VMID = '165';
/** Every other service's backup and restore is switched off: this test is about notes. */
const OTHERS_OFF = ['postgresql', 'gitea', 'nextcloud', 'vaultwarden', 'monitoring'];

interface AnsibleStats {
  ok: number;
  changed: number;
  failures: number;
  unreachable: number;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'certify-e2e-'));
let layout: LabLayout | undefined;
after(async () => {
  if (layout) await labDown(layout);
  rmSync(dir, { recursive: true, force: true });
});

test('the example service deploys through the lab API, answers the vantage host, and survives backup → destroy → deploy → restore', { timeout: 2_400_000 }, async (t) => {
  requireRoot();
  layout = labLayout({ name: 'e2e', dir: path.join(dir, 'lab'), forwards: { sshPort: await freePort(), apiPort: await freePort() } });
  const lab = layout;
  const files = labFiles(lab);
  await labUp(lab, { repo: REPO });

  const timed = <T>(label: string, work: () => T): T => {
    const started = Date.now();
    const result = work();
    t.diagnostic(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };
  const inLab = (argv: readonly string[], env: Record<string, string> = {}) => {
    const prefix = labRunPrefix(lab);
    const result = spawnSync(prefix[0], [...prefix.slice(1), ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 900_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  };
  const playbook = (file: string, extraVars: readonly string[] = []): AnsibleStats => {
    const result = inLab(['ansible-playbook', '-e', `@${files.extraVars}`, ...extraVars.flatMap((v) => ['-e', v]), file], { ANSIBLE_STDOUT_CALLBACK: 'json' });
    assert.equal(result.code, 0, `${file} failed (exit ${result.code}):\n${failedTasks(result.stdout)}\n${result.stderr.slice(-3000)}`);
    return statsOf(result.stdout);
  };
  const onNode = (command: string) => inLab(['ssh', '-F', files.sshConfig, `root@${lab.node.management.address}`, command]);
  const fingerprint = (): { code: number; value: string } => {
    const result = inLab(['scripts/verify-notes-testdata.sh']);
    return { code: result.code, value: result.stdout.trimEnd().split('\n').pop() ?? '' };
  };

  // Step 1: the deploy playbook makes the container through the API, then configures it.
  const first = timed('deploy', () => playbook('playbooks/notes-deploy.yml'));
  assert.ok(first.changed > 0, 'the first deploy changes things');
  const list = onNode('pct list');
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^VMID {7}Status {5}Lock {9}Name {16}\n165 {8}running {17}notes {15}\n$/);
  assert.match(onNode(`pct config ${NOTES_VMID}`).stdout, /^hostname: notes$/m, 'the API created the container with the role\'s hostname');

  // Step 3's idempotence: a second run changes nothing.
  assert.equal(timed('second deploy', () => playbook('playbooks/notes-deploy.yml')).changed, 0, 'a second deploy reports changed=0');

  // Step 2: from the vantage host, by the public name, through the lab's public resolvers.
  const health = inLab([
    'ssh', '-F', files.sshConfig, `root@${lab.vantage.address}`,
    `curl -sS --cacert ${files.caCert} -o /dev/null -w '%{http_code} %{remote_ip}' https://notes.example.net/healthz`,
  ]);
  assert.equal(health.stdout.trim(), '200 172.16.10.65', `health from the vantage host: ${health.stderr}`);

  // Step 5: test data, and its fingerprint.
  assert.equal(timed('populate', () => inLab(['scripts/populate-notes-testdata.sh'])).code, 0, 'populate succeeds');
  const before = fingerprint();
  assert.equal(before.code, 0, 'the populated data verifies');
  const kinds = JSON.parse(before.value) as Record<string, { count: number; bytes: number }>;
  assert.ok(Object.keys(kinds).length >= 3, 'at least three kinds of data');
  assert.ok(Object.values(kinds).reduce((sum, kind) => sum + kind.bytes, 0) > 1_000_000, 'over 1 MB of data');

  // Steps 6–7: the backup role writes data-level archives and a manifest on the node.
  timed('backup', () => playbook('playbooks/backup-infrastructure.yml', OTHERS_OFF.map((name) => `backup_${name}_enabled=false`)));
  const backups = readdirSync(lab.paths.backups);
  assert.equal(backups.length, 1, 'one timestamped backup folder');
  const backup = path.join(lab.paths.backups, backups[0]);
  assert.match(readFileSync(path.join(backup, 'MANIFEST.yml'), 'utf8'), /notes/);
  const dump = readdirSync(path.join(backup, 'postgresql')).find((file) => file.startsWith('notes_'));
  assert.ok(dump, 'a pg_dump of notes');
  assert.equal(spawnSync('pg_restore', ['--list', path.join(backup, 'postgresql', dump)]).status, 0, 'the dump reads back');

  // Step 8: wipe on the node, as Proxmox would; the data is gone with the container.
  assert.equal(onNode(`pct stop ${NOTES_VMID} && pct destroy ${NOTES_VMID}`).code, 0);
  const gone = onNode(`pct status ${NOTES_VMID}`);
  assert.equal(gone.code, 255);
  assert.equal(gone.stderr.trim(), `Configuration file 'nodes/pve01/lxc/${NOTES_VMID}.conf' does not exist`);
  assert.equal(existsSync(path.join(lab.paths.lxcPath, NOTES_VMID)), false, 'the container\'s files are gone');

  // Step 9: deploy again (empty), restore the recorded backup, same fingerprint.
  timed('redeploy', () => playbook('playbooks/notes-deploy.yml'));
  assert.notEqual(fingerprint().code, 0, 'a fresh container has none of the data');
  timed('restore', () =>
    playbook('playbooks/restore-infrastructure.yml', [
      `restore_backup_timestamp=${backups[0]}`,
      ...['postgresql', 'gitea', 'nextcloud'].map((name) => `restore_${name}_enabled=false`),
    ]),
  );
  const restored = fingerprint();
  assert.equal(restored.code, 0, 'the restored data verifies');
  assert.deepEqual(JSON.parse(restored.value), JSON.parse(before.value), 'counts and checksums match the populated data');

  // Down leaves nothing of this lab: no namespace, link, mount, folder, or process (the
  // daemons' pids included).
  const pids = (await labStatus(lab)).daemons.flatMap((daemon) => (daemon.pid === undefined ? [] : [daemon.pid]));
  assert.equal(pids.length, 7, 'every daemon had a pid');
  await labDown(lab);
  layout = undefined;
  assert.deepEqual(whatIsLeft(lab, pids), []);
});

function statsOf(stdout: string): AnsibleStats {
  const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { stats?: Record<string, AnsibleStats> };
  const stats = report.stats?.pve01;
  // No stats is a failure, never a pass (an idempotence check that finds nothing must fail).
  assert.ok(stats, 'ansible-playbook printed no stats for pve01');
  return stats;
}

function failedTasks(stdout: string): string {
  try {
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
      plays: { tasks: { task: { name: string }; hosts: Record<string, { failed?: boolean; unreachable?: boolean; msg?: string }> }[] }[];
    };
    return report.plays
      .flatMap((play) => play.tasks)
      .flatMap((task) => Object.values(task.hosts).filter((host) => host.failed || host.unreachable).map((host) => `${task.task.name}: ${host.msg ?? ''}`))
      .join('\n');
  } catch {
    return stdout.slice(-3000);
  }
}
