import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../../src/cli/cli';
import { EXIT } from '../../../src/cli/exitCodes';
import type { Finding } from '../../../src/core/findings';
import { copyRepo, EXAMPLE_REPO } from '../helpers/tempRepo';

async function certify(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  // Laid out wide, so each value and message reads whole here; widths.test.ts holds the layout.
  const code = await runCli(argv, { cwd, columns: 400, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const brief = (f: Finding) => `${f.file}:${f.line} ${f.ruleId}`;

async function edit(root: string, file: string, change: (text: string) => string): Promise<void> {
  const target = path.join(root, file);
  await fs.writeFile(target, change(await fs.readFile(target, 'utf8')));
}

/** The example's deliberate gaps: what a correct validator must say about it, and nothing more. */
const EXAMPLE_FINDINGS = [
  'roles/backup_infrastructure/defaults/main.yml:52 restore-missing',
  'roles/backup_infrastructure/defaults/main.yml:53 restore-missing',
  'roles/vaultwarden_api/defaults/main.yml:6 discovery/unresolved-value',
  'roles/vaultwarden_api/defaults/main.yml:20 vault-undocumented',
  'roles/vaultwarden_api/tasks/main.yml:1 role-readme',
];

describe('certify validate', () => {
  test('--format json on the example repo reports exactly its deliberate gaps, exit 0', async () => {
    const { code, out, err } = await certify(EXAMPLE_REPO, 'validate', '--format', 'json');
    assert.equal(code, EXIT.ok, err);
    const report = JSON.parse(out) as { findings: Finding[]; summary: { errors: number } };
    assert.deepEqual(report.findings.map(brief), EXAMPLE_FINDINGS);
    assert.equal(report.summary.errors, 0);
  });

  test('on a broken copy reports each planted problem with file, line and rule id, exit 1', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    await edit(root, 'services/gitea.yml', (t) => t.replace('hostname: gitea\n', 'hostname: gitea\ncontianer_port: 1\n'));
    await edit(root, 'roles/gitea_api/tasks/main.yml', (t) => `${t}\n- name: Install git\n  ansible.builtin.apt:\n    name: git\n    state: latest\n  delegate_to: gitea_container\n`);
    await edit(root, 'roles/nextcloud_api/defaults/main.yml', (t) => t.replace('nextcloud_container_id: 161', 'nextcloud_container_id: 160'));
    await edit(root, 'playbooks/gitea-deploy.yml', (t) => `${t}    - role: ghost_role\n`);
    await edit(root, 'roles/postgresql_api/handlers/main.yml', (t) => `${t}- name: [broken\n`);
    await edit(root, 'inventory/group_vars/all/vars.yml', (t) => `${t}ansible_host_key_checking: false\n`);

    const { code, out } = await certify(root, 'validate', '--format', 'json');
    assert.equal(code, EXIT.failed);
    const found = (JSON.parse(out) as { findings: Finding[] }).findings.map(brief);
    const planted = [
      'services/gitea.yml:7 schema',
      'roles/gitea_api/tasks/main.yml:247 state-latest',
      'roles/nextcloud_api/defaults/main.yml:3 duplicate-container-id',
      'playbooks/gitea-deploy.yml:9 missing-role',
      'roles/postgresql_api/handlers/main.yml:13 yaml-syntax',
      'inventory/group_vars/all/vars.yml:30 host-key-checking-off',
    ];
    for (const problem of planted) assert.ok(found.includes(problem), `${problem} not reported; got:\n${found.join('\n')}`);
  });

  test('a task file with 600 broken lines is one yaml-syntax finding at its first problem; the rest is still checked', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    const broken = ['- name: Fine', '  ansible.builtin.ping:', ...Array.from({ length: 600 }, (_, i) => `- name: [broken${i}`)];
    await fs.writeFile(path.join(root, 'roles/gitea_api/tasks/broken.yml'), `${broken.join('\n')}\n`);
    await edit(root, 'roles/nextcloud_api/tasks/main.yml', (t) => `${t}\n- name: Install git\n  ansible.builtin.apt:\n    name: git\n    state: latest\n`);

    const { code, out } = await certify(root, 'validate', '--format', 'json');
    assert.equal(code, EXIT.failed);
    const findings = (JSON.parse(out) as { findings: Finding[] }).findings;
    const syntax = findings.filter((f) => f.file === 'roles/gitea_api/tasks/broken.yml');
    assert.deepEqual(syntax.map((f) => f.ruleId), ['yaml-syntax']);
    // The first broken line opens a bracket that the next one shows unclosed.
    assert.ok(syntax[0].line === 3 || syntax[0].line === 4, `line ${syntax[0].line}`);
    assert.ok(findings.some((f) => f.file === 'roles/nextcloud_api/tasks/main.yml' && f.ruleId === 'state-latest'), findings.map(brief).join('\n'));
  });

  test('paths limit what is reported; certify.yml rule settings apply', async () => {
    const root = await copyRepo(EXAMPLE_REPO);
    await fs.writeFile(path.join(root, 'certify.yml'), 'rules:\n  restore-missing: off\n  role-readme: error\n');
    const { code, out } = await certify(root, 'validate', 'roles/vaultwarden_api', '--format', 'json');
    assert.equal(code, EXIT.failed, 'role-readme raised to error must fail the run');
    const findings = (JSON.parse(out) as { findings: Finding[] }).findings;
    assert.deepEqual(findings.map(brief), [
      'roles/vaultwarden_api/defaults/main.yml:6 discovery/unresolved-value',
      'roles/vaultwarden_api/defaults/main.yml:20 vault-undocumented',
      'roles/vaultwarden_api/tasks/main.yml:1 role-readme',
    ]);
    assert.equal(findings[2].severity, 'error');
  });

  test('--format sarif is SARIF 2.1.0 with a rule for every result', async () => {
    const { code, out } = await certify(EXAMPLE_REPO, 'validate', '--format=sarif');
    assert.equal(code, EXIT.ok);
    const sarif = JSON.parse(out) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const [run] = sarif.runs;
    assert.equal(run.tool.driver.name, 'Certify');
    assert.equal(run.results.length, EXAMPLE_FINDINGS.length);
    for (const result of run.results) {
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
      assert.ok(result.locations[0].physicalLocation.region.startLine >= 1);
    }
    assert.deepEqual(
      run.results.map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine} ${r.ruleId}`),
      EXAMPLE_FINDINGS,
    );
  });

  test('text format ends with a count; a path outside the repo is a usage error', async () => {
    const text = await certify(EXAMPLE_REPO, 'validate');
    assert.match(text.out, /^0 errors, 4 warnings, 1 note in 3 files\.$/m);
    const outside = await certify(EXAMPLE_REPO, 'validate', '/etc');
    assert.equal(outside.code, EXIT.usage);
    assert.match(outside.err, /outside the repo/);
  });
});
