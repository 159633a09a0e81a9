import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StaticResult, StaticResults } from '../../../src/check/staticCriteria';
import { createEmptyRecord, type CertificationRecord } from '../../../src/core/record';
import type { Service } from '../../../src/core/service';
import type { StaticCheckId } from '../../../src/core/steps';
import { checklistMarkdown, escapeMarkdown } from '../../../src/report/checklist';

/** The seed's "Workflow Checklist Template", verbatim (docs: service-workflow.md). */
const TEMPLATE = `# Service: <SERVICE_NAME>
## Container ID: <ID>
## Started: <DATE>

### Step 1: Implement Service
- [ ] Ansible role created
- [ ] Deployment playbook created
- [ ] Health checks added
- [ ] Documentation created
- [ ] Initial deployment successful

### Step 2: Test with External Tools
- [ ] HTTPS access confirmed
- [ ] External testing service passed
- [ ] Mobile data test passed
- [ ] SSL certificate valid
- [ ] DNS resolves correctly

### Step 3: Delete and Recreate
- [ ] Container deleted successfully
- [ ] Playbook recreated service
- [ ] Service fully functional
- [ ] Idempotency verified
- [ ] Deployment time: ____ minutes

### Step 4: Implement Data Backup Plan
- [ ] Backup strategy defined
- [ ] Backup role updated
- [ ] Restore role updated
- [ ] Backup variables added
- [ ] Restore variables added

### Step 5: Populate with Test Data
- [ ] Test data created
- [ ] Test data script created
- [ ] Data verification script created
- [ ] Test data size: ____ MB
- [ ] Data counts documented

### Step 6: Test Backup Script
- [ ] Backup script ran successfully
- [ ] Backup files verified
- [ ] Backup size reasonable: ____ MB
- [ ] Backup time: ____ minutes
- [ ] Backup includes test data

### Step 7: Execute Backup
- [ ] Baseline backup created
- [ ] Backup timestamp recorded: ____________
- [ ] Backup report created
- [ ] Service still running after backup

### Step 8: Wipe Service
- [ ] Container deleted
- [ ] Data wiped (if applicable)
- [ ] Service inaccessible
- [ ] Backup still exists
- [ ] Wipe report created

### Step 9: Restore and Verify
- [ ] Container restored
- [ ] Data restored
- [ ] Service accessible
- [ ] Test data matches original
- [ ] RTO: ____ minutes
- [ ] RPO: ____ minutes
- [ ] Completion report created

### Final Status
- [ ] ✅ SERVICE PRODUCTION READY
- [ ] Documentation updated
- [ ] Backup schedule confirmed
- [ ] Monitoring added

## Notes
<Add any observations, issues encountered, or improvements needed>`;

const NOW = new Date('2025-03-04T12:00:00Z');

function service(name = 'gitea'): Service {
  return {
    name,
    roles: [],
    facts: { containerId: { kind: 'known', value: 160, origin: 'definition', source: { file: `services/${name}.yml`, line: 5 } } },
    backup: { entries: [] },
    restore: { entries: [] },
    scripts: {},
  };
}

function statics(entries: [StaticCheckId, StaticResult['status'], string?][]): StaticResults {
  return new Map(
    entries.map(([check, status, at]) => {
      const [file, line] = at?.split(':') ?? [];
      return [check, { check, status, summary: `${check} ${status}`, evidence: file ? [{ file, line: Number(line) }] : [] }];
    }),
  );
}

const passed = (record: CertificationRecord, step: keyof CertificationRecord['steps'], start: string, end: string): void => {
  record.steps[step] = { ...record.steps[step], status: 'passed', startedAt: start, finishedAt: end };
};

