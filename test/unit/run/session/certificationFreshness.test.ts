// Issue 12's freshness test, on a copy of the example repo: notes is certified (a record with all
// nine steps passed, kept by the completion hook with what it certified). Editing its role's
// defaults turns it stale, naming the file, with all nine steps to re-run — in the store's
// judgement and in `certify status` and `certify list`, text and JSON. Reverting the edit makes
// it fresh again. Editing another service's backup entry keeps it fresh; editing its own makes it
// stale with Steps 4 and 6–9 to re-run. Past certify.yml's interval it is due.

import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../../../src/cli/cli';
import type { Freshness } from '../../../../src/core/freshness';
import type { CertificationRecord } from '../../../../src/core/record';
import type { Service } from '../../../../src/core/service';
import { STEP_IDS } from '../../../../src/core/steps';
import { discoverRepo } from '../../../../src/repo/loadRepo';
import { keepCertification } from '../../../../src/run/session/certifyService';
import { historyFreshness, loadHistory } from '../../../../src/store/history';
import { updateRecord } from '../../../../src/store/records';
import { clock, fresh, passThrough } from '../../core/fixtures';
import { copyRepo, EXAMPLE_REPO } from '../../helpers/tempRepo';

const DEFAULTS = 'roles/notes_api/defaults/main.yml';
const BACKUP = 'roles/backup_infrastructure/defaults/main.yml';
/** Shortly after the fixtures' clock: well within any interval the tests set. */
const NOW = new Date('2025-03-02T12:00:00.000Z');

async function serviceOf(root: string, name: string): Promise<{ model: Awaited<ReturnType<typeof discoverRepo>>; service: Service }> {
  const model = await discoverRepo(root);
  const service = model.services.find((candidate) => candidate.name === name);
  assert.ok(service);
  return { model, service };
}

async function judged(root: string, record: CertificationRecord, now = NOW): Promise<Freshness> {
  const { model, service } = await serviceOf(root, 'notes');
  return (await historyFreshness(model, service, { record, now })).freshness;
}

async function cli(root: string, ...argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await runCli(argv, { cwd: root, columns: 120, out: (text) => out.push(text), err: (text) => out.push(text) });
  return { code, out: out.join('\n') };
}

/** A copy of the example repo with notes certified: the record in the store and its history entry kept by the hook. */
async function certifiedRepo(): Promise<{ root: string; record: CertificationRecord }> {
  const root = await copyRepo(EXAMPLE_REPO);
  const record = passThrough(fresh('notes'), 'restore-verify', clock());
  await updateRecord(root, 'notes', { owner: 'test' }, () => record);
  const { service } = await serviceOf(root, 'notes');
  const file = await keepCertification({ root, service }, record);
  assert.ok(file, 'the hook kept the certification');
  return { root, record };
}

