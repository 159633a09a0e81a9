// The Services tree's nodes as plain data: services with their progress, the nine steps with
// their state (blocked by a gate, with the reason), criteria with what the record and the repo say.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { StaticResults } from '../../../src/check/staticCriteria';
import { createEmptyRecord, type CertificationRecord } from '../../../src/core/record';
import type { Service } from '../../../src/core/service';
import { STEP_IDS } from '../../../src/core/steps';
import { CHECKING_ICON, CRITERION_ICONS, CRITERION_KINDS, criterionNodes, nextStep, progressLine, serviceNode, stepNodes } from '../../../src/report/treeModel';
import { clock, fresh, passOne } from '../core/fixtures';

const NOW = '2026-11-27T10:00:00.000Z';

function service(name = 'gitea'): Service {
  return {
    name,
    roles: [{ name: `${name}_api`, via: 'roles', source: { file: `playbooks/${name}-deploy.yml`, line: 5 } }],
    facts: { containerId: { kind: 'known', value: 160, origin: 'definition', source: { file: `services/${name}.yml`, line: 2 } } },
    backup: { entries: [] },
    restore: { entries: [] },
    scripts: {},
  };
}

function withStepOnePassed(): CertificationRecord {
  return passOne(fresh('gitea'), 'implement', clock());
}

