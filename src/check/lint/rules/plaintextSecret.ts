// Secrets belong in the encrypted vault: a password written in a role, playbook or group_vars
// file is in every clone and every backup of the repository.

import { isScalar } from 'yaml';
import type { Finding, Fix } from '../../../core/findings';
import { findingOnNode, nodeSpan, replaceEdit, type LintedFile } from '../lintedFile';
import type { FileRule, LintRuleInfo } from '../rule';
import { isPasswordName, isPlaceholder, isSecretName, isVariableName, isWeakPassword, literalSecret } from '../secrets';
import { forEachPair, type PairVisit } from '../tasks';

const info: LintRuleInfo = {
  id: 'plaintext-secret',
  severity: 'error',
  summary: 'Passwords, tokens and keys come from the vault ("{{ vault_x }}"), never as literals in roles, playbooks or group_vars.',
  category: 'lint',
  scope: 'file',
};

export const plaintextSecret: FileRule = {
  info,
  check(file) {
    const findings: Finding[] = [];
    forEachPair(file.root, (visit) => {
      const { pair, key } = visit;
      const node = pair.value;
      if (!isScalar(node) || !isSecretName(key)) return;
      const literal = literalSecret(node.value, node.tag);
      if (literal === undefined || isPlaceholder(literal)) return;
      // A weak literal default in role defaults is weak-default-password's finding: one finding per value.
      if (file.kind === 'defaults' && isPasswordName(key) && isWeakPassword(literal)) return;
      findings.push(findingOnNode(file, info, node, message(file, key), vaultFix(file, visit)));
    });
    return findings;
  },
};

function message(file: LintedFile, key: string): string {
  if (key.startsWith('vault_')) {
    return `${key} is in plain text: encrypt this file (ansible-vault encrypt ${file.file}) so the secret never reaches the repository unencrypted.`;
  }
  const vaultName = isVariableName(key) ? `vault_${key}` : 'a vault_* variable';
  return `${key} holds a secret in plain text: put the value in the encrypted vault as ${vaultName} and reference it here as "{{ ${vaultName} }}".`;
}

/** Variable definitions (vars files, `vars:` blocks) can point at the vault variable the message names. */
export function vaultFix(file: LintedFile, { pair, key, path }: PairVisit): Fix[] {
  const isDefinition = ['defaults', 'vars', 'inventory'].includes(file.kind) || path[path.length - 1] === 'vars';
  if (!isDefinition || key.startsWith('vault_') || !isVariableName(key) || !isScalar(pair.value)) return [];
  const vaultName = `vault_${key}`;
  return [{ title: `Use "{{ ${vaultName} }}"`, edits: [replaceEdit(file, nodeSpan(file, pair.value), `"{{ ${vaultName} }}"`)] }];
}
