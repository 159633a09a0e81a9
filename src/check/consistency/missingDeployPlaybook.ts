// missing-deploy-playbook: a defined service that no playbook deploys cannot pass Step 1 or
// Step 3 (recreate from scratch). Offers to create the minimal playbook the workflow describes.

import { isMap, isScalar, type Node } from 'yaml';
import type { Finding, Fix, RuleInfo } from '../../core/findings';
import type { Service } from '../../core/service';
import { findingAt, type ConsistencyContext, type Span } from './context';
import { serviceToken } from './backupDefaults';
import { isDeployPlaybook } from '../../repo/layout';

export const MISSING_DEPLOY_PLAYBOOK: RuleInfo = {
  id: 'missing-deploy-playbook',
  severity: 'warning',
  category: 'consistency',
  summary: 'A defined service needs a deploy playbook (playbooks/<name>-deploy.yml) for Steps 1 and 3.',
};


export function checkMissingDeployPlaybooks(ctx: ConsistencyContext): Finding[] {
  const findings: Finding[] = [];
  for (const service of ctx.model.services) {
    if (!service.definitionFile || service.deployPlaybook) continue;
    const file = service.definitionFile;
    const root = ctx.parsed(file)?.ast?.contents;
    const field = (key: string): Node | undefined => (isMap(root) ? ((root.get(key, true) as Node | undefined) ?? undefined) : undefined);
    const stated = field('deploy_playbook');
    const statedPath = isScalar(stated) && typeof stated.value === 'string' ? stated.value : undefined;
    const anchor = stated ?? field('name');
    const span: Span = (anchor && ctx.span(file, anchor)) || { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
    const wanted = `playbooks/${service.name}-deploy.yml`;

    let message: string;
    let target: string | undefined;
    if (statedPath === undefined) {
      message = `${service.name} has no deploy playbook; create ${wanted} applying its roles (Step 1).`;
      target = wanted;
    } else if (isDeployPlaybook(statedPath)) {
      message = `deploy_playbook ${statedPath} does not exist; create it (Step 1) or fix the path.`;
      target = statedPath;
    } else {
      message = `deploy_playbook ${statedPath} is not a playbooks/<name>-deploy.yml file, so Certify cannot use it; name it ${wanted}.`;
    }
    const fix = target ? createPlaybook(ctx, service, target) : undefined;
    findings.push(findingAt(MISSING_DEPLOY_PLAYBOOK, span, message, fix ? [fix] : []));
  }
  return findings;
}

/** The playbook of the workflow's Step 1, applying the definition's roles (or <name>_api when it exists). */
function createPlaybook(ctx: ConsistencyContext, service: Service, file: string): Fix | undefined {
  let roles = [...new Set(service.roles.map((role) => role.name))];
  const conventional = `${serviceToken(service.name)}_api`;
  if (roles.length === 0 && ctx.snapshot.roleDirs.includes(conventional)) roles = [conventional];
  if (roles.length === 0 || ctx.snapshot.texts.has(file)) return undefined;
  const content = [
    '---',
    `# Deploys ${service.name} (Step 1 of the service workflow).`,
    `#   ansible-playbook ${file}`,
    `- name: Deploy ${service.name}`,
    '  hosts: proxmox_admin',
    '  gather_facts: false',
    '  roles:',
    ...roles.map((role) => `    - role: ${role}`),
    '',
  ].join('\n');
  return { title: `Create ${file}`, edits: [{ kind: 'create', file, content }] };
}
