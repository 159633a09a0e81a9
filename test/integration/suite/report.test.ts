// Integration tests of the report panel and freshness in the editor, on a copy of the example
// repo: notes certified (a record made through the core transitions, with a note and a name
// that carry markup) and kept in the history twice, as Step 9 keeps it. Open Report shows the
// steps, metrics, trend chart and past certifications under a strict CSP with no script and the
// hostile text escaped; refs are links that open transcripts and files, and nothing outside the
// repo; a restored panel renders again; Export Report… writes the formats of `certify report`;
// an edit of the role makes the certification stale in the tree, the lens and the open panel, and
// certify.yml's re-certification interval makes an old one due.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CertificationRecord } from '../../../src/core/record';
import { allCriteria } from '../../../src/core/steps';
import { certifiedInputs } from '../../../src/repo/certifiedInputs';
import { discoverRepo } from '../../../src/repo/loadRepo';
import { saveCertification } from '../../../src/store/history';
import { parseHtml } from '../../unit/report/htmlCheck';
import { certifiedRecord, minutes } from '../../unit/report/reportFixtures';
import { activeExtension, descriptionText, exampleFolder, labelText, waitFor, within, type CertifyApi } from './testUtils';

const SERVICE = 'notes';
const HOSTILE_NOTE = 'checked <script>alert("note")</script> & <img src=x onerror=alert(1)> \u202Eevil';
const HOSTILE_NAME = '<b onmouseover=alert(2)>mallory</b>';
const ROLE_DEFAULTS = 'roles/notes_api/defaults/main.yml';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Certified 40 days ago (the fixture's steps take the morning), and 130 days ago before that. */
const START = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - 40 * DAY_MS + 9 * 60 * 60 * 1000).toISOString();
const PAST_START = new Date(Date.parse(START) - 90 * DAY_MS).toISOString();
const CERTIFIED_DAY = START.slice(0, 10);

interface ReportsApi extends CertifyApi {
  reports: {
    html(folder: string, service: string): string | undefined;
    freshness(folder: string, service: string): { state: string; changed: { name: string }[]; summary: string } | undefined;
    serializer: vscode.WebviewPanelSerializer;
  };
}

/** The certification as the run would leave it, with a manual criterion's note and name carrying markup. */
function hostile(record: CertificationRecord): CertificationRecord {
  const copy = structuredClone(record);
  const manual = allCriteria('implement').find((criterion) => criterion.kind === 'manual');
  assert.ok(manual, 'Step 1 has a manual criterion');
  const criterion = copy.steps.implement.criteria[manual.id];
  assert.ok(criterion?.evidence?.[0], 'the fixture confirms it with a note');
  criterion.evidence[0].summary = HOSTILE_NOTE;
  criterion.by = HOSTILE_NAME;
  return copy;
}

/** Every transcript a record names, written as a run would leave it. */
async function writeTranscripts(root: string, record: CertificationRecord): Promise<string[]> {
  const files = [...new Set(Object.values(record.steps).flatMap((step) => step.runs.flatMap((run) => run.actions.flatMap((action) => (action.transcript ? [action.transcript] : [])))))];
  for (const file of files) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), `# Certify transcript\n▶ 1.1 Run the deploy playbook [local]\n$ ansible-playbook playbooks/notes-deploy.yml\n◀ exit 0\n`);
  }
  return files;
}

/** The args of the report's links, in document order (href="command:certify.openReportRef?…"). */
function links(html: string): Array<[string, string, string]> {
  return parseHtml(html)
    .elements.filter((element) => element.tag === 'a')
    .map((element) => element.attributes.href)
    .filter((href) => href.startsWith('command:certify.openReportRef?'))
    .map((href) => JSON.parse(decodeURIComponent(href.slice(href.indexOf('?') + 1))) as [string, string, string]);
}

const textOf = (html: string): string => parseHtml(html).texts.join(' ').replace(/\s+/g, ' ');

