// Ansible reads one YAML document per file: a second `---` (even with nothing after it) makes
// it refuse the whole playbook, vars or inventory file — checked here against Ansible's own
// loader — so Certify reports one syntax error there. Certify's own files keep YAML's streams.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { parseYaml } from '../../../src/yaml/parse';

const CASES: Array<[string, number | undefined]> = [
  ['- hosts: all\n  roles: [a]\n---\n- hosts: db\n', 3],
  ['---\na: 1\n...\n---\nb: 2\n', 4],
  ['a: 1\n---\n', 2],
  ['---\na: 1\n...\n', undefined],
  ['--- # the only document\n- x\n', undefined],
];

/** What Ansible's loader says, as Ansible's DataLoader loads a file (get_single_data). */
function ansibleAccepts(text: string): boolean {
  const script = 'import sys\nfrom ansible.parsing.yaml.loader import AnsibleLoader\nAnsibleLoader(sys.stdin.read()).get_single_data()\n';
  const result = spawnSync('/usr/bin/python3', ['-c', script], { input: text, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result.status === 0;
}

describe('one document per Ansible file', () => {
  test('a second document is one yaml-syntax error at its ---, as Ansible refuses the file', () => {
    for (const [text, line] of CASES) {
      const parsed = parseYaml('playbooks/site.yml', text, '1.1');
      assert.equal(ansibleAccepts(text), line === undefined, `Ansible on ${JSON.stringify(text)}`);
      if (line === undefined) {
        assert.deepEqual(parsed.findings, [], JSON.stringify(text));
        assert.equal(parsed.documents.length, 1);
      } else {
        assert.deepEqual(parsed.findings.map((f) => [f.ruleId, f.line]), [['yaml-syntax', line]], JSON.stringify(text));
        assert.match(parsed.findings[0].message, /Ansible reads one document per file/);
      }
    }
  });

  test("Certify's own YAML 1.2 files are not held to it", () => {
    assert.deepEqual(parseYaml('services/x.yml', 'a: 1\n---\nb: 2\n', '1.2').findings, []);
  });
});
