// The step engine, end to end against the lab (issue 11's "done when"): a copy of the example
// repo, a lab of its own, and `certify` running all nine steps for notes exactly as
// `certify run notes --all --yes` does — deploy through the lab's Proxmox API, the vantage
// host's probes, delete and rebuild with Ansible's own idempotence results, test data, backups
// validated on the node, the wipe behind its guard, the restore compared with Step 5's
// fingerprint. Then a backup role that writes a corrupt archive: Step 6 fails naming the
// artefact, and the wipe is refused. No secret reaches any file Certify wrote. `lab down`
// leaves nothing. Root.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';
import type { CertificationRecord } from '../../../src/core/record';
import { STEP_IDS } from '../../../src/core/steps';
import { labDown } from '../../../src/lab/control/down';
import { labEnv } from '../../../src/lab/control/env';
import { labFiles } from '../../../src/lab/control/labFiles';
import { labStatus } from '../../../src/lab/control/status';
import { labUp } from '../../../src/lab/control/up';
import { labLayout, type LabLayout } from '../../../src/lab/labLayout';
import type { Service } from '../../../src/core/service';
import { discoverRepo } from '../../../src/repo/loadRepo';
import { completionReportText } from '../../../src/report/completionReport';
import { certify, prepareRun } from '../../../src/run/session/certifyService';
import { historyFreshness } from '../../../src/store/history';
import type { Attestation, RunFrontEnd } from '../../../src/run/session/frontEnd';
import { freePort, requireRoot, whatIsLeft } from '../control/labWorld';

const EXAMPLE = path.resolve(__dirname, '../../../examples/homelab');

