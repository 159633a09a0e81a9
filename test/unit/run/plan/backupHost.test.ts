// Where backups are kept: certify.yml's `backup:` (root, and host: proxmox or controller) over the
// backup role's own variable; Steps 6–8 then look there, over SSH on the Proxmox host or with a
// command on the controller (a NAS that runs Ansible and keeps the backups itself).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { createEmptyRecord } from '../../../../src/core/record';
import type { RepoModel } from '../../../../src/core/service';
import type { PlanContext } from '../../../../src/run/plan/planContext';
import type { ServiceRunFacts } from '../../../../src/run/plan/serviceRunFacts';
import { inspectAction } from '../../../../src/run/plan/steps/backupRun';
import { executeBackupPlan } from '../../../../src/run/plan/steps/executeBackup';
import { DEFAULT_TARGETS } from '../../../../src/core/targets';
import { backupSettingsOf, resolveTargets, type RunTargets } from '../../../../src/run/targets/runTargets';
import type { BackupInspection } from '../../../../src/run/plan/backupInspection';
import type { ActionOutcome } from '../../../../src/run/plan/action';

const SOURCE = { file: 'inventory/hosts.yml', line: 1 };
const MODEL: RepoModel = {
  root: '/repo',
  services: [],
  proxmoxHost: { name: 'pve01', address: '192.0.2.10', user: 'root', source: SOURCE },
  backupRoot: { kind: 'known', value: '/var/backups/from-role', origin: 'role-defaults', source: SOURCE },
  findings: [],
};

describe("certify.yml's backup settings", () => {
  test('root and host as written; a trailing slash dropped; what the schema refuses left out', () => {
    assert.deepEqual(backupSettingsOf({}), {});
    assert.deepEqual(backupSettingsOf({ backup: { root: '/volume1/backups/clubinfra/', host: 'controller' } }), { root: '/volume1/backups/clubinfra', host: 'controller' });
    assert.deepEqual(backupSettingsOf({ backup: { host: 'proxmox' } }), { host: 'proxmox' });
    assert.deepEqual(backupSettingsOf({ backup: { root: 'relative/path', host: 'nas01' } }), {});
    assert.deepEqual(backupSettingsOf({ backup: ['/x'] }), {});
    assert.deepEqual(backupSettingsOf({ backup: { root: '/' } }), {}, 'not a folder the schema accepts');
    assert.deepEqual(backupSettingsOf({ backup: { root: '/srv/../etc' } }), {});
    assert.deepEqual(backupSettingsOf({ backup: { root: '/srv/backups; rm -rf /' } }), {});
  });

  test("the settings win over the backup role's variable; without them the role's folder on the Proxmox host", () => {
    const plain = resolveTargets(MODEL, {});
    assert.equal(plain.backupRoot, '/var/backups/from-role');
    assert.equal(plain.backupHost, 'proxmox');
    const nas = resolveTargets(MODEL, {}, { root: '/volume1/backups/clubinfra', host: 'controller' });
    assert.equal(nas.backupRoot, '/volume1/backups/clubinfra');
    assert.equal(nas.backupHost, 'controller');
    const noRole = resolveTargets({ ...MODEL, backupRoot: undefined }, {});
    assert.equal(noRole.backupRoot, '/var/backups/infrastructure', "the workflow's folder");
  });
});

describe('Steps 6–8 look where the backups are', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'certify-backup-host-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const folder = path.join(root, '20261205_031500');
  mkdirSync(path.join(folder, 'configs'), { recursive: true });
  writeFileSync(path.join(folder, 'configs', 'notes_app.ini'), 'port = 443\n');
  writeFileSync(path.join(folder, 'MANIFEST.yml'), 'timestamp: "20261205_031500"\n');

  const context = (backupHost: RunTargets['backupHost'], prefix: string[] = []): PlanContext => ({
    root,
    facts: { name: 'notes', healthPath: '/', expectedStatus: 200, otherServices: [], roleDirs: [], targets: DEFAULT_TARGETS } as ServiceRunFacts,
    targets: {
      description: 'test',
      proxmox: { name: 'pve01', host: '192.0.2.10', port: 22, username: 'root', knownHostsFile: '/dev/null' },
      resolvers: [],
      controller: { prefix, extraVarsFiles: [] },
      backupRoot: root,
      backupHost,
    },
    record: createEmptyRecord('notes', new Date()),
  });

  test('on the Proxmox host: the inspection and the free-space check go over SSH, as they are', () => {
    const inspect = inspectAction(context('proxmox', ['ip', 'netns', 'exec', 'lab']), () => ({}));
    assert.equal(inspect.target, 'proxmox');
    assert.deepEqual(inspect.command({}).argv.slice(0, 2), ['sh', '-c'], 'no controller prefix on a remote command');
    const space = executeBackupPlan(context('proxmox'), () => new Date()).actions.find((action) => action.id === 'space');
    assert.equal(space?.target, 'proxmox');
  });

  test('on the controller: the same inspection runs here (with the controller prefix) and finds the backup', () => {
    let seen: BackupInspection | undefined;
    const inspect = inspectAction(context('controller', ['env']), (inspection) => {
      seen = inspection;
      return {};
    });
    assert.equal(inspect.target, 'local');
    const command = inspect.command({});
    assert.equal(command.argv[0], 'env', 'the controller prefix comes first');
    const [program, ...args] = command.argv;
    const run = spawnSync(program, args, { cwd: command.cwd, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    inspect.judge(outcomeOf(run), {});
    assert.equal(seen?.timestamp, '20261205_031500');
    assert.deepEqual(seen?.artefacts.map((a) => [a.path, a.type, a.valid]), [['MANIFEST.yml', 'manifest', true], ['configs/notes_app.ini', 'file', true]]);

    const space = executeBackupPlan(context('controller'), () => new Date()).actions.find((action) => action.id === 'space');
    assert.equal(space?.target, 'local');
    const df = space?.command({});
    assert.ok(df);
    const free = spawnSync(df.argv[0], df.argv.slice(1), { encoding: 'utf8' });
    assert.equal(free.status, 0, free.stderr);
    assert.ok(Number(free.stdout.trim()) > 0, `free bytes in ${root}: ${free.stdout}`);
  });

  test('no backup where it should be: the stop names the place', () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'certify-backup-none-'));
    try {
      const inspect = inspectAction({ ...context('controller'), targets: { ...context('controller').targets, backupRoot: empty } }, () => ({}));
      const [program, ...args] = inspect.command({}).argv;
      const run = spawnSync(program, args, { encoding: 'utf8' });
      const judged = inspect.judge(outcomeOf(run), {});
      assert.match(judged.stop ?? '', new RegExp(`^No backup to inspect in ${empty} on the controller`));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

/** A finished process as the executors report it. */
function outcomeOf(run: { status: number | null; stdout: string; stderr: string }): ActionOutcome {
  return { result: { ended: 'exited', exitCode: run.status, stdout: run.stdout, stderr: run.stderr, durationMs: 1 } };
}