describe('tree model', () => {
  test('a service without a record: 0/9, step 1 open, every later step blocked with its gate', () => {
    const node = serviceNode(service(), undefined);
    assert.equal(node.description, 'CT 160 · 0/9');
    assert.equal(node.state, 'not-started');
    const steps = stepNodes(service(), undefined);
    assert.deepEqual(steps.map((step) => step.step.id), STEP_IDS);
    assert.equal(steps[0].state, 'not-started');
    assert.equal(steps[0].reason, undefined);
    for (const step of steps.slice(1)) {
      assert.equal(step.state, 'blocked', step.step.id);
      assert.match(step.reason ?? '', /^Step \d \(.+\) (is locked|needs a verified backup)/, step.step.id);
    }
  });

  test('services without a record share the same steps, each node naming its own service', () => {
    const [a, b] = [stepNodes(service('gitea'), undefined), stepNodes(service('nextcloud'), undefined)];
    assert.deepEqual(a.map(({ service: _, ...rest }) => rest), b.map(({ service: _, ...rest }) => rest));
    assert.ok(a.every((node) => node.service.name === 'gitea') && b.every((node) => node.service.name === 'nextcloud'));
    // The same as an explicit empty record.
    const empty = stepNodes(service('gitea'), createEmptyRecord('gitea', NOW));
    assert.deepEqual(a, empty);
  });

  test('a passed step opens the next one; progress counts it', () => {
    const record = withStepOnePassed();
    const steps = stepNodes(service(), record);
    assert.equal(steps[0].state, 'passed');
    assert.equal(steps[1].state, 'not-started');
    assert.equal(steps[2].state, 'blocked');
    const node = serviceNode(service(), { kind: 'ok', file: '.certify/gitea/record.json', record });
    assert.equal(node.description, 'CT 160 · 1/9');
    assert.equal(node.state, 'in-progress');
  });

  test('a damaged record is shown as damaged, not as a fresh start', () => {
    const node = serviceNode(service(), { kind: 'corrupt', file: '.certify/gitea/record.json', problems: ['not valid JSON'] });
    assert.equal(node.state, 'record-damaged');
    assert.equal(node.description, 'CT 160 · record damaged');
  });

  test('static criteria say the repo is being checked until the static results exist', () => {
    const pending = criterionNodes(service(), 'implement', undefined, undefined);
    const statics = pending.filter((node) => node.criterion.kind === 'static');
    assert.ok(statics.length > 0);
    for (const node of statics) assert.equal(node.description, 'checking the repo…', node.criterion.id);
    for (const node of pending.filter((candidate) => candidate.criterion.kind === 'manual')) assert.equal(node.description, 'confirm by hand');

    const roleFiles = statics.find((node) => node.criterion.check === 'role-files');
    assert.ok(roleFiles?.criterion.check);
    const results: StaticResults = new Map([
      [roleFiles.criterion.check, { check: roleFiles.criterion.check, status: 'met', summary: 'all role files present', evidence: [{ file: 'roles/gitea_api/tasks/main.yml', line: 1 }] }],
    ]);
    const checked = criterionNodes(service(), 'implement', undefined, results).find((node) => node.criterion.id === roleFiles.criterion.id);
    assert.equal(checked?.state, 'met');
    assert.equal(checked?.description, 'all role files present');
    assert.deepEqual(checked?.evidence, { file: 'roles/gitea_api/tasks/main.yml', line: 1 });
  });

  test('descriptions and reasons quoting the repo or the record are escaped, URL passwords masked', () => {
    const hostile: Service = {
      ...service(),
      facts: { containerId: { kind: 'unresolved', expression: '{{ id }}\u001b]0;pwned\u0007', origin: 'role-defaults', source: { file: 'x', line: 1 } } },
    };
    assert.equal(serviceNode(hostile, undefined).description, 'CT {{ id }}\\x1b]0;pwned\\x07 · 0/9');
    const record = fresh('gitea');
    record.steps.implement = { ...record.steps.implement, status: 'failed', reason: 'https://u:StepPw@h\nforged\u202e', finishedAt: NOW };
    assert.equal(stepNodes(hostile, record)[0].reason, 'https://u:‹secret›@h\\nforged\\u202e');
    const results: StaticResults = new Map([['role-files', { check: 'role-files', status: 'not-met', summary: 'missing roles/a\u001b[2J', evidence: [] }]]);
    const roleFiles = criterionNodes(hostile, 'implement', undefined, results).find((node) => node.criterion.check === 'role-files');
    assert.equal(roleFiles?.description, 'missing roles/a\\x1b[2J');
  });

  test('steps have short labels for a 300-pixel sidebar, the state in the description', () => {
    const steps = stepNodes(service(), withStepOnePassed());
    assert.deepEqual(
      steps.map((step) => step.label),
      ['1 Implement', '2 Test externally', '3 Delete & recreate', '4 Backup plan', '5 Populate test data', '6 Test backup', '7 Execute backup', '8 Wipe', '9 Restore & verify'],
    );
    // A label and its state fit in about 30 characters (the sidebar's default width at 13 px).
    for (const step of steps) assert.ok(step.label.length + step.description.length <= 30, `${step.label} ${step.description}`);
    assert.deepEqual(steps.slice(0, 3).map((step) => step.description), ['passed', 'not started', 'blocked']);
  });

  test('a step with figures shows its headline figure in the sidebar and names every figure for the tooltip', () => {
    const record = withStepOnePassed();
    const at = NOW;
    record.metrics = {
      'deploy-time': { value: 19, measuredAt: at, step: 'recreate' },
      idempotency: { value: 0, measuredAt: at, step: 'recreate' },
      rto: { value: 33, measuredAt: at, step: 'restore-verify' },
      rpo: { value: 7, measuredAt: at, step: 'restore-verify' },
      'external-test-success': { value: 100, measuredAt: at, step: 'restore-verify' },
    };
    const steps = stepNodes(service(), record);
    const recreate = steps.find((step) => step.step.id === 'recreate');
    const restore = steps.find((step) => step.step.id === 'restore-verify');
    assert.equal(recreate?.description, '19s');
    assert.deepEqual(recreate?.figures, ['Deployment Time: 19s', 'Idempotency: changed=0']);
    assert.equal(restore?.description, '33s');
    assert.deepEqual(restore?.figures, ['RTO (Recovery Time): 33s', 'RPO (Data Loss): 7s', 'External Test Success: 100%']);
    for (const step of steps) assert.ok(step.label.length + step.description.length <= 30, `${step.label} ${step.description}`);
    assert.deepEqual(steps[0]?.figures, []);
  });

  test('the progress line names the next runnable step, or why there is none', () => {
    const empty = stepNodes(service(), undefined);
    assert.equal(nextStep(empty)?.label, '1 Implement');
    assert.equal(progressLine(serviceNode(service(), undefined), empty), 'gitea · 0/9 · next: 1 Implement');
    const record = withStepOnePassed();
    const stored = { kind: 'ok', file: '.certify/gitea/record.json', record } as const;
    assert.equal(progressLine(serviceNode(service(), stored), stepNodes(service(), record)), 'gitea · 1/9 · next: 2 Test externally');
    const damaged = serviceNode(service(), { kind: 'corrupt', file: '.certify/gitea/record.json', problems: ['not valid JSON'] });
    assert.equal(progressLine(damaged, empty), 'gitea · record damaged');
    assert.equal(progressLine(serviceNode(service('a\u001bb'), undefined), empty), 'a\\x1bb · 0/9 · next: 1 Implement');
  });

  test('criteria speak one icon language: the glyph says the kind, the variant and tone the state', () => {
    const nodes = criterionNodes(service(), 'implement', undefined, undefined);
    for (const node of nodes) {
      const expected = node.criterion.kind === 'static' ? CHECKING_ICON : CRITERION_ICONS[node.criterion.kind].unknown;
      assert.deepEqual(node.icon, expected, node.criterion.id);
    }
    // A kind is told apart by its glyph in every state: no glyph is shared between kinds.
    const glyphs = (kind: keyof typeof CRITERION_ICONS): Set<string> => new Set(Object.values(CRITERION_ICONS[kind]).map((icon) => icon.id));
    const [statics, automatics, manuals] = [glyphs('static'), glyphs('automatic'), glyphs('manual')];
    for (const id of statics) assert.ok(!automatics.has(id) && !manuals.has(id), id);
    for (const id of automatics) assert.ok(!manuals.has(id), id);
    const results: StaticResults = new Map([['role-files', { check: 'role-files', status: 'not-met', summary: 'no handlers', evidence: [] }]]);
    const roleFiles = criterionNodes(service(), 'implement', undefined, results).find((node) => node.criterion.check === 'role-files');
    assert.deepEqual(roleFiles?.icon, { id: 'error', tone: 'failed', meaning: 'the repo lacks it' });
  });

  test('the walkthrough legend shows every criterion icon with its kind', () => {
    const legend = readFileSync(path.join(__dirname, '../../../media/walkthrough/icons.md'), 'utf8');
    // Each icon is a picture of the codicon in its tone: media/walkthrough/icons/<id>-<colour>.png.
    const colour = { passed: 'green', failed: 'red', muted: 'grey' } as const;
    const picture = (icon: { id: string; tone: keyof typeof colour }): string => `icons/${icon.id.replace(/~.*/, '')}-${colour[icon.tone]}.png`;
    for (const kind of Object.keys(CRITERION_ICONS) as (keyof typeof CRITERION_ICONS)[]) {
      assert.ok(legend.includes(`**${CRITERION_KINDS[kind].title}**`), kind);
      for (const [state, icon] of Object.entries(CRITERION_ICONS[kind])) {
        if (kind === 'manual' && state === 'not-met') continue; // a person ticks or does not: there is no "not met"
        assert.ok(legend.includes(`src="${picture(icon)}"`), `${kind} ${state}: ${picture(icon)}`);
      }
    }
    assert.ok(legend.includes(`src="${picture(CHECKING_ICON)}"`));
    for (const [, file] of legend.matchAll(/src="([^"]+)"/g)) {
      assert.ok(existsSync(path.join(__dirname, '../../../media/walkthrough', file)), file);
    }
  });
});