const dir = mkdtempSync(path.join(os.tmpdir(), 'certify-run-e2e-'));
let layout: LabLayout | undefined;
after(async () => {
  if (layout) await labDown(layout);
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI's front end with --yes and --attest attestations/notes.yml, output kept for the assertions. */
function frontEnd(output: string[], confirmations: string[]): RunFrontEnd {
  const attest = parse(readFileSync(path.join(EXAMPLE, 'attestations/notes.yml'), 'utf8')) as { by: string; criteria: Record<string, string> };
  return {
    write: (text) => output.push(text),
    confirmDestructive: async (request) => {
      confirmations.push(`${request.step}:${request.containerId}`);
      return true;
    },
    attest: async (step, criterion): Promise<Attestation | undefined> => {
      const note = attest.criteria[`${step}.${criterion.id}`];
      return note === undefined ? undefined : { by: attest.by, note };
    },
  };
}

test('certify runs all nine steps for notes in the lab; a corrupt backup fails Step 6 and the wipe is then refused', { timeout: 2_400_000 }, async (t) => {
  requireRoot();
  const repo = path.join(dir, 'homelab');
  cpSync(EXAMPLE, repo, { recursive: true, filter: (source) => !source.includes(`${path.sep}.certify`) });
  layout = labLayout({ name: 'e2e', dir: path.join(dir, 'lab'), forwards: { sshPort: await freePort(), apiPort: await freePort() } });
  const lab = layout;
  await labUp(lab, { repo });
  const env = { ...process.env, ...labEnv(lab) };

  const output: string[] = [];
  const confirmations: string[] = [];
  const started = Date.now();
  const run = await prepareRun(repo, 'notes', env);
  const result = await certify(run, { steps: [...STEP_IDS], frontEnd: frontEnd(output, confirmations) });
  t.diagnostic(`nine steps: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const text = output.join('');
  assert.deepEqual(
    result.outcomes.map((o) => `${o.step}:${o.status}`),
    STEP_IDS.map((id) => `${id}:passed`),
    `every step passes:\n${text.slice(-6000)}`,
  );
  assert.deepEqual(confirmations, ['recreate:165', 'wipe:165'], 'the two deletions were confirmed, naming the container');
  const record = result.record as CertificationRecord;
  for (const metric of ['deploy-time', 'idempotency', 'backup-size', 'rto', 'rpo', 'external-test-success'] as const) {
    assert.ok(record.metrics[metric], `the record holds ${metric}`);
  }
  assert.equal(record.metrics.idempotency?.value, 0, 'the second deploy changed nothing');
  assert.ok((record.metrics['backup-size']?.value ?? 0) > 1_000_000, 'the backup holds the test data (over 1 MB)');
  assert.ok(record.backup?.verified && record.backup.artefacts?.every((a) => a.valid), 'the baseline backup is verified artefact by artefact');
  assert.deepEqual(Object.keys(record.testData?.fingerprint ?? {}).sort(), ['attachments', 'note_tags', 'notes', 'tags']);
  assert.match(completionReportText(record, 165), /Service Status: PRODUCTION READY ✓/);
  // The completed certification is kept with what it certified, and it is fresh.
  const notes = async () => (await discoverRepo(repo)).services.find((service) => service.name === 'notes') as Service;
  const certified = await historyFreshness(await discoverRepo(repo), await notes(), { record });
  assert.equal(certified.history.entries.length, 1, 'one certification kept in .certify/notes/history');
  assert.equal(certified.history.entries[0].certifiedAt, record.steps['restore-verify'].finishedAt);
  assert.ok(Object.keys(certified.history.entries[0].inputs.files).includes('roles/notes_api/defaults/main.yml'));
  assert.equal(certified.freshness.state, 'fresh', certified.freshness.summary);
  // Every action is in the record as it ended, with its transcript.
  const actions = record.steps.recreate.runs.at(-1)?.actions ?? [];
  assert.deepEqual(actions.map((a) => a.id), ['protection', 'delete', 'gone', 'redeploy', 'health', 'second-run', 'external']);
  assert.ok(actions.every((a) => a.transcript?.startsWith('.certify/notes/runs/') && a.durationMs !== undefined));

  // A backup role that writes a corrupt (but non-empty) attachments archive.
  const role = path.join(repo, 'roles/backup_infrastructure/tasks/notes.yml');
  const broken = readFileSync(role, 'utf8').replace(
    /(- name: Archive the notes attachments[\s\S]*?collect_cmd: >-\n)([\s\S]*?)(\n\n)/,
    '$1      head -c 65536 /dev/urandom > "$STAGED"$3',
  );
  assert.notEqual(broken, readFileSync(role, 'utf8'), 'the role was changed');
  writeFileSync(role, broken);
  // Its own backup tasks changed: the certification no longer holds for Steps 4 and 6–9.
  const stale = await historyFreshness(await discoverRepo(repo), await notes(), { record });
  assert.equal(stale.freshness.state, 'stale');
  assert.deepEqual(stale.freshness.changed, [{ name: 'roles/backup_infrastructure/tasks/notes.yml#tasks', change: 'modified' }]);
  assert.deepEqual(stale.freshness.rerun, ['backup-plan', 'test-backup', 'execute-backup', 'wipe', 'restore-verify']);
  const again = await prepareRun(repo, 'notes', env);
  const sixth = await certify(again, { steps: ['test-backup'], frontEnd: frontEnd(output, confirmations) });
  assert.equal(sixth.outcomes[0].status, 'failed', 'Step 6 fails on a corrupt archive');
  assert.match((sixth.outcomes[0] as { reason: string }).reason, /Backup files are valid/);
  const validity = sixth.record?.steps['test-backup'].criteria['files-valid'];
  assert.equal(validity?.state, 'not-met');
  assert.match(validity?.evidence?.[0]?.summary ?? '', /files\/notes_attachments_\d{8}_\d{6}\.tar\.gz \(tar, 65536 bytes, tar -tzf: /);
  const wipe = await certify(again, { steps: ['wipe'], frontEnd: frontEnd(output, confirmations) });
  assert.equal(wipe.outcomes[0].status, 'refused');
  assert.match((wipe.outcomes[0] as { reason: string }).reason, /Step 8 \(Wipe\) needs a verified backup/);
  assert.deepEqual(confirmations, ['recreate:165', 'wipe:165'], 'nothing more was asked to be deleted');

  // Redaction: the lab's secrets (API token, vault values) are in no file Certify wrote.
  const secrets = labSecrets(lab);
  assert.ok(secrets.length >= 3, 'the lab has secrets to look for');
  for (const file of filesUnder(path.join(repo, '.certify'))) {
    const content = readFileSync(file, 'utf8');
    for (const secret of secrets) assert.ok(!content.includes(secret), `${path.relative(repo, file)} holds a secret`);
  }
  for (const secret of secrets) assert.ok(!text.includes(secret), 'the terminal output holds a secret');

  const pids = (await labStatus(lab)).daemons.flatMap((daemon) => (daemon.pid === undefined ? [] : [daemon.pid]));
  await labDown(lab);
  layout = undefined;
  assert.deepEqual(whatIsLeft(lab, pids), []);
});

function labSecrets(lab: LabLayout): string[] {
  const files = labFiles(lab);
  const vars = parse(readFileSync(files.extraVars, 'utf8')) as Record<string, unknown>;
  const values = Object.entries(vars)
    .filter(([key, value]) => /vault|pass|secret|token/.test(key) && typeof value === 'string' && value.length >= 8)
    .map(([, value]) => value as string);
  return [...values, readFileSync(files.apiTokenSecret, 'utf8').trim()];
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((entry) => path.join(folder, entry))
    .filter((file) => statSync(file).isFile());
}

