// Ansible's files read as Ansible's loader reads them (PyYAML on libyaml), one literal document
// per category the differential and the fuzz found; each failed before the reader followed
// Ansible. Certify's own files (services/, certify.yml) stay strict YAML 1.2.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCached } from '../../../src/repo/parseCache';
import { parseYamlLazy } from '../../../src/yaml/fastReader';
import { parseYaml, type ParsedYaml } from '../../../src/yaml/parse';

const TASKS = 'roles/web/tasks/main.yml';

/** The one document of `text` read as an Ansible file, by the full parse and the fast reader alike. */
function ansible(text: string): ParsedYaml {
  const full = parseYaml(TASKS, text, '1.1');
  const lazy = parseYamlLazy('roles/web/defaults/main.yml', text, '1.1');
  assert.deepEqual(lazy.documents, full.documents, 'the fast reader reads as the full parse');
  assert.deepEqual(lazy.findings.map((f) => [f.line, f.column, f.ruleId]), full.findings.map((f) => [f.line, f.column, f.ruleId]));
  return full;
}

const value = (text: string): unknown => {
  const parsed = ansible(text);
  assert.deepEqual(parsed.findings, [], JSON.stringify(parsed.findings));
  return parsed.documents[0];
};

/** The line and column of the one error Certify reports on `text`. */
const refusedAt = (text: string): string => {
  const { findings, documents } = ansible(text);
  assert.equal(findings.length, 1, JSON.stringify(findings));
  assert.deepEqual(documents, []);
  return `${findings[0].line}:${findings[0].column}`;
};

