// Differential: the fast reader of Ansible files (workspace/yamlFast) against the full parse
// with the `yaml` package (parseYaml, version 1.1). Wherever the fast reader answers, every
// value, entry, key position, playbook role and finding must be exactly the full parse's; the
// corpus is every YAML file of examples/homelab, the benchmark's generated repo shape, and a
// seeded set of generated and mutated role defaults and playbooks.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { readDefinition } from '../../../src/repo/definition';
import { generatedRepo, serviceFiles } from '../../fixtures/generatedRepo';
import { pick, prng } from '../helpers/prng';
import { rolesOfPlaybook } from '../../../src/repo/playbookRoles';
import { parseYamlLazy, readYamlFast, type LightNode, type LightYaml } from '../../../src/yaml/fastReader';
import { parseYaml, type ParsedYaml } from '../../../src/yaml/parse';

const ROOT = path.resolve(__dirname, '../../..');
const SEED = 20_261_127;

interface Case {
  id: string;
  file: string;
  text: string;
}

describe('fast YAML 1.1 reader (discovery)', () => {
  test('reads every YAML file of examples/homelab exactly as the full parse', () => {
    const dir = path.join(ROOT, 'examples/homelab');
    const cases = listFiles(dir)
      .filter((file) => /\.ya?ml$/.test(file))
      .map((file) => ({ id: file, file, text: fs.readFileSync(path.join(dir, file), 'utf8') }));
    assert.ok(cases.length > 10);
    const tally = compareAll(cases);
    assert.ok(tally.fast > cases.length / 3, `fast path taken for ${tally.fast} of ${cases.length}`);
  });

  test("reads the benchmark repo's files exactly as the full parse", () => {
    const cases: Case[] = [];
    const files: Record<string, string> = generatedRepo(50);
    for (const i of [250, 500, 999]) Object.assign(files, serviceFiles(i));
    for (const [file, text] of Object.entries(files)) if (/\.ya?ml$/.test(file)) cases.push({ id: file, file, text });
    const tally = compareAll(cases);
    // The generated repo is plain: every file of it must take the fast path.
    assert.equal(tally.fast, cases.length);
  });

  test(`reads generated and mutated role defaults, playbooks and definitions exactly as the full parse (seed ${SEED})`, () => {
    const random = prng(SEED);
    const cases: Case[] = [];
    for (let i = 0; i < 300; i++) {
      const defaults = generateDefaults(random);
      cases.push({ id: `defaults#${i}`, file: 'roles/r/defaults/main.yml', text: defaults });
      cases.push({ id: `defaults#${i} mutated`, file: 'roles/r/defaults/main.yml', text: mutate(random, defaults) });
      const playbook = generatePlaybook(random);
      cases.push({ id: `playbook#${i}`, file: 'playbooks/x-deploy.yml', text: playbook });
      cases.push({ id: `playbook#${i} mutated`, file: 'playbooks/x-deploy.yml', text: mutate(random, playbook) });
      const definition = generateDefinition(random);
      cases.push({ id: `definition#${i}`, file: 'services/x.yml', text: definition });
      cases.push({ id: `definition#${i} mutated`, file: 'services/x.yml', text: mutate(random, definition) });
    }
    const tally = compareAll(cases);
    // Both outcomes must be exercised, or the comparison tests nothing.
    assert.ok(tally.fast > cases.length / 4, `fast path taken for ${tally.fast} of ${cases.length}`);
    assert.ok(tally.full > cases.length / 10, `full parse for ${tally.full} of ${cases.length}`);
    assert.ok(tally.withFindings > 50, `only ${tally.withFindings} texts with findings`);
  });

  test("scalars resolve as PyYAML's YAML 1.1 does (Ansible's loader), as in the full parse", () => {
    const text = [
      'a: yes', 'b: No', 'c: on', 'd: OFF', 'e: y', 'f: 0755', 'g: 0x1F', 'h: 0b101', 'i: 1_000', 'j: -0', 'k: .5', 'l: 1e3',
      'm: ~', 'nn: null', 'o: "yes"', "p: '0755'", 'q: 3.10', 'r: -.inf', 's: .NaN', 't: 09', 'u: +12', 'v:', 'w: 1.', 'x: 0o17',
    ].join('\n');
    const fast = readYamlFast('roles/r/defaults/main.yml', text, '1.1');
    assert.ok(fast, 'the fast reader reads plain scalars');
    assert.deepEqual(fast.value, parseYaml('roles/r/defaults/main.yml', text, '1.1').documents[0]);
    const value = fast.value as Record<string, unknown>;
    assert.equal(value.a, true);
    assert.equal(value.d, false);
    // PyYAML: `y` is no boolean, `09` no octal, `1e3` no float (its exponent needs a sign).
    assert.equal(value.e, 'y');
    assert.equal(value.t, '09');
    assert.equal(value.l, '1e3');
    assert.equal(value.f, 493);
    assert.equal(value.i, 1000);
    assert.ok(Object.is(value.j, 0));
    assert.equal(value.x, '0o17');
    // Keys that are not strings (`no` is false), timestamps and merge keys are left to the full parse.
    assert.equal(readYamlFast('x.yml', 'no: 1\n', '1.1'), undefined);
    assert.equal(readYamlFast('x.yml', 'a: 2001-12-14\n', '1.1'), undefined);
    assert.deepEqual(readYamlFast('x.yml', 'a: 1:20\n', '1.1')?.value, { a: 80 });
  });

  test('every listed scalar, as a value and in a list, reads as the full parse does in YAML 1.1 and 1.2', () => {
    let read = 0;
    for (const dialect of ['1.1', '1.2'] as const) {
      const file = dialect === '1.1' ? 'roles/r/defaults/main.yml' : 'services/app.yml';
      for (const scalar of SCALARS) {
        for (const text of [`key: ${scalar}\n`, `key:\n  - ${scalar}\n  - x\n`]) {
          const fast = readYamlFast(file, text, dialect);
          if (!fast) continue;
          read += 1;
          assert.deepEqual(fast.value, parseYaml(file, text, dialect).documents[0], `${dialect}: ${JSON.stringify(text)}`);
        }
      }
    }
    assert.ok(read > SCALARS.length, `the fast reader read only ${read} of the texts`);
  });
});

