// Step 5's scripts: scripts/populate-<svc>-testdata.sh and scripts/verify-<svc>-testdata.sh, or
// the paths the definition's test_data names. Discovery lists only the files directly in
// scripts/, so a path elsewhere cannot be checked: 'unknown', never a guess.

import { isScalar } from 'yaml';
import { findDocLine, repoDocs, serviceReadmes } from './documents';
import { met, notMet, ref, refText, unknown, type Verdict } from './result';
import type { StaticScope } from './scope';

export type ScriptKind = 'populate' | 'verify';

const LISTED = /^scripts\/[^/]+$/;

export function testDataScript(scope: StaticScope, kind: ScriptKind): Verdict {
  const { service } = scope;
  const found = service.scripts[kind];
  if (found) {
    // A README that tells people how to run it is worth a second click.
    const documented = findDocLine(scope, [...serviceReadmes(scope), ...repoDocs(scope)], (line) => line.text.includes(found));
    return met(`${found} exists${documented ? `, documented in ${refText(documented)}` : ''}`, [ref(found), ...(documented ? [documented] : [])]);
  }
  const conventional = `scripts/${kind}-${service.name}-testdata.sh`;
  const stated = scope.field(service.definitionFile, ['test_data', kind]);
  const path = stated && isScalar(stated.value) && typeof stated.value.value === 'string' ? stated.value.value : undefined;
  if (stated && path !== undefined) {
    const where = refText(stated.source);
    if (!LISTED.test(path)) return unknown(`${path} (${where}) is not directly in scripts/; Certify does not list it`, [stated.source]);
    if (scriptsUnreadable(scope)) return unknown('scripts/ could not be listed', [stated.source]);
    return notMet(`${path} (named in ${where}) does not exist`, [stated.source]);
  }
  if (scriptsUnreadable(scope)) return unknown('scripts/ could not be listed');
  return notMet(`no ${conventional}`, stated ? [stated.source] : []);
}

function scriptsUnreadable(scope: StaticScope): boolean {
  const findings = [...scope.repo.snapshot.readFindings, ...(scope.repo.readFindings ?? [])];
  return findings.some((finding) => finding.file === 'scripts' && finding.ruleId === 'file-unreadable');
}