describe('freshness after an edit (issue 12)', () => {
  test('certify, edit the role’s defaults: stale naming the file; revert: fresh again', async () => {
    const { root, record } = await certifiedRepo();
    const certifiedAt = record.steps['restore-verify'].finishedAt;
    assert.equal((await loadHistory(root, 'notes')).entries.length, 1);

    const before = await judged(root, record);
    assert.equal(before.state, 'fresh', before.summary);
    assert.equal(before.certifiedAt, certifiedAt);

    const original = await fs.readFile(path.join(root, DEFAULTS), 'utf8');
    await fs.writeFile(path.join(root, DEFAULTS), original.replace('notes_service_port: 443', 'notes_service_port: 8443'));
    const stale = await judged(root, record);
    assert.equal(stale.state, 'stale');
    assert.deepEqual(stale.changed, [{ name: DEFAULTS, change: 'modified' }]);
    assert.deepEqual(stale.rerun, [...STEP_IDS]);
    assert.match(stale.summary, /^Stale: roles\/notes_api\/defaults\/main\.yml changed since \d{4}-\d{2}-\d{2}; re-run steps 1–9\.$/);

    const status = await cli(root, 'status', 'notes');
    assert.equal(status.code, 0);
    assert.match(status.out, /^Certification: Stale: roles\/notes_api\/defaults\/main\.yml changed since/m);
    assert.match(status.out, /^changed\s+modified roles\/notes_api\/defaults\/main\.yml$/m);
    assert.match(status.out, /^re-run\s+steps 1–9 \(Implement, /m);
    const statusJson = JSON.parse((await cli(root, 'status', 'notes', '--json')).out) as { freshness: Freshness; history: { certifications: { certifiedAt: string }[] } };
    assert.deepEqual(statusJson.freshness, stale);
    assert.deepEqual(statusJson.history.certifications.map((entry) => entry.certifiedAt), [certifiedAt]);

    const list = await cli(root, 'list');
    assert.match(list.out, /^Certifications:$/m);
    assert.match(list.out, /^notes\s+stale\s+2025-03-01\s+—\s+steps 1–9\s+roles\/notes_api\/defaults\/main\.yml$/m);
    const listJson = JSON.parse((await cli(root, 'list', '--json')).out) as { services: { name: string; freshness: Freshness }[] };
    const byName = new Map(listJson.services.map((service) => [service.name, service.freshness.state]));
    assert.equal(byName.get('notes'), 'stale');
    assert.equal(byName.get('gitea'), 'uncertified');

    await fs.writeFile(path.join(root, DEFAULTS), original);
    const reverted = await judged(root, record);
    assert.equal(reverted.state, 'fresh', reverted.summary);
    assert.deepEqual(reverted.changed, []);
    assert.match((await cli(root, 'list')).out, /^notes\s+fresh\s+2025-03-01\s+—\s+—\s+—$/m);
  });

  test('another service’s backup entry keeps notes fresh; its own makes it stale with Steps 4 and 6–9', async () => {
    const { root, record } = await certifiedRepo();
    const backup = path.join(root, BACKUP);
    const text = await fs.readFile(backup, 'utf8');
    await fs.writeFile(backup, text.replace('backup_gitea_enabled: true', 'backup_gitea_enabled: false').replace('      - "/opt/vaultwarden/data"', '      - "/opt/vaultwarden/data"\n      - "/opt/vaultwarden/icons"'));
    assert.equal((await judged(root, record)).state, 'fresh');

    await fs.writeFile(backup, (await fs.readFile(backup, 'utf8')).replace('backup_notes_attachments_dir: /var/lib/notes/attachments', 'backup_notes_attachments_dir: /srv/notes/attachments'));
    const stale = await judged(root, record);
    assert.equal(stale.state, 'stale');
    assert.deepEqual(stale.changed, [{ name: `${BACKUP}#backup_notes_attachments_dir`, change: 'modified' }]);
    assert.deepEqual(stale.rerun, ['backup-plan', 'test-backup', 'execute-backup', 'wipe', 'restore-verify']);
    assert.match((await cli(root, 'status', 'notes')).out, /^re-run\s+steps 4, 6–9 \(Backup Plan, Test Backup, Execute Backup, Wipe, Restore & Verify\)$/m);
  });

  test('past certify.yml’s recertify_after_days an unchanged certification is due', async () => {
    const { root, record } = await certifiedRepo();
    await fs.writeFile(path.join(root, 'certify.yml'), 'recertify_after_days: 30\n');
    const within = await judged(root, record);
    assert.equal(within.state, 'fresh');
    assert.ok(within.dueAt && Date.parse(within.dueAt) > NOW.getTime());
    const due = await judged(root, record, new Date(Date.parse(within.dueAt) + 1000));
    assert.equal(due.state, 'due');
    assert.deepEqual(due.rerun, [...STEP_IDS]);
    // The CLI judges against the real clock, long past the fixtures' 2025 certification.
    assert.match((await cli(root, 'status', 'notes')).out, /^Certification: Due: certified 2025-03-01, more than 30 days ago/m);
    assert.match((await cli(root, 'list')).out, /^notes\s+due\s+2025-03-01\s+2025-03-31\s+steps 1–9\s+—$/m);
  });

  test('the hook keeps nothing for a record that is not certified; a certified record the history lacks is not vouched for', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const { service } = await serviceOf(root, 'notes');
    assert.equal(await keepCertification({ root, service }, passThrough(fresh('notes'), 'wipe', clock())), undefined);
    assert.deepEqual(await loadHistory(root, 'notes'), { entries: [], skipped: [] });
    const record = passThrough(fresh('notes'), 'restore-verify', clock());
    const unrecorded = await judged(root, record);
    assert.equal(unrecorded.state, 'stale');
    assert.match(unrecorded.summary, /what it certified was not recorded/);
  });
});
