import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding, RuleInfo } from '../../../src/core/findings';
import { applyRuleSettings, readRuleSettings } from '../../../src/check/ruleSettings';

const RULES: RuleInfo[] = [
  { id: 'no-changed-when', severity: 'warning', summary: 'x', category: 'lint' },
  { id: 'state-latest', severity: 'warning', summary: 'x', category: 'lint' },
  { id: 'schema', severity: 'error', summary: 'x', category: 'schema' },
];

const finding = (ruleId: string): Finding => ({ file: 'roles/a/tasks/main.yml', line: 1, ruleId, severity: 'warning', message: 'm' });

describe('rule settings from certify.yml', () => {
  test('turns rules off and changes severities', () => {
    const { settings, findings } = readRuleSettings('rules:\n  no-changed-when: off\n  state-latest: error\n', RULES);
    assert.deepEqual(findings, []);
    const applied = applyRuleSettings([finding('no-changed-when'), finding('state-latest'), finding('schema')], settings);
    assert.deepEqual(applied.map((f) => `${f.ruleId}:${f.severity}`), ['state-latest:error', 'schema:warning']);
  });

  test('`false` reads as off', () => {
    const { settings } = readRuleSettings('rules:\n  state-latest: false\n', RULES);
    assert.equal(settings.get('state-latest'), 'off');
  });

  test('an unknown rule id and a bad value are findings on the exact key and value', () => {
    const { settings, findings } = readRuleSettings('proxmox: {}\nrules:\n  no-changed-whn: off\n  state-latest: loud\n', RULES);
    assert.equal(settings.size, 0);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.line, f.column]),
      [
        ['settings/invalid-rule', 3, 3],
        ['settings/invalid-rule', 4, 17],
      ],
    );
    assert.match(findings[0].message, /no rule "no-changed-whn"; known rules: no-changed-when, schema, state-latest/);
    assert.match(findings[1].message, /off, error, warning or info; got "loud"/);
  });

  test('no certify.yml, no rules key, or a broken file change nothing', () => {
    for (const text of [undefined, 'proxmox: {}\n', 'rules: [\n', 'rules: 3\n']) {
      const { settings } = readRuleSettings(text, RULES);
      assert.equal(settings.size, 0);
      assert.deepEqual(applyRuleSettings([finding('schema')], settings), [finding('schema')]);
    }
  });
});