suite('Certify report panel', () => {
  let api: ReportsApi;
  let root: string;
  let folder: string;
  let transcripts: string[];
  let roleDefaults: string;

  const serviceRow = async (): Promise<vscode.TreeItem> => {
    for (const element of (await api.servicesTree.getChildren(undefined)) ?? []) {
      const item = await api.servicesTree.getTreeItem(element);
      if (labelText(item) === SERVICE) return item;
    }
    throw new Error(`no ${SERVICE} in the tree`);
  };
  const shown = (): string | undefined => api.reports.html(folder, SERVICE);
  const rendered = (what: string, probe: (html: string) => boolean): Promise<string> =>
    waitFor(what, () => {
      const html = shown();
      return html !== undefined && probe(html) && html;
    });

  suiteSetup(async function () {
    this.timeout(90_000);
    api = (await activeExtension(45_000)).exports as ReportsApi;
    await within('api.ready', api.ready, 30_000);
    root = exampleFolder().uri.fsPath;
    folder = exampleFolder().uri.toString();
    roleDefaults = await fs.readFile(path.join(root, ROLE_DEFAULTS), 'utf8');
    await fs.rm(path.join(root, '.certify', SERVICE), { recursive: true, force: true });
    const past = certifiedRecord(SERVICE, minutes(PAST_START), { metrics: { rto: 1_140, 'deploy-time': 410, 'backup-size': 150 * 1024 ** 2 } });
    const record = hostile(certifiedRecord(SERVICE, minutes(START)));
    const model = await discoverRepo(root);
    const service = model.services.find((candidate) => candidate.name === SERVICE);
    assert.ok(service, 'the example has notes');
    const inputs = await certifiedInputs(model, service);
    await saveCertification(root, past, inputs);
    await saveCertification(root, record, inputs);
    transcripts = await writeTranscripts(root, record);
    await fs.writeFile(path.join(root, '.certify', SERVICE, 'record.json'), `${JSON.stringify(record, null, 2)}\n`);
    // Refreshed rather than watched: a folder made with files in it may reach the watcher as the folder alone.
    await vscode.commands.executeCommand('certify.refresh');
    await waitFor('notes to show as certified and fresh', async () => {
      return descriptionText(await serviceRow()).endsWith('· 9/9') && api.reports.freshness(folder, SERVICE)?.state === 'fresh';
    });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.writeFile(path.join(root, ROLE_DEFAULTS), roleDefaults);
    await fs.rm(path.join(root, '.certify', SERVICE), { recursive: true, force: true });
    await fs.rm(path.join(root, 'roles/notes_api/files/outside.log'), { force: true });
    await vscode.commands.executeCommand('certify.refresh');
  });

  test('Open Report shows the steps, the metrics, the trend chart and the past certifications, under a strict CSP with no script', async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('certify.openReport', exampleFolder().uri, SERVICE);
    const html = await rendered('the report panel', (text) => text.includes('Certification report: notes'));
    const text = textOf(html);
    assert.match(text, /PRODUCTION READY ✓/);
    for (let step = 1; step <= 9; step++) assert.match(text, new RegExp(`Step ${step}: .+ — passed`), `step ${step}`);
    assert.match(text, /Recovery metrics/);
    assert.match(text, /RTO \(Recovery Time\) 10m/);
    assert.match(text, /Past certifications \(2\)/);
    assert.ok(text.includes(`Freshness Fresh: certified ${CERTIFIED_DAY} and nothing it certified has changed.`), 'fresh');
    const page = parseHtml(html);
    assert.ok(page.elements.some((element) => element.tag === 'svg' && element.attributes.class === 'trend-chart'), 'the trend chart');
    assert.ok(page.elements.some((element) => element.tag === 'polyline' || element.tag === 'path'), 'the chart draws a line');
    assert.deepEqual(page.elements.filter((element) => element.tag === 'script'), []);
    const policy = page.elements.find((element) => element.tag === 'meta' && element.attributes['http-equiv'] === 'Content-Security-Policy')?.attributes.content ?? '';
    assert.match(policy, /^default-src 'none'; style-src 'nonce-[A-Za-z0-9+/=]{16,}'; base-uri 'none'; form-action 'none'$/);
    assert.doesNotMatch(policy, /script-src|unsafe/);
  });

  test('a hostile note and name are shown as text, never as markup', async () => {
    const html = await rendered('the report panel', (text) => text.includes('Certification report: notes'));
    assert.ok(html.includes('checked &lt;script&gt;alert(&quot;note&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;'), 'the note, escaped');
    assert.ok(html.includes('&lt;b onmouseover=alert(2)&gt;mallory&lt;/b&gt;'), 'the name, escaped');
    assert.ok(!html.includes('\u202E'), 'the direction override is shown as an escape, not applied');
    const page = parseHtml(html);
    for (const tag of ['script', 'img', 'b']) assert.deepEqual(page.elements.filter((element) => element.tag === tag), [], tag);
    assert.ok(!page.elements.some((element) => Object.keys(element.attributes).some((name) => name.startsWith('on'))), 'no event handler attribute');
  });

  test('refs are links that open a transcript in its language and a file at its line', async function () {
    this.timeout(30_000);
    const all = links(await rendered('the report panel', (text) => text.includes('Certification report: notes')));
    const transcript = all.find(([, , ref]) => ref === transcripts[0]);
    assert.ok(transcript, `a link to ${transcripts[0]} (links: ${all.map(([, , ref]) => ref).join(', ')})`);
    assert.deepEqual(transcript.slice(0, 2), [folder, SERVICE]);
    await vscode.commands.executeCommand('certify.openReportRef', ...transcript);
    const log = await waitFor('the transcript editor', () => vscode.window.activeTextEditor?.document.uri.fsPath.endsWith(transcripts[0].split('/').pop() ?? '?') && vscode.window.activeTextEditor);
    assert.equal(log.document.languageId, 'certify-transcript');

    const file = all.find(([, , ref]) => /^roles\/notes_api\/README\.md:\d+$/.test(ref));
    assert.ok(file, 'a link to the role README at a line');
    await vscode.commands.executeCommand('certify.openReportRef', ...file);
    const readme = await waitFor('the README editor', () => vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('README.md') && vscode.window.activeTextEditor);
    const line = Number(file[2].split(':')[1]);
    assert.equal(readme.selection.active.line, Math.min(line, readme.document.lineCount) - 1);
  });

  test('a ref that leads out of the repo opens nothing', async function () {
    this.timeout(30_000);
    await fs.symlink('/etc/passwd', path.join(root, 'roles/notes_api/files/outside.log'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const ref of ['../../../../../etc/passwd', '/etc/passwd', 'roles/../../../etc/passwd', 'roles/notes_api/files/outside.log', 'C:\\Windows\\win.ini', 'roles/notes_api/README.md\u0000']) {
      await vscode.commands.executeCommand('certify.openReportRef', folder, SERVICE, ref);
      assert.equal(vscode.window.activeTextEditor, undefined, `${JSON.stringify(ref)} opened ${vscode.window.activeTextEditor?.document.uri.fsPath}`);
    }
    // A repo that is not open, and arguments that are not a link's.
    await vscode.commands.executeCommand('certify.openReportRef', vscode.Uri.file(os.tmpdir()).toString(), SERVICE, 'x.log');
    await vscode.commands.executeCommand('certify.openReportRef', { folder }, SERVICE, 42);
    assert.equal(vscode.window.activeTextEditor, undefined);
  });

  test('a panel kept over a reload renders again from the record on disk', async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('certify.openReport', exampleFolder().uri, SERVICE);
    await rendered('the report panel', (text) => text.includes('Certification report: notes'));
    const title = `Report: ${SERVICE} (${exampleFolder().name})`;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the panel to close', () => shown() === undefined);
    // What VS Code hands the serializer after a reload: a panel of the view type with the title it had.
    const kept = vscode.window.createWebviewPanel('certify.report', title, vscode.ViewColumn.Active, {});
    await api.reports.serializer.deserializeWebviewPanel(kept, undefined);
    const html = await rendered('the restored panel', (text) => text.includes('Certification report: notes'));
    assert.match(textOf(html), /Past certifications \(2\)/);
    assert.equal(kept.webview.html, html);

    const unknown = vscode.window.createWebviewPanel('certify.report', 'Report: nothing-known', vscode.ViewColumn.Active, {});
    const closed = new Promise<void>((resolve) => unknown.onDidDispose(() => resolve()));
    await api.reports.serializer.deserializeWebviewPanel(unknown, undefined);
    await within('a panel Certify does not know to close', closed, 10_000);
  });

  test('Export Report… writes the formats of certify report', async function () {
    this.timeout(60_000);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'certify-export-'));
    try {
      const save = async (format: string, name: string): Promise<string> => {
        const target = vscode.Uri.file(path.join(dir, name));
        const written = (await vscode.commands.executeCommand('certify.exportReport', exampleFolder().uri, SERVICE, format, target)) as vscode.Uri | undefined;
        assert.equal(written?.fsPath, target.fsPath, format);
        return fs.readFile(target.fsPath, 'utf8');
      };
      const json = JSON.parse(await save('json', 'notes.json')) as { service: string; steps: unknown[]; history: unknown[]; readiness: { ready: boolean } };
      assert.equal(json.service, SERVICE);
      assert.equal(json.steps.length, 9);
      assert.equal(json.history.length, 2);
      assert.equal(json.readiness.ready, true);
      const junit = await save('junit', 'notes.xml');
      assert.match(junit, /^<\?xml version="1\.0" encoding="UTF-8"\?>/);
      assert.match(junit, /<testsuite name="notes"[^>]* failures="0"/);
      const html = await save('html', 'notes.html');
      assert.deepEqual(parseHtml(html).elements.filter((element) => element.tag === 'script' || element.tag === 'a'), [], 'standalone: no script, refs as text');
      assert.match(await save('text', 'notes.txt'), /PRODUCTION READY/);
      assert.match(await save('md', 'notes.md'), /^# /m);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  test('an edit of the role makes the certification stale in the tree, the lens and the open panel; undoing it makes it fresh', async function () {
    this.timeout(90_000);
    await vscode.commands.executeCommand('certify.openReport', exampleFolder().uri, SERVICE);
    await rendered('the report panel', (text) => text.includes('Certification report: notes'));
    await fs.writeFile(path.join(root, ROLE_DEFAULTS), `${roleDefaults}\n# an edit after the certification\n`);
    const stale = await waitFor('notes to turn stale', () => {
      const freshness = api.reports.freshness(folder, SERVICE);
      return freshness?.state === 'stale' && freshness;
    });
    assert.deepEqual(stale.changed.map((input) => input.name), [ROLE_DEFAULTS]);
    const row = await waitFor('the tree to say stale', async () => {
      const item = await serviceRow();
      return descriptionText(item).endsWith('· 9/9 · stale') && item;
    });
    const tip = (row.tooltip instanceof vscode.MarkdownString ? row.tooltip.value : String(row.tooltip)).replace(/\\/g, '').replace(/&nbsp;/g, ' ');
    assert.ok(tip.split('\n').includes(`Stale: ${ROLE_DEFAULTS} changed since ${CERTIFIED_DAY}; re-run steps 1–9.`), tip);
    assert.match(tip, /^Changed since: roles\/notes_api\/defaults\/main\.yml \(modified\)$/m);
    const playbook = vscode.Uri.joinPath(exampleFolder().uri, 'playbooks/notes-deploy.yml');
    await vscode.workspace.openTextDocument(playbook);
    const lenses = await waitFor('the lenses to say stale', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', playbook, 100);
      return found.some((lens) => lens.command?.title === 'Certify: notes · 9/9 · stale') && found;
    });
    const report = lenses.find((lens) => lens.command?.command === 'certify.openReport');
    assert.equal(report?.command?.title, 'Report');
    assert.deepEqual(report?.command?.arguments?.slice(1), [SERVICE]);
    const html = await rendered('the panel to say stale', (text) => textOf(text).includes(`Stale: ${ROLE_DEFAULTS} changed since ${CERTIFIED_DAY}`));
    assert.match(textOf(html), /Changed since the certification Change roles\/notes_api\/defaults\/main\.yml modified/);

    await fs.writeFile(path.join(root, ROLE_DEFAULTS), roleDefaults);
    await waitFor('notes to be fresh again', () => api.reports.freshness(folder, SERVICE)?.state === 'fresh');
    await waitFor('the tree to drop the mark', async () => descriptionText(await serviceRow()).endsWith('· 9/9'));
    await rendered('the panel to say fresh', (text) => /Freshness Fresh:/.test(textOf(text)));
  });

  test("a certification older than certify.yml's interval is due in the tree and the lens", async function () {
    this.timeout(90_000);
    const settings = path.join(root, 'certify.yml');
    await fs.writeFile(settings, 'recertify_after_days: 30\n');
    try {
      const due = await waitFor('notes to fall due', () => {
        const freshness = api.reports.freshness(folder, SERVICE);
        return freshness?.state === 'due' && freshness;
      });
      assert.ok(due.summary.startsWith(`Due: certified ${CERTIFIED_DAY}, more than 30 days ago`), due.summary);
      await waitFor('the tree to say due', async () => descriptionText(await serviceRow()).endsWith('· 9/9 · due'));
      const playbook = vscode.Uri.joinPath(exampleFolder().uri, 'playbooks/notes-deploy.yml');
      const summary = await waitFor('the lens to say due', async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', playbook, 100);
        return found.find((lens) => lens.command?.title === 'Certify: notes · 9/9 · due');
      });
      assert.ok(summary.command?.tooltip?.startsWith(due.summary), summary.command?.tooltip);
    } finally {
      await fs.rm(settings, { force: true });
    }
    await waitFor('notes to be fresh again', () => api.reports.freshness(folder, SERVICE)?.state === 'fresh');
  });
});