describe("Ansible's YAML dialect", () => {
  test('a quoted Jinja expression continued at its key’s column loads, with exact positions after it', () => {
    const text = ['- name: Set map', '  set_fact:', '    dr_map: "{{ dr_map + [', '    {', "        'a': 1", '    }', '    ] }}"', '    other: 2', ''].join('\n');
    assert.deepEqual(value(text), [{ name: 'Set map', set_fact: { dr_map: "{{ dr_map + [ { 'a': 1 } ] }}", other: 2 } }]);
    const parsed = ansible(text);
    const setFact = (parsed.ast?.contents as { items: { get(key: string, keep: true): { items: { key: unknown }[] } }[] }).items[0].get('set_fact', true);
    assert.deepEqual(parsed.locate(setFact.items[1].key as never), { file: TASKS, line: 8, column: 5 });
  });

  test('a flow list continued left of its key loads', () => {
    assert.deepEqual(value('volumes:\n  - drives:\n      id: ["a",\n      "b"]\n'), { volumes: [{ drives: { id: ['a', 'b'] } }] });
    assert.deepEqual(value('a:\n  b: [1,\n2]\nc: 3\n'), { a: { b: [1, 2] }, c: 3 });
  });

  test('an unclosed bracket is one error where libyaml stops, not "nested too deep"', () => {
    const lines = ['- name: fine', ...Array.from({ length: 150 }, (_, i) => `- name: [broken${i}`)].join('\n');
    // At the first broken line, where the bracket's content runs on (libyaml stops one line later, at its `:`).
    assert.equal(refusedAt(lines), '2:10');
  });

  test('plain scalars resolve as PyYAML resolves them', () => {
    const text = ['a: y', 'b: n', 'c: yes', 'd: off', 'e: 09', 'f: 1e3', 'g: 1.0e+3', 'h: 0755', 'i: 00:11:22:33', 'j: 1:30', 'k: .', 'l: -0', 'm: 0o17', 'n: 1_000', ''].join('\n');
    assert.deepEqual(value(text), { a: 'y', b: 'n', c: true, d: false, e: '09', f: '1e3', g: 1000, h: 493, i: '00:11:22:33', j: 90, k: '.', l: 0, m: '0o17', n: 1000 });
    assert.deepEqual(value('day: 2001-12-14\nat: 2001-12-14 21:59:43.10 -5\n'), { day: new Date('2001-12-14T00:00:00Z'), at: new Date('2001-12-15T02:59:43.100Z') });
  });

  test('what PyYAML cannot construct is refused: a lone =, an invalid date, an integer Python cannot read', () => {
    assert.equal(refusedAt('a: 1\nb: =\n'), '2:4');
    assert.equal(refusedAt('a: 2001-02-30\n'), '1:4');
    assert.equal(refusedAt('a: 0x_\n'), '1:4');
  });

  test("tags: Ansible's !vault and !unsafe load as their text, tags it has no constructor for are refused", () => {
    const vault = '$ANSIBLE_VAULT;1.1;AES256\n6162\n';
    assert.deepEqual(value(`pw: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\ncmd: !unsafe '{{ x }}'\n`), { pw: vault, cmd: '{{ x }}' });
    assert.equal(refusedAt('- !policy\n  id: x\n'), '1:3');
    assert.equal(refusedAt('a: !!str\n  b: 1\n'), '1:4');
  });

  test('a list or mapping as a key, and an empty implicit key, are refused; an explicit empty key loads', () => {
    assert.equal(refusedAt('[a]: 1\n'), '1:1');
    assert.equal(refusedAt('a: 1\n: 2\n'), '2:1');
    assert.deepEqual(value('? \n: x\n'), { '': 'x' });
  });

  test('a list after an explicit key with no colon is refused where the list starts, as libyaml does; with the colon it loads', () => {
    assert.equal(refusedAt('? key\n- item\n'), '2:1');
    assert.equal(refusedAt('tasks:\n  ? name\n  - x\n'), '3:3');
    assert.deepEqual(value('? key\n: [item]\n'), { key: ['item'] });
    assert.deepEqual(value('? key\n'), { key: null });
  });

  test('anchors: libyaml’s names only, each defined once per document; merge keys load', () => {
    assert.equal(refusedAt('a: &x#c 1\n'), '1:4');
    assert.equal(refusedAt('a: &x 1\nb: &x 2\n'), '2:4');
    assert.deepEqual(value('base: &b {x: 1, y: 2}\nown:\n  <<: *b\n  y: 3\n'), { base: { x: 1, y: 2 }, own: { x: 1, y: 3 } });
  });

  test('a block scalar that ends the file without a line break keeps no line break', () => {
    assert.deepEqual(value('a: |\n  x\n  y'), { a: 'x\ny' });
    assert.deepEqual(value('a: >\n  x\n  y\n'), { a: 'x y\n' });
  });

  test('a top-level block scalar with content at column 0 is refused', () => {
    assert.equal(refusedAt('|\nx\n'), '2:1');
  });

  test('tabs: refused where a block token may start, white space elsewhere', () => {
    assert.equal(refusedAt('a:\n- \tx\n'), '2:3');
    assert.equal(refusedAt('a: 1\n\t# c\n'), '2:1');
    assert.equal(refusedAt('a: b\n\t\nc: d\n'), '2:1');
    assert.equal(refusedAt('a: |\n  \tx\n'), '2:3');
    assert.deepEqual(value('a:\t1\nb: x\t# c\n'), { a: 1, b: 'x' });
    assert.deepEqual(value('leaf\n\t'), 'leaf');
    assert.deepEqual(value('a: x\n \t\n'), { a: 'x' });
    assert.deepEqual(value('a: |\n  x\n  \ty\n'), { a: 'x\n\ty\n' });
  });

  test('a comment glued to a quoted value, a flow collection or a block scalar header loads', () => {
    assert.deepEqual(value('a: "x"#c\nb: [1]#c\nc: |#c\n  z\n'), { a: 'x', b: [1], c: 'z\n' });
  });

  test('duplicate keys: the last value wins, as in Ansible, with a warning where the key repeats', () => {
    const parsed = ansible('a: 1\nb: 2\na: 3\n');
    assert.deepEqual(parsed.findings, []);
    assert.deepEqual(parsed.documents, [{ a: 3, b: 2 }]);
    assert.deepEqual(
      parsed.warnings?.map((w) => [w.line, w.column, w.ruleId, w.severity]),
      [[3, 1, 'yaml-duplicate-key', 'warning']],
    );
    // The repo room's reader gives the same to discovery (the fast reader leaves duplicates to the full parse).
    assert.deepEqual(parseCached(new Map(), 'roles/web/defaults/main.yml', 'a: 1\na: 3\n').documents, [{ a: 3 }]);
  });

  test("Certify's own files stay strict YAML 1.2", () => {
    const definition = (text: string): ParsedYaml => parseYaml('services/web.yml', text, '1.2');
    assert.deepEqual(definition('a: yes\nb: 0755\n').documents, [{ a: 'yes', b: 755 }]);
    assert.equal(definition('a:\n  b: "x\ny"\n').findings[0]?.ruleId, 'yaml-syntax');
    assert.equal(definition('a: 1\na: 2\n').findings[0]?.ruleId, 'yaml-syntax');
    assert.equal(parseCached(new Map(), 'services/web.yml', 'a:\n  b: [1,\n2]\n').findings[0]?.ruleId, 'yaml-syntax');
  });
});