function compareAll(cases: Case[]): { fast: number; full: number; withFindings: number } {
  const tally = { fast: 0, full: 0, withFindings: 0 };
  for (const { id, file, text } of cases) {
    const dialect = file.startsWith('services/') ? '1.2' : '1.1';
    const full = parseYaml(file, text, dialect);
    const lazy = parseYamlLazy(file, text, dialect);
    if (lazy.light) tally.fast += 1;
    else tally.full += 1;
    if (full.findings.length > 0) tally.withFindings += 1;
    const where = `${id}:\n${text}`;
    assert.deepStrictEqual(lazy.findings, full.findings, where);
    assert.deepStrictEqual(lazy.documents, full.documents, where);
    assert.deepStrictEqual([...lazy.entries], [...full.entries], where);
    assert.deepStrictEqual(rolesOfPlaybook(lazy), rolesOfPlaybook(full), where);
    assert.deepStrictEqual(readDefinition(lazy, 'stem'), readDefinition(full, 'stem'), where);
    assert.equal(lazy.file, full.file);
    if (lazy.light) {
      assert.equal(full.findings.length, 0, where);
      // Every scalar the fast reader placed stands where the full parse places it.
      compareNodes(full, full.ast?.contents as Node | null, lazy.light, lazy.light.root, where);
      // The AST and locate, asked for later, are the full parse's.
      assert.deepStrictEqual(lazy.ast?.toJS(), full.ast?.toJS(), where);
      const node = lazy.ast?.contents as Node | null;
      if (node) assert.deepStrictEqual(lazy.locate(node), full.locate(full.ast?.contents as Node), where);
    }
  }
  return tally;
}

function compareNodes(full: ParsedYaml, node: Node | null, light: LightYaml, lightNode: LightNode, where: string): void {
  if (node) assert.deepStrictEqual(light.locate(lightNode), full.locate(node), `${where}\n(node ${JSON.stringify(lightNode.value)})`);
  if (isMap(node)) {
    assert.equal(lightNode.children.length, node.items.length * 2, where);
    node.items.forEach((pair, i) => {
      compareNodes(full, pair.key as Node, light, lightNode.children[2 * i], where);
      compareNodes(full, (pair.value as Node | null) ?? null, light, lightNode.children[2 * i + 1], where);
    });
  } else if (isSeq(node)) {
    assert.equal(lightNode.children.length, node.items.length, where);
    node.items.forEach((item, i) => compareNodes(full, item as Node, light, lightNode.children[i], where));
  } else if (isScalar(node)) {
    assert.deepStrictEqual(lightNode.value, node.value, where);
    assert.deepStrictEqual(light.locate(lightNode), full.locate(node), where);
  } else {
    assert.equal(lightNode.value, null, where);
  }
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(dir, relative) : [relative];
  });
}

