// Turning SSH host key checking off lets anyone who answers on a container's address receive the
// vault secrets a deployment sends. Record new keys instead (ssh-keyscan + known_hosts, or
// StrictHostKeyChecking=accept-new), as the example roles do.

import { isScalar } from 'yaml';
import type { Finding, Fix } from '../../../core/findings';
import { TextPositions } from '../../../yaml/positions';
import { findingAt, findingOnNode, findInNode, replaceEdit, type LintedFile } from '../lintedFile';
import type { FileRule, LintRuleInfo } from '../rule';
import { forEachPair, forEachStringValue } from '../tasks';

const info: LintRuleInfo = {
  id: 'host-key-checking-off',
  severity: 'error',
  summary: 'SSH host key checking stays on (host_key_checking, StrictHostKeyChecking=no): without it a spoofed host receives your secrets.',
  category: 'lint',
  scope: 'file',
};

const SETTING = /^(ansible_)?host_key_checking$/i;
const PROSE_KEYS = new Set(['name', 'msg', 'fail_msg', 'success_msg', 'description', 'when', 'that', 'failed_when', 'changed_when', 'until']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0', 'n']);
const STRICT_OFF = /StrictHostKeyChecking\s*(?:=|\s)\s*["']?(no|off|false)\b/i;
const SETTING_MESSAGE =
  'Host key checking is turned off: remove this setting and record each new container\'s key (ssh-keyscan + known_hosts, see the example roles).';
const STRICT_MESSAGE =
  'StrictHostKeyChecking=no accepts any host key: use StrictHostKeyChecking=accept-new (trusts a new host once, refuses changed keys) or record keys with known_hosts.';

const isFalse = (value: unknown): boolean =>
  value === false || value === 0 || (typeof value === 'string' && FALSE_WORDS.has(value.trim().toLowerCase()));

export const hostKeyCheckingOff: FileRule = {
  info,
  check(file) {
    const findings: Finding[] = [];
    forEachPair(file.root, ({ pair, key }) => {
      if (SETTING.test(key) && isScalar(pair.value) && isFalse(pair.value.value)) {
        findings.push(findingOnNode(file, info, pair.value, SETTING_MESSAGE));
      }
    });
    forEachStringValue(file.root, ({ node, value, key }) => {
      // Names, messages and conditions talk about the option; they do not set it.
      if (key !== undefined && PROSE_KEYS.has(key)) return;
      const match = STRICT_OFF.exec(value);
      if (!match) return;
      const span = findInNode(file, node, match[0]);
      if (!span) {
        findings.push(findingOnNode(file, info, node, STRICT_MESSAGE));
        return;
      }
      findings.push(findingAt(file, info, span, STRICT_MESSAGE, [acceptNew(file, span, match)]));
    });
    return findings;
  },
};

function acceptNew(file: LintedFile, span: [number, number], match: RegExpExecArray): Fix {
  const valueStart = span[0] + match[0].length - match[1].length;
  return { title: 'Use StrictHostKeyChecking=accept-new', edits: [replaceEdit(file, [valueStart, span[1]], 'accept-new')] };
}

/** ansible.cfg is INI: `host_key_checking = False`, or StrictHostKeyChecking=no in ssh_args. */
export function checkAnsibleCfg(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const positions = new TextPositions(text);
  for (let line = 1; line <= positions.lineCount; line++) {
    const start = positions.lineStart(line);
    const content = text.slice(start, positions.lineEnd(line));
    if (/^\s*[#;[]/.test(content)) continue;
    const assignment = /^\s*([\w.-]+)\s*[=:]\s*(.*?)\s*$/.exec(content);
    if (!assignment) continue;
    const [, key, value] = assignment;
    const valueColumn = content.trimEnd().length - value.length + 1;
    const base = { file, line, endLine: line, ruleId: info.id, severity: info.severity };
    if (SETTING.test(key) && isFalse(value)) {
      findings.push({ ...base, column: valueColumn, endColumn: valueColumn + value.length, message: SETTING_MESSAGE });
      continue;
    }
    const match = STRICT_OFF.exec(value);
    if (!match) continue;
    const column = valueColumn + match.index;
    const endColumn = column + match[0].length;
    const fixColumn = endColumn - match[1].length;
    const range = { start: { line, column: fixColumn }, end: { line, column: endColumn } };
    findings.push({
      ...base,
      column,
      endColumn,
      message: STRICT_MESSAGE,
      fixes: [{ title: 'Use StrictHostKeyChecking=accept-new', edits: [{ kind: 'replace', file, range, newText: 'accept-new' }] }],
    });
  }
  return findings;
}
