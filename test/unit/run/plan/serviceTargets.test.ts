// A run grades against the service's own targets: the workflow's table, then certify.yml's
// `targets`, then the definition's — as validation reads them. The completion report says so.

import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { createEmptyRecord } from '../../../../src/core/record';
import { completionReportText } from '../../../../src/report/completionReport';
import { prepareRun } from '../../../../src/run/session/certifyService';
import { copyRepo } from '../../helpers/tempRepo';

test('certify.yml and the definition override the workflow\'s targets, in that order', async () => {
  const repo = await copyRepo(path.resolve(__dirname, '../../../../examples/homelab'));
  rmSync(path.join(repo, '.certify'), { recursive: true, force: true });
  writeFileSync(path.join(repo, 'certify.yml'), 'targets:\n  rto: { target: 5m, acceptable: 10m }\n  deploy_time: { target: 4m, acceptable: 8m }\n');
  const definition = path.join(repo, 'services/notes.yml');
  writeFileSync(definition, readFileSync(definition, 'utf8').replace(/deploy_time: \{ target: 300, acceptable: 600 \}/, 'deploy_time: { target: 60, acceptable: 120 }'));
  const run = await prepareRun(repo, 'notes', { PATH: process.env.PATH, CERTIFY_PROXMOX_SSH: 'root@127.0.0.1:1' });
  assert.equal(run.facts.targets['deploy-time'].target.limit, 60, 'the definition wins over certify.yml');
  assert.equal(run.facts.targets['deploy-time'].acceptable.limit, 120);
  assert.equal(run.facts.targets.rto.target.limit, 300, "certify.yml's RTO");
  assert.equal(run.facts.targets.rpo.target.limit, 3600, "the workflow's RPO");

  const record = createEmptyRecord('notes', new Date());
  record.metrics['deploy-time'] = { value: 150, measuredAt: record.createdAt, step: 'recreate' };
  const report = completionReportText(record, 165, run.facts.targets);
  assert.match(report, /Deployment Time: 2m30s — WARNING \(warning: acceptable is < 2m\)/);
});
