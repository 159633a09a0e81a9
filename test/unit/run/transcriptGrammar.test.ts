// The transcript language (syntaxes/certify-transcript.tmLanguage.json) tokenized by the real
// TextMate engine VS Code uses (vscode-textmate with the oniguruma wasm): every kind of line a
// step run writes gets the scope themes colour, with and without Ansible's ANSI colours.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '../../..');
const GRAMMAR_FILE = path.join(ROOT, 'syntaxes/certify-transcript.tmLanguage.json');
const SCOPE = 'text.log.certify-transcript';
const ESC = '\x1b';

interface Token {
  readonly text: string;
  readonly scopes: string[];
}

let grammar: textmate.IGrammar;

before(async () => {
  const wasm = readFileSync(path.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns), createOnigString: (text) => new oniguruma.OnigString(text) }),
    loadGrammar: async (scopeName) => (scopeName === SCOPE ? textmate.parseRawGrammar(readFileSync(GRAMMAR_FILE, 'utf8'), GRAMMAR_FILE) : null),
  });
  const loaded = await registry.loadGrammar(SCOPE);
  assert.ok(loaded, 'the grammar loads');
  grammar = loaded;
});

/** Each line's tokens, and the (1-based) lines after which a rule was still open: none may be. */
function tokenize(text: string): { lines: Token[][]; spilled: number[] } {
  let state = textmate.INITIAL;
  const lines: Token[][] = [];
  const spilled: number[] = [];
  text.split('\n').forEach((line, index) => {
    const result = grammar.tokenizeLine(line, state);
    lines.push(result.tokens.map((token) => ({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes })));
    // Depth 1 is the grammar's root: every rule opened on the line was closed on it.
    if (result.ruleStack.depth !== 1) spilled.push(index + 1);
    state = result.ruleStack;
  });
  return { lines, spilled };
}

/**
 * The tokens covering `fragment` (it may span several) on the only line holding `line`
 * (default: the fragment itself).
 */
function tokensOf(lines: Token[][], fragment: string, line = fragment): Token[] {
  const holding = lines.filter((tokens) => tokens.map((token) => token.text).join('').includes(line));
  assert.equal(holding.length, 1, `exactly one line holds ${JSON.stringify(line)}`);
  const tokens = holding[0] as Token[];
  const start = tokens.map((token) => token.text).join('').indexOf(fragment);
  const end = start + fragment.length;
  const covering: Token[] = [];
  let offset = 0;
  for (const token of tokens) {
    if (offset < end && offset + token.text.length > start) covering.push(token);
    offset += token.text.length;
  }
  return covering;
}

/** Every token of `fragment` carries `scope` (or a scope below it, e.g. markup.deleted.recap.failed for markup.deleted). */
function assertScoped(lines: Token[][], fragment: string, scope: string, line = fragment): void {
  for (const token of tokensOf(lines, fragment, line)) {
    assert.ok(
      token.scopes.some((candidate) => candidate === scope || candidate.startsWith(`${scope}.`)),
      `${JSON.stringify(fragment)}: token ${JSON.stringify(token.text)} has ${token.scopes.join(' ')}, not ${scope}`,
    );
  }
}

function assertNotScoped(lines: Token[][], fragment: string, scope: string): void {
  for (const token of tokensOf(lines, fragment)) {
    assert.ok(!token.scopes.some((candidate) => candidate === scope || candidate.startsWith(`${scope}.`)), `${JSON.stringify(token.text)} has ${token.scopes.join(' ')}`);
  }
}

const PLAIN = `# Certify · notes · Step 3 (Recreate) · started 2026-12-04T23:50:01.123Z
▶ 3.2 Delete the container [proxmox]
$ ssh root@127.0.0.1 -p 2222 -- pct destroy 165
◀ exit 0 · 1.2 s
▶ 3.3 Deploy again [local]
$ ansible-playbook -i inventory/hosts.yml playbooks/notes-deploy.yml --vault-password-file=[REDACTED]

PLAY [Deploy notes] ************************************************************

TASK [notes_api : Template config] *********************************************
ok: [pve01]
changed: [notes01 -> pve01]
skipping: [notes02]
fatal: [notes03]: FAILED! => {"msg": "token [REDACTED] refused"}
failed: [notes04] (item=alpha) => {"msg": "no"}
...ignoring

RUNNING HANDLER [notes_api : Restart notes] ************************************
changed: [notes05]
ERROR! the role 'missing' was not found
[WARNING]: Could not match supplied host pattern, ignoring: ghost

PLAY RECAP *********************************************************************
pve01                      : ok=12   changed=3    unreachable=0    failed=0    skipped=1    rescued=0    ignored=0
notes01                    : ok=5    changed=0    unreachable=1    failed=2    skipped=0    rescued=0    ignored=0
◀ exit 2 · 14.0 s
◀ timeout after 600 s
◀ cancelled after 3.1 s
◀ disconnected after 40.2 s (outcome unknown)
✔ Container deleted successfully — pct status: does not exist
✘ Second run is idempotent (no changes) — changed=2: notes_api : Template config, …
■ Step 3 (Recreate): passed in 3 min 12 s
■ Step 4 (Backup plan): failed — the backup root is not writable
■ Step 5 (Populate): interrupted — cancelled by the user`;

