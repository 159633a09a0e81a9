// `certify run` from the command line, in process, on a copy of the example repo: the dry run
// shows every step's actions with targets and commands (deletions marked, nothing run, nothing
// written); a step whose gate is closed is refused with exit 7 and the record is untouched;
// bad step numbers and an unknown service are usage and not-found errors.

import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../../src/cli/cli';
import { EXIT } from '../../../src/cli/exitCodes';
import { copyRepo as copyFolder } from '../helpers/tempRepo';

const EXAMPLE = path.resolve(__dirname, '../../../examples/homelab');
/**
 * A command that gets past its gate would connect: these tests point the Proxmox host at a
 * closed loopback port, so nothing ever leaves the machine (the inventory's pve01 is a private
 * address that exists only inside the lab).
 */
const LOOPBACK = { CERTIFY_PROXMOX_SSH: 'root@127.0.0.1:1' };

/** The example without any record a local run may have left in the source tree. */
async function copyRepo(source: string): Promise<string> {
  const repo = await copyFolder(source);
  rmSync(path.join(repo, '.certify'), { recursive: true, force: true });
  return repo;
}

async function certify(cwd: string, env: Record<string, string | undefined>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { ...process.env };
  // Targets come from the environment: no lab here, the inventory's pve01.
  for (const key of Object.keys(process.env)) if (key.startsWith('CERTIFY_')) delete process.env[key];
  Object.assign(process.env, env);
  try {
    const code = await runCli(argv, { cwd, columns: 400, out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.env = saved;
  }
}

describe('certify run', () => {
  test('--dry-run --all lists the nine steps\' actions against the inventory host and runs nothing', async () => {
    const repo = await copyRepo(EXAMPLE);
    // No override here: a dry run names the inventory's host and never connects.
    const { code, out, err } = await certify(repo, {}, 'run', 'notes', '--all', '--dry-run');
    assert.equal(code, EXIT.ok, err);
    assert.match(out, /^Certify run plan for notes against pve01 \(root@192\.168\.1\.10:22\)/);
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9]) assert.match(out, new RegExp(`^Step ${n} \\(`, 'm'));
    assert.match(out, /Delete container 165 \(pct destroy --force\) \[proxmox\] {2}\(DELETES: needs confirmation\)\n {5}\$ pct destroy 165 --force 1/);
    assert.match(out, /Wipe: destroy container 165 .*\(DELETES: needs confirmation\)/);
    assert.match(out, /\$ ansible-playbook -e 'restore_backup_timestamp=<backup timestamp>' -e restore_gitea_enabled=false/);
    // Step 2 needs a vantage host: without one it says how to give it.
    assert.match(out, /^Step 2 \(Test\) — cannot run: No vantage host to test from: set CERTIFY_VANTAGE_SSH/m);
    assert.equal(existsSync(path.join(repo, '.certify')), false, 'a dry run writes nothing');
  });

  test('--dry-run --format json has the same plan as data', async () => {
    const repo = await copyRepo(EXAMPLE);
    const { code, out } = await certify(repo, { ...LOOPBACK, CERTIFY_VANTAGE_SSH: 'probe@127.0.0.1:1' }, 'run', 'notes', '--step', '8', '--dry-run', '--format', 'json');
    assert.equal(code, EXIT.ok);
    const plan = JSON.parse(out) as { steps: Array<{ step: string; actions: Array<{ id: string; target: string; command: string; destructive?: string }> }> };
    assert.deepEqual(plan.steps.map((s) => s.step), ['wipe']);
    assert.deepEqual(plan.steps[0].actions.map((a) => a.id), ['backup-before', 'protection', 'delete', 'gone', 'unreachable', 'backup-after']);
    assert.match(plan.steps[0].actions[2].destructive ?? '', /^wipe container 165 \(notes\)/);
  });

  test('a step whose gate is closed is refused: exit 7, the reason, the record untouched', async () => {
    const repo = await copyRepo(EXAMPLE);
    const { code, out } = await certify(repo, LOOPBACK, 'run', 'notes', '--step', '8', '--yes');
    assert.equal(code, EXIT.stopped);
    assert.match(out, /Step 8 \(Wipe\): refused — Step 8 \(Wipe\) needs a verified backup/);
  });

  test('usage and not-found errors', async () => {
    const repo = await copyRepo(EXAMPLE);
    assert.equal((await certify(repo, LOOPBACK, 'run', 'notes', '--step', '10')).code, EXIT.usage);
    assert.equal((await certify(repo, LOOPBACK, 'run', 'notes', '--step', '1', '--all')).code, EXIT.usage);
    const unknown = await certify(repo, LOOPBACK, 'run', 'nosuch');
    assert.equal(unknown.code, EXIT.notFound);
    assert.match(unknown.err, /no service "nosuch"/);
    const attest = await certify(repo, LOOPBACK, 'run', 'notes', '--attest', 'missing.yml');
    assert.equal(attest.code, EXIT.usage);
  });
});
