// A password that falls back to "admin" deploys a guessable password the day the vault
// variable is missing, and nobody notices: the run succeeds.

import { isScalar, type Scalar } from 'yaml';
import type { Finding } from '../../../core/findings';
import { findingAt, findingOnNode, findInNode, replaceEdit, type LintedFile } from '../lintedFile';
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
      for (const expression of jinjaExpressions(value, key)) findings.push(...weakFallbacks(file, node, expression, key));
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

function weakFallbacks(file: LintedFile, node: Scalar, expression: string, key: string | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const match of expression.matchAll(FALLBACK)) {
    const literal = match[2];
    const variable = /([A-Za-z_][\w]*)\s*$/.exec(expression.slice(0, match.index))?.[1];
    const aboutPassword = (key !== undefined && isPasswordName(key)) || (variable !== undefined && isPasswordName(variable));
    if (!aboutPassword || !isWeakPassword(literal)) continue;
    const subject = variable ?? key ?? 'the password';
    const message = `${subject} falls back to the weak password "${literal}": remove the default so a missing vault variable fails the run instead of deploying a guessable password.`;
    const span = findInNode(file, node, match[0]);
    if (!span) {
      findings.push(findingOnNode(file, info, node, message));
      continue;
    }
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
