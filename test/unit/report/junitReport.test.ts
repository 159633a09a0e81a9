// The JUnit report parses as XML 1.0 (a strict check, below) with the expected cases: one suite
// per service, a case per step and per criterion, then the service status and, when freshness is
// known, whether the certification still holds. Failures and skips carry their messages; a
// service whose record is unusable is a suite with one error. The strict check is itself tested.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEmptyRecord } from '../../../src/core/record';
import { allCriteria, STEP_IDS } from '../../../src/core/steps';
import { buildReport } from '../../../src/report/model/buildReport';
import { renderJunit } from '../../../src/report/render/junitReport';
import { certifiedRecord, failedRecord } from './reportFixtures';
import { elementsNamed, parseXml, type XmlElement } from './xmlCheck';

const GENERATED = '2026-12-05T08:00:00.000Z';
const CRITERIA = STEP_IDS.reduce((sum, id) => sum + allCriteria(id).length, 0);

function caseNamed(suite: XmlElement, name: string): XmlElement {
  const found = elementsNamed(suite, 'testcase').find((c) => c.attributes.name === name);
  assert.ok(found, `no test case "${name}"`);
  return found;
}

describe('JUnit report', () => {
  test('one suite per service; a case per step and criterion, then the status; counts add up', () => {
    const xml = renderJunit([
      buildReport({ record: certifiedRecord('notes'), generatedAt: GENERATED, containerId: 165 }),
      buildReport({ record: failedRecord('gitea'), generatedAt: GENERATED, containerId: 160 }),
    ]);
    const root = parseXml(xml);
    assert.equal(root.name, 'testsuites');
    const suites = root.children;
    assert.deepEqual(suites.map((s) => s.attributes.name), ['notes', 'gitea']);
    for (const suite of suites) {
      const cases = elementsNamed(suite, 'testcase');
      assert.equal(cases.length, 9 + CRITERIA + 1);
      assert.equal(Number(suite.attributes.tests), cases.length);
      assert.equal(Number(suite.attributes.failures), cases.filter((c) => c.children.some((x) => x.name === 'failure')).length);
      assert.equal(Number(suite.attributes.skipped), cases.filter((c) => c.children.some((x) => x.name === 'skipped')).length);
      assert.equal(Number(suite.attributes.errors), cases.filter((c) => c.children.some((x) => x.name === 'error')).length);
    }
    assert.equal(Number(root.attributes.tests), 2 * (9 + CRITERIA + 1));

    const [notes, gitea] = suites;
    assert.equal(notes.attributes.failures, '0');
    assert.equal(notes.attributes.skipped, '1', 'only the conditional wipe criterion');
    assert.equal(caseNamed(notes, 'Step 8 (Wipe): Data removed (if complete wipe)').children[0].attributes.message, 'applies only if: Complete wipe (Option B)');
    assert.equal(caseNamed(notes, 'Step 1: Implement Service (Initial Deployment)').attributes.classname, 'certify.notes');
    assert.equal(caseNamed(notes, 'Step 1 (Implement): Ansible role created with all required files').attributes.classname, 'certify.notes.step1');
    assert.equal(caseNamed(notes, 'Service status: PRODUCTION READY').children.length, 0, 'passes');
    const properties = Object.fromEntries(elementsNamed(notes, 'property').map((p) => [p.attributes.name, p.attributes.value]));
    assert.equal(properties.containerId, '165');
    assert.equal(properties.status, 'PRODUCTION READY');
    assert.equal(properties['metric.rto'], '10m TARGET (target < 15m)');

    const failedStep = caseNamed(gitea, 'Step 3: Delete and Recreate (Automation Validation)').children[0];
    assert.deepEqual([failedStep.name, failedStep.attributes.type, failedStep.attributes.message], ['failure', 'failed', 'The second deploy changed 3 tasks: the playbook is not idempotent.']);
    assert.equal(failedStep.text, 'Second run is idempotent (no changes): second run: changed=3');
    const criterion = caseNamed(gitea, 'Step 3 (Recreate): Second run is idempotent (no changes)');
    assert.equal(criterion.children[0].attributes.message, 'second run: changed=3');
    assert.match(criterion.children[0].text, /^second run: changed=3 \[\.certify\/gitea\/runs\/.*-step3\.log\]$/);
    const notRun = caseNamed(gitea, 'Step 4: Implement Data Backup Plan').children[0];
    assert.deepEqual([notRun.name, notRun.attributes.message], ['skipped', 'not run yet']);
    const status = caseNamed(gitea, 'Service status: PRODUCTION READY').children[0];
    assert.equal(status.name, 'failure');
    assert.match(status.attributes.message, /^Step 3 \(Recreate\) failed: .*; 7 of 9 steps not passed/);
    assert.equal(status.text, 'Next: fix playbook, ensure idempotency, then run Step 3 (Recreate) again (certify run notes --step 3)'.replace('notes', 'gitea'));
    // A met criterion's evidence goes to its output, for whoever opens the case.
    assert.match(caseNamed(gitea, 'Step 1 (Implement): Documentation: Service dependencies listed').children[0].text, /^checked by hand: Service dependencies listed\nby alice at /);
  });

  test('an unfinished service is skipped, not failed; stale freshness fails its own case', () => {
    const xml = renderJunit([
      buildReport({
        record: createEmptyRecord('notes', GENERATED),
        generatedAt: GENERATED,
        freshness: { state: 'uncertified', changed: [], rerun: [], summary: 'Not certified yet.' },
      }),
      buildReport({
        record: certifiedRecord('gitea'),
        generatedAt: GENERATED,
        freshness: { state: 'stale', changed: [{ name: 'roles/gitea_api/defaults/main.yml', change: 'modified' }], rerun: ['implement', 'recreate'], summary: 'Stale: roles/gitea_api/defaults/main.yml changed.' },
      }),
    ]);
    const [empty, stale] = parseXml(xml).children;
    assert.equal(empty.attributes.failures, '0');
    assert.equal(caseNamed(empty, 'Service status: PRODUCTION READY').children[0].name, 'skipped');
    assert.equal(caseNamed(empty, 'Certification still holds').children[0].name, 'skipped');
    const holds = caseNamed(stale, 'Certification still holds').children[0];
    assert.deepEqual([holds.name, holds.attributes.type, holds.attributes.message], ['failure', 'stale', 'Stale: roles/gitea_api/defaults/main.yml changed.']);
    assert.equal(holds.text, 'roles/gitea_api/defaults/main.yml (modified)\nRe-run: implement, recreate');
  });

  test('a service whose record cannot be used is a suite with one error', () => {
    const xml = renderJunit([], [{ service: 'vaultwarden', problem: '.certify/vaultwarden/record.json is damaged: not JSON' }]);
    const suite = parseXml(xml).children[0];
    assert.deepEqual([suite.attributes.name, suite.attributes.errors, suite.attributes.tests], ['vaultwarden', '1', '1']);
    assert.deepEqual(suite.children[0].children[0].attributes, { type: 'record-unavailable', message: '.certify/vaultwarden/record.json is damaged: not JSON' });
  });
});

describe('the strict XML check the JUnit tests rely on', () => {
  test('accepts well-formed XML and decodes its references', () => {
    const root = parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 &amp; &#10;2"><b>t &lt;&#x41;&gt;</b><!-- c --><c/></a>\n');
    assert.equal(root.attributes.x, '1 & \n2');
    assert.equal(root.children[0].text, 't <A>');
  });

  test('refuses each kind of malformed XML', () => {
    for (const bad of [
      '<a>',
      '<a></b>',
      '<a x="1" x="2"/>',
      '<a x=1/>',
      '<a x="<"/>',
      '<a>&nbsp;</a>',
      '<a>&amp</a>',
      '<a>]]></a>',
      '<a/><b/>',
      '<a>\u0000</a>',
      '<a>\u001b[2J</a>',
      '<a>&#0;</a>',
      '<a>&#x1b;</a>',
      '<a>\ud800</a>',
      '<a>\uffff</a>',
      '<!DOCTYPE a><a/>',
      '<a><![CDATA[x</a>',
      '<a><!-- a -- b --></a>',
    ]) {
      assert.throws(() => parseXml(bad), Error, JSON.stringify(bad));
    }
  });
});
