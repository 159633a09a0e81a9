// `certify report` from the command line, in process, on a copy of the example repo with a
// record made through the core transitions: each format to stdout with the container id and the
// targets the repo states, --out written whole, --all --format junit with a suite per service
// (a damaged record an error case, exit 4), and usage, not-found and record errors.

import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import { runCli } from '../../../src/cli/cli';
import { makeReportCommand } from '../../../src/cli/commands/report';
import { EXIT } from '../../../src/cli/exitCodes';
import { discoverRepo } from '../../../src/repo/loadRepo';
import { certifiedInputs } from '../../../src/repo/certifiedInputs';
import { saveCertification } from '../../../src/store/history';
import type { CertificationRecord } from '../../../src/core/record';
import { parseHtml } from '../report/htmlCheck';
import { certifiedRecord, failedRecord } from '../report/reportFixtures';
import { elementsNamed, parseXml } from '../report/xmlCheck';
import { copyRepo, EXAMPLE_REPO } from '../helpers/tempRepo';

const SCHEMA = JSON.parse(readFileSync(path.resolve(__dirname, '../../../schemas/report.schema.json'), 'utf8')) as object;

async function certify(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { cwd, columns: 400, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The example repo with records for the services named, and no other records. */
async function repoWith(records: Record<string, CertificationRecord | string>): Promise<string> {
  const root = await copyRepo(EXAMPLE_REPO);
  await fs.rm(path.join(root, '.certify'), { recursive: true, force: true });
  for (const [service, record] of Object.entries(records)) {
    const file = path.join(root, '.certify', service, 'record.json');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, typeof record === 'string' ? record : JSON.stringify(record, null, 2));
  }
  return root;
}

/** Keeps `record`'s certification in the repo's history, with what it certified now. */
async function keep(root: string, record: CertificationRecord): Promise<void> {
  const model = await discoverRepo(root);
  const service = model.services.find((s) => s.name === record.service);
  assert.ok(service);
  await saveCertification(root, record, await certifiedInputs(model, service));
}

describe('certify report', () => {
  test('text (default): the completion report with the repo\'s container id and targets', async () => {
    const record = certifiedRecord('notes');
    const root = await repoWith({ notes: record });
    await keep(root, record);
    const { code, out, err } = await certify(root, 'report', 'notes');
    assert.equal(code, EXIT.ok, err);
    const lines = out.split('\n');
    assert.equal(lines[1], 'Service Deployment Workflow - COMPLETE');
    assert.ok(lines.includes('Container ID: 165'), 'from services/notes.yml');
    assert.ok(lines.includes('Service Status: PRODUCTION READY ✓'));
    assert.ok(lines.includes('- Deployment Time: 4m12s — TARGET (target < 5m)'));
  });

  test('the service\'s own targets grade the metrics, as certify run grades them', async () => {
    const root = await repoWith({ notes: certifiedRecord('notes') });
    const definition = path.join(root, 'services/notes.yml');
    const text = await fs.readFile(definition, 'utf8');
    await fs.writeFile(definition, text.replace('deploy_time: { target: 300, acceptable: 600 }', 'rto: { target: 300, acceptable: 540 }'));
    const { code, out } = await certify(root, 'report', 'notes', '--format', 'md');
    assert.equal(code, EXIT.ok);
    assert.match(out, /^\| RTO \(Recovery Time\) \| 10m \| WARNING \(warning: acceptable is \\< 9m\) \|/m);
    assert.match(out, /^\*\*Service status: NOT PRODUCTION READY\*\*$/m);
  });

  test('html, json and junit to stdout', async () => {
    const root = await repoWith({ notes: failedRecord('notes') });
    const html = await certify(root, 'report', 'notes', '--format', 'html');
    assert.equal(html.code, EXIT.ok);
    const page = parseHtml(html.out);
    assert.ok(page.texts.includes('Certification report: notes'));
    assert.deepEqual(page.elements.filter((e) => e.tag === 'script'), []);

    const json = await certify(root, 'report', 'notes', '--format', 'json');
    const parsed = JSON.parse(json.out) as { containerId: number; steps: Array<{ status: string }> };
    const validate = new Ajv({ strict: true }).compile(SCHEMA);
    assert.ok(validate(parsed), JSON.stringify(validate.errors));
    assert.equal(parsed.containerId, 165);
    assert.equal(parsed.steps[2].status, 'failed');

    const junit = await certify(root, 'report', 'notes', '--format', 'junit');
    const suites = parseXml(junit.out).children;
    assert.deepEqual(suites.map((s) => s.attributes.name), ['notes']);
    assert.equal(suites[0].attributes.failures, '3', 'Step 3, its idempotency criterion and the service status');
  });

  test('--out writes the file whole and says where; a missing folder is a usage error', async () => {
    const root = await repoWith({ notes: certifiedRecord('notes') });
    const { code, out } = await certify(root, 'report', 'notes', '--format', 'html', '--out', 'notes-report.html');
    assert.equal(code, EXIT.ok);
    const file = path.join(root, 'notes-report.html');
    assert.equal(out, `Wrote ${file} (html).`);
    const html = await fs.readFile(file, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<\/html>\n$/);
    assert.deepEqual((await fs.readdir(root)).filter((name) => name.endsWith('.tmp')), [], 'no temporary file left');
    const missing = await certify(root, 'report', 'notes', '--out', 'no/such/folder/report.txt');
    assert.equal(missing.code, EXIT.usage);
    assert.match(missing.err, /--out no\/such\/folder\/report\.txt: the folder .* does not exist/);
  });

  test('--all --format junit: a suite per service, one without a record not run yet, a damaged one an error (exit 4)', async () => {
    const notes = certifiedRecord('notes');
    const root = await repoWith({ notes, gitea: failedRecord('gitea'), vaultwarden: '{ not json' });
    await keep(root, notes);
    const { code, out } = await certify(root, 'report', '--all', '--format', 'junit');
    assert.equal(code, EXIT.recordUnavailable);
    const document = parseXml(out);
    const suites = Object.fromEntries(document.children.map((s) => [s.attributes.name, s]));
    assert.deepEqual(Object.keys(suites).sort(), ['gitea', 'monitoring', 'nextcloud', 'notes', 'postgresql', 'vaultwarden']);
    assert.equal(suites.notes.attributes.failures, '0', 'certified, and its certification still holds');
    assert.notEqual(suites.gitea.attributes.failures, '0');
    assert.equal(suites.nextcloud.attributes.failures, '0');
    assert.equal(elementsNamed(suites.nextcloud, 'skipped').length, Number(suites.nextcloud.attributes.tests), 'nothing run yet: every case skipped');
    const error = elementsNamed(suites.vaultwarden, 'error')[0];
    assert.equal(error.attributes.type, 'record-unavailable');
    assert.match(error.attributes.message, /vaultwarden\/record\.json is damaged and was left as it is/);
    // The whole repo is fine: exit 0.
    const clean = await repoWith({ notes });
    await keep(clean, notes);
    assert.equal((await certify(clean, 'report', '--all', '--format', 'junit')).code, EXIT.ok);
  });

  test('a service with no record yet: nine steps not started', async () => {
    const root = await repoWith({});
    const { code, out } = await certify(root, 'report', 'gitea');
    assert.equal(code, EXIT.ok);
    assert.match(out, /^⬜ Step 1: Implement Service \(Initial Deployment\) — not-started$/m);
    assert.match(out, /^Next: run Step 1 \(Implement\) \(certify run gitea --step 1\)$/m);
  });

  test('usage, not-found and damaged-record errors', async () => {
    const root = await repoWith({ vaultwarden: '{ not json' });
    const cases: Array<[string[], number, RegExp]> = [
      [['report'], EXIT.usage, /name a service, or pass --all --format junit/],
      [['report', 'notes', 'gitea'], EXIT.usage, /takes one service name, or none with --all/],
      [['report', '--all'], EXIT.usage, /--all writes one JUnit file for the whole repo: add --format junit/],
      [['report', 'notes', '--all', '--format', 'junit'], EXIT.usage, /--all reports every service: leave out "notes"/],
      [['report', 'notes', '--format', 'pdf'], EXIT.usage, /--format must be one of text, md, html, json, junit/],
      [['report', 'nosuch'], EXIT.notFound, /no service "nosuch" .*Services: gitea, monitoring, nextcloud, notes, postgresql, vaultwarden/],
      [['report', 'vaultwarden'], EXIT.recordUnavailable, /record\.json is damaged and was left as it is.*; see certify status vaultwarden\./],
    ];
    for (const [argv, expected, message] of cases) {
      const { code, err } = await certify(root, ...argv);
      assert.equal(code, expected, argv.join(' '));
      assert.match(err, message, argv.join(' '));
    }
    assert.equal(await fs.readFile(path.join(root, '.certify/vaultwarden/record.json'), 'utf8'), '{ not json', 'the damaged record is left as it is');
  });

  test('a kept certification: fresh, then stale naming the edited role file, with its history charted', async () => {
    const record = certifiedRecord('notes');
    const root = await repoWith({ notes: record });
    await keep(root, record);
    const fresh = await certify(root, 'report', 'notes');
    assert.equal(fresh.code, EXIT.ok, fresh.err);
    assert.match(fresh.out, /^Freshness: Fresh: certified 2026-11-02 and nothing it certified has changed/m);
    assert.match(fresh.out, /^Past certifications: 1 \(latest 2026-11-02T/m);

    const defaults = path.join(root, 'roles/notes_api/defaults/main.yml');
    await fs.writeFile(defaults, `${await fs.readFile(defaults, 'utf8')}\nnotes_extra_setting: 1\n`);
    const stale = await certify(root, 'report', 'notes');
    assert.match(stale.out, /^Freshness: Stale: roles\/notes_api\/defaults\/main\.yml changed since 2026-11-02/m);
    assert.match(stale.out, /^- roles\/notes_api\/defaults\/main\.yml \(modified\)$/m);
    const html = parseHtml((await certify(root, 'report', 'notes', '--format', 'html')).out);
    assert.ok(html.texts.includes('Past certifications (1)'));
    assert.equal(html.elements.filter((e) => e.tag === 'circle').length, 3, 'RTO, deploy time and backup size of the one certification');
    const junit = parseXml((await certify(root, 'report', 'notes', '--format', 'junit')).out);
    const holds = elementsNamed(junit, 'testcase').find((c) => c.attributes.name === 'Certification still holds');
    assert.equal(holds?.children[0].attributes.type, 'stale');
  });

  test('freshness and history from another source reach every format', async () => {
    const root = await repoWith({ notes: certifiedRecord('notes') });
    const command = makeReportCommand(async (_root, service) => ({
      freshness: { state: 'stale', changed: [{ name: `roles/${service.name}_api/defaults/main.yml`, change: 'modified' }], rerun: ['implement'], summary: 'Stale: a role default changed.' },
      history: [{ certifiedAt: '2026-06-01T00:00:00.000Z', metrics: { rto: 610 } }],
    }));
    const out: string[] = [];
    const run = (format: string) => command.run(parseArgs(['notes', '--format', format], command.options, 'report'), { cwd: root, out: (t) => out.push(t), err: (t) => out.push(t) });
    assert.equal(await run('text'), EXIT.ok);
    assert.match(out.join('\n'), /^Freshness: Stale: a role default changed\.$/m);
    assert.match(out.join('\n'), /^- roles\/notes_api\/defaults\/main\.yml \(modified\)$/m);
    out.length = 0;
    assert.equal(await run('html'), EXIT.ok);
    const page = parseHtml(out.join('\n'));
    assert.ok(page.texts.includes('Past certifications (1)'));
    assert.equal(page.elements.filter((e) => e.tag === 'svg').length, 1);
  });
});