// ---- seeded generation -------------------------------------------------------------------


const SCALARS = [
  'yes', 'no', 'Yes', 'NO', 'on', 'Off', 'ON', 'y', 'n', 'Y', 'N', 'true', 'False', 'TRUE', '~', 'null', 'Null', 'NULL', '',
  '0755', '0644', '0o17', '0x1F', '0xff', '0b1011', '0b', '-0', '+0', '012_345', '1_000', '42', '-17', '+8', '09', '0',
  '3.14', '.5', '1.', '-1.5e3', '1e3', '2E-2', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '1_0.5', '.', '-.',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '1:20', '190:20:30.15', '<<', '00:11:22', '1:20.5', '=', '0b_', '0x_', '1.0e+5', '1.0e5', '-.5',
  // First characters that decide which types a scalar may be (the resolvers' guard): each on its own and leading a word.
  'e5', 'E3', '.e1', 'e', 'o', 'O', 't', 'f', 'T', 'F', '<', '<x', '+', '-', '+e1', 'yesterday', 'nothing', 'offset', 'truth',
  'plain text', 'svc.example.net', '10.0.0.1', '/var/backups', 'http://x:8080/health', 'a:b', 'a #b', 'é ünïcode',
  '"double"', '"yes"', '"0755"', '"esc \\" \\\\ \\t \\u00e9"', '"{{ domain }}"', "'single'", "'it''s'", "'on'",
  '"{{ vault_pw }}"', '"svc.{{ domain }}"', '[a, b, 1]', '[]', '{}', '{ a: 1, b: yes }', '[yes, no, 0755]',
  '&anchor value', '*anchor', '!!str 0755', '!vault |', '"unterminated', "'also", '[open', '{ bad',
];

const KEYS = ['svc_port', 'svc_hostname', 'app_user', 'backup_enabled', 'restore_enabled', 'db_name', 'yes', 'on', 'null', '"quoted key"', "'q'", '1', 'a b', 'x-y', '_private', '__proto__', 'constructor'];

function scalar(random: () => number): string {
  return pick(random, SCALARS);
}

function value(random: () => number, indent: string, depth: number): string {
  const r = random();
  if (depth < 2 && r < 0.12) return `\n${indent}  ${pick(random, KEYS)}: ${scalar(random)}\n${indent}  ${pick(random, KEYS)}: ${scalar(random)}`;
  if (depth < 2 && r < 0.22) return `\n${indent}  - ${scalar(random)}\n${indent}  - ${scalar(random)}`;
  if (r < 0.27) return `|\n${indent}  line one\n${indent}  line two: yes\n\n${indent}  # not a comment`;
  if (r < 0.31) return `>-\n${indent}  folded ${scalar(random)}\n${indent}  text`;
  if (r < 0.35) return `plain start\n${indent}  continued here`;
  if (r < 0.38) return `"quoted start\n${indent}  continued"`;
  if (r < 0.41) return `${scalar(random)} # trailing comment`;
  return scalar(random);
}

function generateDefaults(random: () => number): string {
  const lines: string[] = [];
  if (random() < 0.6) lines.push(random() < 0.9 ? '---' : '--- # start');
  if (random() < 0.3) lines.push('# Role defaults');
  const count = 1 + Math.floor(random() * 8);
  const anchored = random() < 0.1;
  for (let i = 0; i < count; i++) {
    const key = random() < 0.8 ? `r_key_${i}` : pick(random, KEYS);
    if (anchored && i === 0) lines.push(`${key}: &base ${scalar(random)}`);
    else if (anchored && i === 1) lines.push(`${key}: *base`);
    else lines.push(`${key}: ${value(random, '', 0)}`);
    if (random() < 0.1) lines.push('');
    if (random() < 0.08) lines.push(`  # indented comment`);
  }
  const r = random();
  if (r < 0.04) lines.push('...');
  else if (r < 0.08) lines.push('---', 'second: document');
  else if (r < 0.11) lines.push(`r_key_0: duplicate`);
  else if (r < 0.13) lines.push('<<: { merged: 1 }');
  return `${lines.join(random() < 0.05 ? '\r\n' : '\n')}${random() < 0.9 ? '\n' : ''}`;
}

