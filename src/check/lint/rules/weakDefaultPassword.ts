// A password that falls back to "admin" deploys a guessable password the day the vault
// variable is missing, and nobody notices: the run succeeds.

import { isScalar, type Scalar } from 'yaml';
import type { Finding } from '../../../core/findings';
import { findingAt, findingOnNode, findInNode, nodeSpan, replaceEdit, type LintedFile } from '../lintedFile';
import type { FileRule, LintRuleInfo } from '../rule';
import { isPasswordName, isWeakPassword, literalSecret, MIN_DEFAULT_PASSWORD_LENGTH } from '../secrets';
import { forEachPair, forEachStringValue } from '../tasks';
import { jinjaExpressions } from '../jinja';
import { vaultFix } from './plaintextSecret';

const info: LintRuleInfo = {
  id: 'weak-default-password',
  severity: 'warning',
  summary: `Passwords have no weak fallback (| default('admin'), or a role default like admin/changeme or under ${MIN_DEFAULT_PASSWORD_LENGTH} characters): a missing vault variable must fail the run.`,
  category: 'lint',
  scope: 'file',
};

/** `| default('x')` / `| d("x")`, optionally with the boolean second argument. */
const FALLBACK = /\|\s*(?:default|d)\s*\(\s*(['"])((?:(?!\1)[^\\])*)\1\s*(?:,\s*(?:true|false|True|False)\s*)?\)/g;

export const weakDefaultPassword: FileRule = {
  info,
  check(file) {
    const findings: Finding[] = [];
    forEachStringValue(file.root, ({ node, value, key }) => {
      // Fallbacks are found in the value in order: each is looked for in the source after the one before.
      const cursor = { from: nodeSpan(file, node)[0] };
      for (const expression of jinjaExpressions(value, key)) for (const finding of weakFallbacks(file, node, expression, key, cursor)) findings.push(finding);
    });
    if (file.kind === 'defaults') {
      forEachPair(file.root, (visit) => {
        const node = visit.pair.value;
        if (!isScalar(node) || !isPasswordName(visit.key)) return;
        const literal = literalSecret(node.value, node.tag);
        if (literal === undefined || !isWeakPassword(literal)) return;
        findings.push(
          findingOnNode(
            file,
            info,
            node,
            `Default password "${literal}" is weak and is what gets deployed when nobody overrides ${visit.key}: reference a vault variable instead.`,
            vaultFix(file, visit),
          ),
        );
      });
    }
    return findings;
  },
};

function weakFallbacks(file: LintedFile, node: Scalar, expression: string, key: string | undefined, cursor: { from: number }): Finding[] {
  const findings: Finding[] = [];
  for (const match of expression.matchAll(FALLBACK)) {
    const literal = match[2];
    const variable = nameBefore(expression, match.index);
    const aboutPassword = (key !== undefined && isPasswordName(key)) || (variable !== undefined && isPasswordName(variable));
    if (!aboutPassword || !isWeakPassword(literal)) continue;
    const subject = variable ?? key ?? 'the password';
    const message = `${subject} falls back to the weak password "${literal}": remove the default so a missing vault variable fails the run instead of deploying a guessable password.`;
    const span = findInNode(file, node, match[0], cursor.from);
    if (!span) {
      findings.push(findingOnNode(file, info, node, message));
      continue;
    }
    cursor.from = span[1];
    const quoted = match[1] + literal + match[1];
    const literalStart = span[0] + match[0].indexOf(quoted);
    // Remove the filter and the blanks before it: `{{ x | default('a') }}` → `{{ x }}`.
    let removeFrom = span[0];
    while (removeFrom > 0 && (file.text[removeFrom - 1] === ' ' || file.text[removeFrom - 1] === '\t')) removeFrom--;
    const fix = { title: 'Remove the weak fallback', edits: [replaceEdit(file, [removeFrom, span[1]], '')] };
    findings.push(findingAt(file, info, [literalStart, literalStart + quoted.length], message, [fix]));
  }
  return findings;
}

/**
 * The name just before `end` (blanks between allowed), as /([A-Za-z_]\w*)\s*$/ finds it in
 * text.slice(0, end): read backwards from `end`, so each fallback costs the length of its name.
 */
function nameBefore(text: string, end: number): string | undefined {
  let at = end;
  while (at > 0 && /\s/.test(text[at - 1])) at--;
  const wordEnd = at;
  while (at > 0 && /\w/.test(text[at - 1])) at--;
  // The name starts at the run's first letter or underscore (digits cannot start one).
  while (at < wordEnd && !/[A-Za-z_]/.test(text[at])) at++;
  return at < wordEnd ? text.slice(at, wordEnd) : undefined;
}