/** The checklist with ticks, evidence, filled blanks and generated notes taken back out: its structure. */
function structure(markdown: string): string {
  const lines = markdown.trimEnd().split('\n');
  const notes = lines.indexOf('## Notes');
  const kept = [...lines.slice(0, notes + 1), lines[lines.length - 1]];
  return kept
    .map((line) => line.replace(/^- \[x\] /, '- [ ] ').replace(/ — `[^`]+`$/, ''))
    .join('\n');
}

describe('checklistMarkdown', () => {
  test('an empty record: the template exactly, ticked only where a static check is met, with its evidence', () => {
    const results = statics([
      ['role-files', 'met', 'roles/gitea_api/tasks/main.yml:1'],
      ['health-check', 'met', 'roles/gitea_api/tasks/main.yml:198'],
      ['role-readme', 'not-met', 'roles/gitea_api/tasks/main.yml:1'],
      ['restore-role-coverage', 'unknown'],
      ['backup-role-coverage', 'met', 'roles/backup_infrastructure/defaults/main.yml:16'],
    ]);
    const markdown = checklistMarkdown(service(), createEmptyRecord('gitea', '2025-03-01T09:00:00Z'), results, NOW);
    const expected = TEMPLATE.replace('<SERVICE_NAME>', 'gitea').replace('<ID>', '160').replace('<DATE>', '2025-03-01');
    assert.equal(structure(markdown), expected);

    const ticked = markdown.split('\n').filter((line) => line.startsWith('- [x]'));
    assert.deepEqual(ticked, [
      '- [x] Ansible role created — `roles/gitea_api/tasks/main.yml:1`',
      '- [x] Health checks added — `roles/gitea_api/tasks/main.yml:198`',
      '- [x] Backup role updated — `roles/backup_infrastructure/defaults/main.yml:16`',
    ]);
    // What the repo still lacks is listed under Notes, for the person filling in the rest.
    assert.match(markdown, /\n## Notes\n- Repo: role-readme not-met \(`roles\/gitea_api\/tasks\/main\.yml:1`\)\n- Exported by Certify on 2025-03-04: /);
    assert.ok(markdown.endsWith('<Add any observations, issues encountered, or improvements needed>\n'));
  });

  test('no record and no statics: the bare template, started today', () => {
    const markdown = checklistMarkdown(service(), undefined, new Map(), NOW);
    assert.equal(structure(markdown), TEMPLATE.replace('<SERVICE_NAME>', 'gitea').replace('<ID>', '160').replace('<DATE>', '2025-03-04'));
    assert.ok(!markdown.includes('- [x]'));
  });

  test('a record with passed steps, met criteria, metrics and a backup fills and ticks them', () => {
    const record = createEmptyRecord('gitea', '2025-03-01T09:00:00Z');
    passed(record, 'implement', '2025-03-02T08:00:00Z', '2025-03-02T08:20:00Z');
    passed(record, 'test-external', '2025-03-02T09:00:00Z', '2025-03-02T09:10:00Z');
    record.steps.recreate = {
      ...record.steps.recreate,
      status: 'failed',
      reason: 'second run changed 3 tasks',
      startedAt: '2025-03-02T10:00:00Z',
      finishedAt: '2025-03-02T10:12:00Z',
      criteria: { 'container-deleted': { state: 'met' }, 'deploy-time': { state: 'met' }, idempotent: { state: 'not-met' } },
    };
    record.metrics['deploy-time'] = { value: 252, measuredAt: '2025-03-02T10:10:00Z', step: 'recreate' };
    record.metrics['backup-size'] = { value: 1.2 * 1024 ** 3, measuredAt: '2025-03-03T10:00:00Z', step: 'execute-backup' };
    record.metrics.rto = { value: 12 * 60, measuredAt: '2025-03-03T12:00:00Z', step: 'restore-verify' };
    record.metrics.rpo = { value: 3 * 3600 + 5 * 60, measuredAt: '2025-03-03T12:00:00Z', step: 'restore-verify' };
    record.backup = { timestamp: '20250303_100000', location: '/var/backups/infrastructure/20250303_100000', verified: true, verifiedAt: '2025-03-03T10:05:00Z' };

    const markdown = checklistMarkdown(service(), record, statics([['role-files', 'met', 'roles/gitea_api/tasks/main.yml:1']]), NOW);
    const lines = markdown.split('\n');
    const section = (heading: string): string[] => {
      const start = lines.indexOf(`### ${heading}`) + 1;
      return lines.slice(start, lines.indexOf('', start));
    };
    assert.equal(lines[2], '## Started: 2025-03-02');
    // A passed step ticks every line; the static evidence is still cited.
    assert.deepEqual(section('Step 1: Implement Service'), [
      '- [x] Ansible role created — `roles/gitea_api/tasks/main.yml:1`',
      '- [x] Deployment playbook created',
      '- [x] Health checks added',
      '- [x] Documentation created',
      '- [x] Initial deployment successful',
    ]);
    assert.ok(section('Step 2: Test with External Tools').every((line) => line.startsWith('- [x]')));
    // A failed step ticks only what its record says was met; blanks are filled with core's formatMetric.
    assert.deepEqual(section('Step 3: Delete and Recreate'), [
      '- [x] Container deleted successfully',
      '- [ ] Playbook recreated service',
      '- [ ] Service fully functional',
      '- [ ] Idempotency verified',
      '- [x] Deployment time: 4m12s',
    ]);
    assert.ok(section('Step 6: Test Backup Script').includes('- [ ] Backup size reasonable: 1.2 GB'));
    // Backup time and test data size: no metric records them, so the blanks stay for a person.
    assert.ok(section('Step 6: Test Backup Script').includes('- [ ] Backup time: ____ minutes'));
    assert.ok(section('Step 5: Populate with Test Data').includes('- [ ] Test data size: ____ MB'));
    assert.ok(section('Step 7: Execute Backup').includes('- [ ] Backup timestamp recorded: 20250303\\_100000'));
    assert.deepEqual(
      section('Step 9: Restore and Verify').filter((line) => /RTO|RPO/.test(line)),
      ['- [ ] RTO: 12m', '- [ ] RPO: 3h05m'],
    );
    assert.ok(lines.includes('- Step 3 (Recreate) failed: second run changed 3 tasks'));
  });

  test('Markdown special characters in names, values and reasons are escaped', () => {
    const odd: Service = {
      ...service('web_*app*'),
      facts: { containerId: { kind: 'unresolved', expression: '{{ base_id | int + 1 }}', origin: 'role-defaults', source: { file: 'roles/x/defaults/main.yml', line: 2 } } },
    };
    const record = createEmptyRecord('gitea', '2025-03-01T09:00:00Z');
    record.service = 'web_*app*';
    record.backup = { timestamp: '<b>now</b> [x](y)', location: '/tmp', verified: false };
    record.steps['backup-plan'] = { ...record.steps['backup-plan'], status: 'skipped', reason: 'manual # backup\nfor now', finishedAt: '2025-03-02T00:00:00Z' };
    const markdown = checklistMarkdown(odd, record, statics([['role-files', 'met', 'roles/a`b/tasks/main.yml:1']]), NOW);
    const lines = markdown.split('\n');
    assert.equal(lines[0], '# Service: web\\_\\*app\\*');
    assert.equal(lines[1], '## Container ID: {{ base\\_id \\| int + 1 }}');
    assert.ok(lines.includes('- [ ] Backup timestamp recorded: \\<b\\>now\\</b\\> \\[x\\](y)'));
    assert.ok(lines.includes('- Step 4 (Backup Plan) skipped: manual \\# backup for now'));
    // Evidence in a code span that survives a backtick in the path.
    assert.ok(lines.includes('- [x] Ansible role created — `` roles/a`b/tasks/main.yml:1 ``'));
    assert.equal(escapeMarkdown('a|b & c~d'), 'a\\|b \\& c\\~d');
  });

  test('control characters and URL passwords from the repo or the record never reach the export raw', () => {
    const hostile: Service = {
      ...service('gitea'),
      facts: { containerId: { kind: 'unresolved', expression: '{{ id }}\u001b]0;pwned\u0007\u202e', origin: 'role-defaults', source: { file: 'roles/x/defaults/main.yml', line: 2 } } },
    };
    const record = createEmptyRecord('gitea', '2025-03-01T09:00:00Z');
    record.steps['backup-plan'] = { ...record.steps['backup-plan'], status: 'skipped', reason: 'see https://u:RecordPw@h \u001b[2J', finishedAt: '2025-03-02T00:00:00Z' };
    const markdown = checklistMarkdown(hostile, record, statics([['role-files', 'met', 'roles/a\u001b[31m/tasks/main.yml:1']]), NOW);
    assert.doesNotMatch(markdown, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    assert.ok(!markdown.includes('RecordPw'));
    const lines = markdown.split('\n');
    assert.equal(lines[1], '## Container ID: {{ id }}\\\\x1b\\]0;pwned\\\\x07\\\\u202e');
    assert.ok(lines.includes('- [x] Ansible role created — `roles/a\\x1b[31m/tasks/main.yml:1`'));
  });

  test("a record of another service is the caller's mistake", () => {
    assert.throws(() => checklistMarkdown(service('gitea'), createEmptyRecord('nextcloud', NOW), new Map(), NOW), RangeError);
  });
});
