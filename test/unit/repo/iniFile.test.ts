// ansible.cfg read as Ansible reads it: the cases that matter spelled out, then the same
// texts and a few hundred generated ones read by Python's configparser itself (configured as
// Ansible configures it), whose answer must be ours for every file it accepts.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';

import { iniValue, parseIni, type IniSections } from '../../../src/repo/iniFile';
import { pick, prng } from '../helpers/prng';

const run = promisify(execFile);

const CASES: Record<string, string> = {
  equals: '[defaults]\ncallbacks_enabled = profile_tasks, timer\n',
  colon: '[defaults]\ncallbacks_enabled: profile_tasks\n',
  firstDelimiterWins: '[defaults]\ncallback_plugins = a:b=c\n',
  fullLineComments: '# top\n; also\n[defaults]\n  # indented comment\ncallbacks_enabled = x\n',
  inlineSemicolon: '[defaults]\ncallbacks_enabled = x ; the team wants timings\n',
  semicolonWithoutSpaceStays: '[defaults]\ncallbacks_enabled = x;y\n',
  inlineHashStays: '[defaults]\ncallbacks_enabled = x # not a comment for Ansible\n',
  continuation: '[defaults]\ncallbacks_enabled = profile_tasks,\n    timer,\n\n    junit\nroles_path = roles\n',
  commentInsideContinuation: '[defaults]\ncallback_plugins = one\n# between\n  two\n',
  keysAreCaseFolded: '[defaults]\nCALLBACKS_ENABLED = Timer\n',
  sectionsAreNot: '[Defaults]\ncallbacks_enabled = timer\n',
  defaultSection: '[DEFAULT]\ncallbacks_enabled = from_default\n[defaults]\nother = 1\n',
  defaultNeedsTheSection: '[DEFAULT]\ncallbacks_enabled = from_default\n',
  emptyValue: '[defaults]\ncallbacks_enabled =\n',
  percentIsRaw: '[defaults]\ncallback_plugins = %(here)s/plugins\n',
  crlf: '[defaults]\r\ncallbacks_enabled = crlf\r\n',
  headerWithTrailingText: '[defaults] ; comment\ncallbacks_enabled = after_header\n',
  indentedOption: '[defaults]\n  callbacks_enabled = indented\n',
};

const EXPECTED: Record<string, string | undefined> = {
  equals: 'profile_tasks, timer',
  colon: 'profile_tasks',
  firstDelimiterWins: undefined,
  fullLineComments: 'x',
  inlineSemicolon: 'x',
  semicolonWithoutSpaceStays: 'x;y',
  inlineHashStays: 'x # not a comment for Ansible',
  continuation: 'profile_tasks,\ntimer,\n\njunit',
  commentInsideContinuation: undefined,
  keysAreCaseFolded: 'Timer',
  sectionsAreNot: undefined,
  defaultSection: 'from_default',
  defaultNeedsTheSection: undefined,
  emptyValue: '',
  percentIsRaw: undefined,
  crlf: 'crlf',
  headerWithTrailingText: 'after_header',
  indentedOption: 'indented',
};

/** What Python's configparser, set up as Ansible sets it up, reads from each text (null: it refuses the file). */
const PYTHON_READER = `
import configparser, json, sys
out = []
for text in json.load(sys.stdin):
    parser = configparser.ConfigParser(inline_comment_prefixes=(';',))
    try:
        parser.read_string(text)
    except configparser.Error:
        out.append(None)
        continue
    sections = {name: {key: parser.get(name, key, raw=True) for key in parser.options(name)} for name in parser.sections()}
    out.append({'sections': sections, 'defaults': dict(parser.defaults())})
print(json.dumps(out))
`;

type PythonView = { sections: Record<string, Record<string, string>>; defaults: Record<string, string> } | null;

async function readWithPython(texts: readonly string[]): Promise<PythonView[]> {
  const child = run('/usr/bin/python3', ['-c', PYTHON_READER], { maxBuffer: 64 * 1024 * 1024 });
  child.child.stdin?.end(JSON.stringify(texts));
  return JSON.parse((await child).stdout) as PythonView[];
}

/** Our reading in Python's shape: every section with its own and [DEFAULT]'s keys. */
function ourView(sections: IniSections): PythonView {
  const defaults = Object.fromEntries(sections.get('DEFAULT') ?? []);
  const named = [...sections.keys()].filter((name) => name !== 'DEFAULT');
  return {
    sections: Object.fromEntries(named.map((name) => [name, Object.fromEntries([...new Set([...(sections.get(name)?.keys() ?? []), ...Object.keys(defaults)])].map((key) => [key, iniValue(sections, name, key) ?? '']))])),
    defaults,
  };
}

// `#` becomes the line's number, so keys and sections do not repeat (configparser refuses repeats).
const FRAGMENTS = [
  '[s#]', '[DEFAULT]', '[s#] ; c', 'callbacks_enabled# = a, b', 'callbacks_enabled#: c', 'callback_plugins# = p1:p2',
  'roles_path#=roles', 'KEY# = Upper', 'x# = 1 ; c', 'x# = 1;2', 'y# = # h', '# comment', '; comment', '   # indented comment',
  '', '   ', '    continued', '\tcontinued tab', '  more# = indented', 'z# =', 'w# : v : u', 'k# = %(x)s', 'k# = [not a header]',
];

function generated(count: number, seed: number): string[] {
  const random = prng(seed);
  return Array.from({ length: count }, () => {
    const lines = ['[defaults]', ...Array.from({ length: 1 + Math.floor(random() * 8) }, (_, index) => pick(random, FRAGMENTS).replace('#', String(index)))];
    return `${lines.join(pick(random, ['\n', '\r\n']))}\n`;
  });
}

describe('parseIni', () => {
  for (const [name, text] of Object.entries(CASES)) {
    test(`${name}: callbacks_enabled in [defaults] reads ${JSON.stringify(EXPECTED[name])}`, () => {
      assert.equal(iniValue(parseIni(text), 'defaults', 'callbacks_enabled'), EXPECTED[name]);
    });
  }

  test('reads as Python configparser does, for the cases above and 400 generated files (seed 20261204)', async () => {
    const texts = [...Object.values(CASES), ...generated(400, 20261204)];
    const python = await readWithPython(texts);
    let compared = 0;
    texts.forEach((text, index) => {
      const expected = python[index];
      if (expected === null || expected === undefined) return;
      compared += 1;
      assert.deepEqual(ourView(parseIni(text)), expected, `file ${index}: ${JSON.stringify(text)}`);
    });
    // Most generated files are ones configparser accepts; the comparison must cover them.
    assert.ok(compared > 200, `only ${compared} files compared`);
  });
});
