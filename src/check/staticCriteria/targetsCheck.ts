// Step 4's "RPO/RTO targets documented": each objective stated in the service definition's
// `targets`, in certify.yml's `targets`, or in words with a figure in the service's README or a
// repo-wide document (README.md, docs/, the backup/restore roles' READMEs describe every
// service's schedule). Certify's built-in defaults are not the repo documenting anything.

import type { SourceRef } from '../../core/findings';
import { settingsFileOf } from '../../repo/layout';
import { findDocLine, repoDocs, serviceReadmes } from './documents';
import { met, notMet, ref, refText, unknown, type Verdict } from './result';
import type { StaticScope } from './scope';

interface Objective {
  key: 'rpo' | 'rto';
  label: string;
  words: RegExp;
}

const OBJECTIVES: readonly Objective[] = [
  { key: 'rpo', label: 'RPO', words: /\bRPO\b|recovery point objective/i },
  { key: 'rto', label: 'RTO', words: /\bRTO\b|recovery time objective/i },
];

export function targetsDocumented(scope: StaticScope): Verdict {
  const definition = scope.service.definitionFile;
  const found: { objective: Objective; at: SourceRef }[] = [];
  const missing: Objective[] = [];
  for (const objective of OBJECTIVES) {
    const at = whereStated(scope, objective);
    if (at) found.push({ objective, at });
    else missing.push(objective);
  }
  const cited = found.map(({ objective, at }) => `${objective.label} ${refText(at)}`).join(', ');
  if (missing.length === 0) return met(cited, found.map(({ at }) => at));
  // A file that does not parse may hold the targets Certify found nowhere else.
  const broken = [definition, settingsFile(scope)].filter((file): file is string => file !== undefined && scope.broken(file));
  if (broken.length > 0) return unknown(`no ${missing.map((o) => o.label).join('/')} target found, but ${broken[0]} does not parse`, [scope.brokenAt(broken[0])]);
  const addHere = definition ? [scope.field(definition, ['targets'])?.source ?? ref(definition)] : [];
  const lacking = missing.map((o) => o.label).join(' and ');
  return notMet(`no ${lacking} target documented${found.length > 0 ? ` (${cited})` : ''}`, [...found.map(({ at }) => at), ...addHere]);
}

function whereStated(scope: StaticScope, objective: Objective): SourceRef | undefined {
  const stated = scope.field(scope.service.definitionFile, ['targets', objective.key]) ?? scope.field(settingsFile(scope), ['targets', objective.key]);
  if (stated) return { file: stated.source.file, line: stated.source.line };
  // In prose, a target has a figure on its line ("RPO target < 24 h"); a heading alone is not one.
  const stating = (line: { text: string; fenced: boolean }): boolean => !line.fenced && objective.words.test(line.text) && /\d/.test(line.text);
  // Repo-wide documents say the same to every service: searched once per repo state.
  const shared = scope.repo.lintContext.memo(`static-criteria:target-in-docs:${objective.key}`, () => findDocLine(scope, repoDocs(scope), stating));
  return findDocLine(scope, serviceReadmes(scope), stating) ?? shared;
}

/** The repo's settings file, certify.yml or certify.yaml, if it has one. */
function settingsFile(scope: StaticScope): string | undefined {
  return settingsFileOf((file) => scope.text(file) !== undefined);
}
