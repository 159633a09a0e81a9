// Per-repo rule settings from certify.yml (`rules: { no-changed-when: off, state-latest: error }`),
// applied the same way by the CLI and the editor: a rule turned off says nothing, a changed
// severity replaces the rule's default.

import { isMap, isScalar, type Node } from 'yaml';
import type { Finding, RuleInfo, Severity } from '../core/findings';
import { SETTINGS_FILES } from '../repo/layout';
import { parseYaml } from '../yaml/parse';

export type RuleSetting = Severity | 'off';
export type RuleSettings = ReadonlyMap<string, RuleSetting>;

const SETTINGS = new Set<RuleSetting>(['off', 'error', 'warning', 'info']);

/**
 * Reads `rules:` from certify.yml. Unknown rule ids and bad values become findings on the
 * exact key or value, so a typo never silently disables nothing.
 */
export function readRuleSettings(
  text: string | undefined,
  known: readonly RuleInfo[],
  file: string = SETTINGS_FILES[0],
): { settings: RuleSettings; findings: Finding[] } {
  const settings = new Map<string, RuleSetting>();
  const findings: Finding[] = [];
  if (text === undefined) return { settings, findings };
  const parsed = parseYaml(file, text, '1.2');
  const root = parsed.ast?.contents;
  const rules = isMap(root) ? root.get('rules', true) : undefined;
  if (!isMap(rules)) return { settings, findings };
  const ids = new Set(known.map((rule) => rule.id));
  for (const pair of rules.items) {
    if (!isScalar(pair.key)) continue;
    const id = String(pair.key.value);
    // YAML 1.2 reads `off` as the string "off"; a boolean false is accepted as "off" too.
    const raw = isScalar(pair.value) ? pair.value.value : undefined;
    const value = raw === false ? 'off' : String(raw);
    const problem = (node: unknown, message: string): void => {
      findings.push({ ...parsed.locate(node as Node), ruleId: 'settings/invalid-rule', severity: 'warning', message });
    };
    if (!ids.has(id)) {
      problem(pair.key, `There is no rule "${id}"; known rules: ${[...ids].sort().join(', ')}.`);
      continue;
    }
    if (!SETTINGS.has(value as RuleSetting)) {
      problem(pair.value, `Rule "${id}" can be set to off, error, warning or info; got "${value}".`);
      continue;
    }
    settings.set(id, value as RuleSetting);
  }
  return { settings, findings };
}

export function applyRuleSettings(findings: readonly Finding[], settings: RuleSettings): Finding[] {
  if (settings.size === 0) return [...findings];
  const result: Finding[] = [];
  for (const finding of findings) {
    const setting = settings.get(finding.ruleId);
    if (setting === 'off') continue;
    result.push(setting ? { ...finding, severity: setting } : finding);
  }
  return result;
}

export const SETTINGS_RULES: readonly RuleInfo[] = [
  { id: 'settings/invalid-rule', severity: 'warning', category: 'schema', summary: 'certify.yml names a rule that does not exist or sets it to an unknown value.' },
];
