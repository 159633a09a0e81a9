// Writes a certified service into a copy of the example repo, as nine passed steps and Step 9
// would leave it: the record, its transcripts, and the history Step 9 keeps — three earlier
// certifications and this one, with what each certified read from the repo as it is now, so the
// certification is fresh and the trend chart has a line to draw. Run by the UI tests
// (test/e2e/reportPanel.mjs) before the workbench opens:
//   node --import tsx test/e2e/reportFixture.ts <repo> <service>
// Records are made by test/unit/report/reportFixtures.ts (the core transitions), which word them
// for notes: its role, playbook and host are renamed for the service.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CertificationRecord } from '../../src/core/record';
import { certifiedInputs } from '../../src/repo/certifiedInputs';
import { discoverRepo } from '../../src/repo/loadRepo';
import { saveCertification } from '../../src/store/history';
import { certifiedRecord, minutes } from '../unit/report/reportFixtures';

const MB = 1024 ** 2;

/** Each certification's start and figures, oldest first: recovery gets faster, the backup grows. */
const CERTIFICATIONS = [
  { start: '2026-05-04T09:00:00.000Z', metrics: { rto: 1_140, 'deploy-time': 410, 'backup-size': 150 * MB } },
  { start: '2026-07-06T09:00:00.000Z', metrics: { rto: 960, 'deploy-time': 330, 'backup-size': 170 * MB } },
  { start: '2026-09-07T09:00:00.000Z', metrics: { rto: 780, 'deploy-time': 290, 'backup-size': 190 * MB } },
  { start: '2026-11-02T09:00:00.000Z', metrics: {} },
];

function renamed(record: CertificationRecord, service: string): CertificationRecord {
  const text = JSON.stringify(record)
    .replaceAll('roles/notes_api/', `roles/${service}_api/`)
    .replaceAll('playbooks/notes-deploy.yml', `playbooks/${service}-deploy.yml`)
    .replaceAll('notes.example.net', `${service}.example.net`);
  return JSON.parse(text) as CertificationRecord;
}

async function main(root: string, name: string): Promise<void> {
  const model = await discoverRepo(root);
  const service = model.services.find((candidate) => candidate.name === name);
  if (!service) throw new Error(`${root} has no service ${name}`);
  const inputs = await certifiedInputs(model, service);
  const records = CERTIFICATIONS.map(({ start, metrics }) => renamed(certifiedRecord(name, minutes(start), { metrics }), name));
  for (const record of records) await saveCertification(root, record, inputs);
  const current = records[records.length - 1];
  const transcripts = new Set(Object.values(current.steps).flatMap((step) => step.runs.flatMap((run) => run.actions.flatMap((action) => (action.transcript ? [action.transcript] : [])))));
  for (const transcript of transcripts) {
    const step = /-step(\d)\.log$/.exec(transcript)?.[1] ?? '?';
    await fs.mkdir(path.dirname(path.join(root, transcript)), { recursive: true });
    await fs.writeFile(
      path.join(root, transcript),
      `# Certify · ${name} · Step ${step}\n▶ ${step}.1 Run the step's playbook [local]\n$ ansible-playbook playbooks/${name}-deploy.yml\nPLAY RECAP: ok=12 changed=0 failed=0\n◀ exit 0 in 12.3 s\n`,
    );
  }
  await fs.writeFile(path.join(root, '.certify', name, 'record.json'), `${JSON.stringify(current, null, 2)}\n`);
}

const [root, service] = process.argv.slice(2);
if (!root || !service) {
  console.error('usage: node --import tsx test/e2e/reportFixture.ts <repo> <service>');
  process.exit(2);
}
main(path.resolve(root), service).catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
