// missing-role: a deploy playbook (or a definition's `roles:`) names a role that is in none of the
// folders Ansible searches (roles/, ansible.cfg's roles_path, playbooks/roles), so the play fails
// before it starts. Collection roles (a.b.c) live outside the repo.

import type { Finding, Fix, RuleInfo } from '../../core/findings';
import type { RoleRef } from '../../core/service';
import { MAX_FINDINGS_PER_RULE, summaryFinding } from '../../yaml/findingCap';
import { findingAt, type ConsistencyContext } from './context';
import { replaceNode, scalarText } from './yamlEdit';

export const MISSING_ROLE: RuleInfo = {
  id: 'missing-role',
  severity: 'error',
  category: 'consistency',
  summary: 'A role a deploy playbook or service definition applies must exist in roles/ (or another folder ansible.cfg\'s roles_path names, or playbooks/roles).',
};

export function checkMissingRoles(ctx: ConsistencyContext): Finding[] {
  const roleDirs = new Set([...ctx.snapshot.roleDirs, ...(ctx.snapshot.rolesElsewhere ?? [])]);
  // A playbook shared by two services yields its role references twice: report each place once.
  const seen = new Set<string>();
  // Per file, one past the limit in full; past that only counted (a typo's suggestion compares the name with every role).
  const perFile = new Map<string, { findings: Finding[]; more: number }>();
  for (const service of ctx.model.services) {
    for (const role of service.roles) {
      if (role.dir || role.name.includes('.') || roleDirs.has(role.name)) continue;
      const place = `${role.source.file}:${role.source.line}:${role.source.column ?? 0}`;
      if (seen.has(place)) continue;
      seen.add(place);
      let file = perFile.get(role.source.file);
      if (!file) perFile.set(role.source.file, (file = { findings: [], more: 0 }));
      if (file.findings.length > MAX_FINDINGS_PER_RULE) file.more += 1;
      else file.findings.push(missingRole(ctx, role));
    }
  }
  const findings: Finding[] = [];
  for (const { findings: found, more } of perFile.values()) {
    if (more === 0) for (const finding of found) findings.push(finding);
    else {
      for (const finding of found.slice(0, MAX_FINDINGS_PER_RULE)) findings.push(finding);
      findings.push(summaryFinding(found[MAX_FINDINGS_PER_RULE], more + 1));
    }
  }
  return findings;
}

function missingRole(ctx: ConsistencyContext, role: RoleRef): Finding {
  const fixes: Fix[] = [];
  const node = ctx.nodeAt(role.source);
  const near = closest(role.name, ctx.snapshot.roleDirs);
  const rename = near && node ? replaceNode(ctx, role.source.file, node, scalarText(near, node)) : undefined;
  if (near && rename) fixes.push({ title: `Use role ${near}`, edits: [rename] });
  fixes.push({
    title: `Create roles/${role.name}/tasks/main.yml`,
    edits: [{ kind: 'create', file: `roles/${role.name}/tasks/main.yml`, content: `---\n# Tasks of the ${role.name} role.\n` }],
  });
  return findingAt(
    MISSING_ROLE,
    ctx.spanOf(role.source),
    `Role "${role.name}" is not in roles/; ${near ? `did you mean ${near}? Fix the name or ` : 'fix the name or '}create roles/${role.name}.`,
    fixes,
  );
}

/** The existing role a typo most likely meant: at most two edits away, and unambiguous. */
function closest(name: string, roles: readonly string[]): string | undefined {
  const near = roles.map((role) => ({ role, distance: editDistance(name, role, 3) })).filter((c) => c.distance < 3);
  const best = Math.min(...near.map((c) => c.distance));
  const winners = near.filter((c) => c.distance === best);
  return winners.length === 1 ? winners[0].role : undefined;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot be below `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    if (Math.min(...current) >= limit) return limit;
    previous = current;
  }
  return Math.min(previous[b.length], limit);
}