describe('certify-transcript grammar', () => {
  test('no line leaves state for the next one', () => {
    assert.deepEqual(tokenize(PLAIN).spilled, []);
  });

  test("Certify's own lines: header, action, command", () => {
    const { lines } = tokenize(PLAIN);
    assertScoped(lines, '# Certify · notes · Step 3 (Recreate)', 'comment.line.header');
    assertScoped(lines, '▶ 3.2 Delete the container [proxmox]', 'markup.heading.action');
    assertScoped(lines, '3.2', 'constant.numeric.action-id');
    assertScoped(lines, 'Delete the container', 'entity.name.section.action');
    assertScoped(lines, 'proxmox', 'entity.name.tag.target');
    assertScoped(lines, '$ ssh root@127.0.0.1', 'meta.command-line');
    assertScoped(lines, 'ssh root@127.0.0.1 -p 2222 -- pct destroy 165', 'string.unquoted.command');
    assertScoped(lines, '$ ssh', 'meta.command-line');
  });

  test('Ansible banners: PLAY, TASK, RUNNING HANDLER, PLAY RECAP', () => {
    const { lines } = tokenize(PLAIN);
    assertScoped(lines, 'PLAY [Deploy notes] ****', 'markup.heading.play');
    assertScoped(lines, 'Deploy notes', 'entity.name.section');
    assertScoped(lines, 'TASK [notes_api : Template config]', 'markup.heading.task');
    assertScoped(lines, 'notes_api : Template config', 'entity.name.section', 'TASK [notes_api : Template config]');
    assertScoped(lines, 'RUNNING HANDLER [notes_api : Restart notes]', 'markup.heading.task');
    assertScoped(lines, 'PLAY RECAP ****', 'markup.heading.recap');
  });

  test('host status lines, each with its host in brackets', () => {
    const { lines } = tokenize(PLAIN);
    assertScoped(lines, 'ok: [pve01]', 'markup.inserted.ansible.ok');
    assertScoped(lines, 'pve01', 'entity.name.tag.host', 'ok: [pve01]');
    assertScoped(lines, 'changed: [notes01 -> pve01]', 'markup.changed.ansible.changed');
    assertScoped(lines, 'notes01 -> pve01', 'entity.name.tag.host');
    assertScoped(lines, 'skipping: [notes02]', 'comment.line.ansible.skipping');
    assertScoped(lines, 'notes02', 'entity.name.tag.host');
    assertScoped(lines, 'fatal: [notes03]: FAILED! =>', 'markup.deleted.ansible.fatal');
    assertScoped(lines, 'notes03', 'entity.name.tag.host');
    assertScoped(lines, 'failed: [notes04] (item=alpha) =>', 'markup.deleted.ansible.failed');
    assertScoped(lines, '(item=alpha)', 'variable.parameter.item');
    assertScoped(lines, '...ignoring', 'comment.line.ansible.note');
  });

  test('ERROR! and [WARNING]', () => {
    const { lines } = tokenize(PLAIN);
    assertScoped(lines, 'ERROR!', 'invalid.illegal.error');
    assertScoped(lines, "ERROR! the role 'missing' was not found", 'markup.deleted.ansible.error');
    assertScoped(lines, '[WARNING]', 'keyword.other.warning');
    assertScoped(lines, 'Could not match supplied host pattern', 'string.unquoted.warning');
  });

  test('the recap: host, counters, and changed/failed/unreachable above zero marked as such', () => {
    const { lines } = tokenize(PLAIN);
    assertScoped(lines, 'pve01                      :', 'meta.recap.host');
    assertScoped(lines, 'changed=3', 'markup.changed.recap.changed');
    assertScoped(lines, 'ok=12', 'markup.inserted.recap.ok');
    assertScoped(lines, 'failed=2', 'markup.deleted.recap.failed');
    assertScoped(lines, 'unreachable=1', 'markup.deleted.recap.unreachable');
    // Zero is only a number.
    assertScoped(lines, 'changed=0', 'meta.recap.counter');
    assertNotScoped(lines, 'changed=0', 'markup.changed');
    assertNotScoped(lines, 'unreachable=0    failed=0', 'markup.deleted');
    for (const token of tokensOf(lines, 'skipped=1    rescued=0')) {
      if (/^\d+$/.test(token.text)) assert.ok(token.scopes.some((scope) => scope.startsWith('constant.numeric')), token.scopes.join(' '));
    }
  });

  test('result lines: success, failure, timeout, cancelled and disconnected told apart', () => {
    const { lines } = tokenize(PLAIN);
    assertScoped(lines, '◀ exit 0 · 1.2 s', 'markup.inserted.result.exit-success');
    assertScoped(lines, '◀ exit 2 · 14.0 s', 'markup.deleted.result.exit-failure');
    assertScoped(lines, '14.0', 'constant.numeric');
    assertScoped(lines, '◀ timeout after 600 s', 'markup.deleted.result.timeout');
    assertScoped(lines, '◀ cancelled after 3.1 s', 'markup.changed.result.cancelled');
    assertScoped(lines, '◀ disconnected after 40.2 s (outcome unknown)', 'invalid.illegal.result.disconnected');
  });

  test('criteria and step results', () => {
    const { lines } = tokenize(PLAIN);
    assertScoped(lines, '✔ Container deleted successfully — pct status: does not exist', 'markup.inserted.criterion.passed');
    assertScoped(lines, '✘ Second run is idempotent (no changes) — changed=2', 'markup.deleted.criterion.failed');
    assertScoped(lines, '■ Step 3 (Recreate): passed in 3 min 12 s', 'markup.heading.step-result');
    assertScoped(lines, 'Step 3 (Recreate)', 'entity.name.section.step', '■ Step 3 (Recreate)');
    assertScoped(lines, 'passed', 'markup.inserted.outcome.passed', '■ Step 3 (Recreate)');
    assertScoped(lines, 'failed — the backup root', 'markup.heading.step-result');
    assertScoped(lines, 'failed', 'markup.deleted.outcome.failed', '■ Step 4');
    assertScoped(lines, 'interrupted', 'markup.changed.outcome.interrupted');
  });

  test('[REDACTED] stands out wherever it is', () => {
    const { lines } = tokenize(PLAIN);
    const redacted = lines.flat().filter((token) => token.text === '[REDACTED]');
    assert.equal(redacted.length, 2);
    for (const token of redacted) assert.ok(token.scopes.some((scope) => scope.startsWith('constant.language.redacted')), token.scopes.join(' '));
    // Inside the command line and inside a fatal line, the line's own scope stays underneath.
    assert.ok(redacted[0]?.scopes.some((scope) => scope.startsWith('meta.command-line')));
    assert.ok(redacted[1]?.scopes.some((scope) => scope.startsWith('markup.deleted.ansible.fatal')));
  });

  test("Ansible's ANSI colours break nothing: lines keep their scopes, escapes are marked, nothing spills", () => {
    const coloured = [
      `${ESC}[0;33mchanged: [localhost]${ESC}[0m`,
      `${ESC}[0;36mskipping: [localhost]${ESC}[0m`,
      `${ESC}[0;31mfatal: [localhost]: FAILED! => {"msg": "non-zero return code"}${ESC}[0m`,
      `${ESC}[1;35m[WARNING]: Platform linux on host localhost is using python3${ESC}[0m`,
      `${ESC}[0;31mERROR! Syntax Error while loading YAML.${ESC}[0m`,
      `${ESC}[0;31mlocalhost${ESC}[0m                  : ${ESC}[0;32mok=1   ${ESC}[0m ${ESC}[0;33mchanged=1   ${ESC}[0m unreachable=0    ${ESC}[0;31mfailed=1   ${ESC}[0m ${ESC}[0;36mskipped=1   ${ESC}[0m rescued=0    ignored=0   `,
      // An escape left open by a cut-off line, then Certify's own line after it.
      `${ESC}[0;31mfatal: [cut`,
      '◀ exit 2 · 1.9 s',
    ].join('\n');
    const { lines, spilled } = tokenize(coloured);
    assert.deepEqual(spilled, []);
    assertScoped(lines, 'changed: [localhost]', 'markup.changed.ansible.changed');
    assertScoped(lines, 'skipping: [localhost]', 'comment.line.ansible.skipping');
    assertScoped(lines, 'fatal: [localhost]: FAILED!', 'markup.deleted.ansible.fatal');
    assertScoped(lines, '[WARNING]', 'keyword.other.warning');
    assertScoped(lines, 'ERROR!', 'invalid.illegal.error');
    assertScoped(lines, 'changed=1', 'markup.changed.recap.changed');
    assertScoped(lines, 'failed=1', 'markup.deleted.recap.failed');
    assertScoped(lines, 'rescued=0', 'meta.recap.counter');
    assertScoped(lines, '◀ exit 2 · 1.9 s', 'markup.deleted.result.exit-failure');
    const escapes = lines.flat().filter((token) => token.text.startsWith(ESC));
    assert.ok(escapes.length >= 12);
    for (const token of escapes) {
      assert.match(token.text, /^\x1b\[[0-9;]*m$/);
      assert.ok(token.scopes.some((scope) => scope.startsWith('comment.other.ansi-escape')), token.scopes.join(' '));
    }
  });

  test('ordinary command output stays plain text', () => {
    const { lines } = tokenize('Container 165 stopped.\nok: not an ansible line\nSTATUS: running');
    for (const token of lines.flat()) assert.deepEqual(token.scopes, [SCOPE], `${JSON.stringify(token.text)}`);
  });
});