function generatePlaybook(random: () => number): string {
  const lines: string[] = random() < 0.7 ? ['---'] : [];
  const plays = 1 + Math.floor(random() * 2);
  for (let p = 0; p < plays; p++) {
    lines.push(`- name: Play ${p}`, `  hosts: ${pick(random, ['all', 'proxmox_admin', 'yes'])}`);
    if (random() < 0.7) {
      lines.push('  roles:');
      for (let r = 0; r < 1 + Math.floor(random() * 3); r++) {
        const name = pick(random, ['svc_api', 'common', '../roles/nested/', '"quoted_role"', "'single'", '', 'yes', '0755', '{{ role_var }}']);
        const form = random();
        if (form < 0.3) lines.push(`    - ${name}`);
        else if (form < 0.6) lines.push(`    - role: ${name}`, `      tags: [deploy]`);
        else if (form < 0.75) lines.push(`    - name: ${name}`);
        else if (form < 0.85) lines.push(`    - { role: ${name}, when: yes }`);
        else lines.push(`    -   role: ${name}   # comment`, `        vars:`, `          port: 0755`);
      }
    }
    for (const list of ['pre_tasks', 'tasks', 'handlers']) {
      if (random() < 0.5) continue;
      lines.push(`  ${list}:`);
      const task = random();
      if (task < 0.3) lines.push('    - name: Include', `      ansible.builtin.include_role:`, `        name: ${pick(random, ['inc_role', '"q"', ''])}`);
      else if (task < 0.5) lines.push('    - import_role: { name: imported }');
      else if (task < 0.7) lines.push('    - block:', '        - include_role:', '            name: in_block', '      rescue:', '        - debug: msg=x');
      else lines.push('    - name: Plain task', `      ansible.builtin.debug:`, `        msg: ${scalar(random)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function generateDefinition(random: () => number): string {
  const lines: string[] = random() < 0.3 ? ['---'] : [];
  const field = (key: string, values: readonly string[]): void => {
    if (random() < 0.75) lines.push(`${key}: ${pick(random, values)}`);
  };
  field('name', ['svc1', 'Bad Name', '"svc-2"', 'yes', '[a]', '~', '12']);
  field('container_id', ['101', '99', '1e3', '"200"', '0x1F', 'abc', '1_000', '1234567890', '{ a: 1 }', '']);
  field('hostname', ['svc1', '"{{ host }}"', '[x]', '~', '0755']);
  field('ip_address', ['10.0.0.1', '"10.0.0.2"', '', 'on']);
  field('service_port', ['8080', '0', '70000', '"443"', '8080.0', '.inf', 'yes']);
  field('deploy_playbook', ['playbooks/svc1-deploy.yml', '[a]', '']);
  if (random() < 0.5) lines.push('external:', `  url: ${pick(random, ['https://svc.example.net', 'ftp://x', '"http://a:8080/x"', '[u]'])}`);
  if (random() < 0.6) lines.push(pick(random, ['roles: [svc1_api, common]', 'roles:\n  - svc1_api\n  - 42\n  - "quoted"', 'roles: svc1_api', 'roles: []']));
  if (random() < 0.4) lines.push('test_data:', `  populate: ${pick(random, ['scripts/p.sh', '[x]', ''])}`, `  verify: ${pick(random, ['scripts/v.sh', '7'])}`);
  if (random() < 0.4) lines.push('backup:', `  - database: ${pick(random, ['appdb', '[x]', '5', '~'])}`, '  - path: /srv', `  - { database: "other" }`);
  if (random() < 0.2) lines.push(pick(random, ['- not a mapping', 'name: dup', '# only a comment', 'extra: { a: [1, 2], b: yes }']));
  return `${lines.join('\n')}\n`;
}

/** One to three random edits: a character dropped, inserted or changed, a line doubled, indented or swapped. */
function mutate(random: () => number, text: string): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (out.length + 1));
    const r = random();
    if (r < 0.25) out = out.slice(0, at) + out.slice(at + 1);
    else if (r < 0.5) out = out.slice(0, at) + pick(random, [':', '-', ' ', '  ', '\n', '#', '"', "'", '[', ']', '{', '}', ',', '\t', '|', '>', '?', 'y', '0']) + out.slice(at);
    else {
      const lines = out.split('\n');
      const i = Math.floor(random() * lines.length);
      if (r < 0.65) lines.splice(i, 0, lines[i]);
      else if (r < 0.8) lines[i] = `  ${lines[i]}`;
      else if (r < 0.9) lines[i] = lines[i].replace(/^ {1,2}/, '');
      else {
        const j = Math.floor(random() * lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
      }
      out = lines.join('\n');
    }
  }
  return out;
}
