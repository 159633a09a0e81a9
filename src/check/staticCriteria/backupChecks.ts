// Step 4's backup plan as the repo states it: coverage by the backup_infrastructure and
// restore_infrastructure roles (discovery's Coverage, judged by core's isCovered), the service's
// own variables in their defaults, and the backup_<svc>_enabled / restore_<svc>_enabled toggles.

import type { SourceRef } from '../../core/findings';
import { isCovered, type Coverage } from '../../core/service';
import { BACKUP_ROLE, RESTORE_ROLE, roleDefaultsFiles } from '../../repo/layout';
import { roleAnchor } from '../lint/rules/roleStructure';
import { listText, met, notMet, ref, refText, unknown, type Verdict } from './result';
import type { StaticScope } from './scope';

export type Side = 'backup' | 'restore';

const ROLE: Record<Side, string> = { backup: BACKUP_ROLE, restore: RESTORE_ROLE };

/** Whether the side's defaults could be read; coverage read from a broken file is empty, not absent. */
type SideState =
  | { kind: 'readable'; file: string }
  | { kind: 'absent'; summary: string; evidence: SourceRef[] }
  | { kind: 'broken'; file: string; at: SourceRef };

function sideState(scope: StaticScope, side: Side): SideState {
  const role = ROLE[side];
  if (!scope.repo.snapshot.roleDirs.includes(role)) return { kind: 'absent', summary: `no roles/${role}`, evidence: [] };
  const file = roleDefaultsFiles(role).find((candidate) => scope.text(candidate) !== undefined);
  if (!file) {
    // The workflow puts the service's backup variables in the role's defaults (Step 4, "Update backup role defaults").
    return { kind: 'absent', summary: `roles/${role} has no defaults/main.yml`, evidence: [ref(roleAnchor(scope.repo.lintContext, role))] };
  }
  if (scope.broken(file)) return { kind: 'broken', file, at: scope.brokenAt(file) };
  return { kind: 'readable', file };
}

/** "Backup integrated into backup_infrastructure role": the role names the service and does not switch it off. */
export function roleCoverage(scope: StaticScope, side: Side): Verdict {
  const state = sideState(scope, side);
  if (state.kind === 'absent') return notMet(state.summary, state.evidence);
  if (state.kind === 'broken') return unknown(`${state.file} does not parse`, [state.at]);
  const coverage: Coverage = scope.service[side];
  const name = scope.service.name;
  if (coverage.toggle?.enabled === false) return notMet(`${coverage.toggle.variable} is false (${refText(coverage.toggle.source)})`, [coverage.toggle.source]);
  if (coverage.entries.length === 0) {
    // Second place to look: where the other role names the service (restore-missing's finding and fix stand there).
    const other = scope.service[side === 'backup' ? 'restore' : 'backup'];
    const counterpart = other.toggle?.source ?? other.entries[0]?.source;
    return notMet(`${ROLE[side]} does not ${side === 'backup' ? 'back up' : 'restore'} ${name}`, [ref(state.file), ...(counterpart ? [counterpart] : [])]);
  }
  // A templated toggle may evaluate to false: the role names the service, but may skip it.
  if (coverage.toggle?.enabled === 'unresolved') {
    return unknown(`${coverage.toggle.variable} is a template (${refText(coverage.toggle.source)})`, [coverage.toggle.source, ...sources(coverage)]);
  }
  if (!isCovered(coverage)) return notMet(`${ROLE[side]} does not cover ${name}`, [ref(state.file)]);
  return met(`${ROLE[side]} covers ${name}: ${listText(coverage.entries.map((entry) => entry.variable))}`, sources(coverage));
}

/** "Backup variables added to defaults": the service's data (database, volumes, paths, parameters), not only its toggle. */
export function sideDefaults(scope: StaticScope, side: Side): Verdict {
  const state = sideState(scope, side);
  if (state.kind === 'absent') return notMet(state.summary, state.evidence);
  if (state.kind === 'broken') return unknown(`${state.file} does not parse`, [state.at]);
  const coverage = scope.service[side];
  const data = coverage.entries.filter((entry) => entry.variable !== coverage.toggle?.variable);
  if (data.length === 0) {
    const only = coverage.toggle ? ` besides ${coverage.toggle.variable}` : '';
    return notMet(`no ${side} variables for ${scope.service.name} in ${state.file}${only}`, coverage.toggle ? [coverage.toggle.source] : [ref(state.file)]);
  }
  return met(`${listText(data.map((entry) => `${entry.variable} (${entry.detail})`), 3)}`, data.map((entry) => entry.source));
}

/** Both toggles exist, so each side can be switched on and off per service (Step 4's last criterion). */
export function toggles(scope: StaticScope): Verdict {
  const found: SourceRef[] = [];
  const absent: string[] = [];
  const unreadable: SourceRef[] = [];
  const token = scope.service.name.replace(/-/g, '_');
  for (const side of ['backup', 'restore'] as const) {
    const state = sideState(scope, side);
    const toggle = scope.service[side].toggle;
    if (state.kind === 'broken') unreadable.push(state.at);
    else if (toggle) found.push(toggle.source);
    else absent.push(`${side}_${token}_enabled`);
  }
  if (absent.length > 0) return notMet(`no ${listText(absent)}`, found);
  if (unreadable.length > 0) return unknown(`${unreadable[0].file} does not parse`, [...unreadable, ...found]);
  const names = (['backup', 'restore'] as const).map((side) => scope.service[side].toggle?.variable ?? '');
  return met(`${names.join(' and ')}`, found);
}

function sources(coverage: Coverage): SourceRef[] {
  return coverage.entries.map((entry) => entry.source);
}
