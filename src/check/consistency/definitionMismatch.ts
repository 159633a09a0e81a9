// definition-mismatch: services/<name>.yml must describe the container its deploy role really
// creates. Ansible deploys with the role's values, so a different definition value is a lie.

import type { Finding, RuleInfo } from '../../core/findings';
import { factOrigin } from '../../core/factText';
import type { Fact, Service, ServiceFacts } from '../../core/service';
import { isTemplate } from '../../repo/jinja';
import { findingAt, type ConsistencyContext } from './context';
import { replaceNode, scalarText } from './yamlEdit';

export const DEFINITION_MISMATCH: RuleInfo = {
  id: 'definition-mismatch',
  severity: 'error',
  category: 'consistency',
  summary: "A service definition's container id, IP, port or hostname must equal its deploy role's defaults.",
};

const COMPARED: { key: keyof ServiceFacts; field: string; same: (stated: unknown, role: unknown) => boolean }[] = [
  { key: 'containerId', field: 'container_id', same: (a, b) => String(a) === String(b) },
  { key: 'ipAddress', field: 'ip_address', same: sameAddress },
  { key: 'servicePort', field: 'service_port', same: (a, b) => String(a) === String(b) },
  // Hostnames are case-insensitive.
  { key: 'hostname', field: 'hostname', same: (a, b) => String(a).trim().toLowerCase() === String(b).trim().toLowerCase() },
];

/**
 * One container address, written with or without its /prefix: a role often writes
 * `10.0.0.5/24` because Proxmox's netif wants it, while the definition states the address.
 * The prefixes are compared only when both sides state one.
 */
function sameAddress(stated: unknown, role: unknown): boolean {
  const [address, bits] = String(stated).trim().split('/');
  const [roleAddress, roleBits] = String(role).trim().split('/');
  return address === roleAddress && (bits === undefined || roleBits === undefined || bits === roleBits);
}

export function checkDefinitionMismatch(ctx: ConsistencyContext): Finding[] {
  const findings: Finding[] = [];
  for (const service of ctx.model.services) {
    if (!service.definitionFile || !service.roleFacts) continue;
    for (const { key, field, same } of COMPARED) {
      const stated = service.facts[key] as Fact<unknown> | undefined;
      const role = service.roleFacts[key] as Fact<unknown> | undefined;
      // An unresolved template on either side is not a mismatch: Certify does not guess it.
      if (stated?.kind !== 'known' || stated.origin !== 'definition' || role?.kind !== 'known') continue;
      if (isTemplate(stated.value) || isTemplate(role.value)) continue;
      if (same(stated.value, role.value)) continue;
      findings.push(mismatch(ctx, service, field, stated, role));
    }
  }
  return findings;
}

function mismatch(
  ctx: ConsistencyContext,
  service: Service,
  field: string,
  stated: Fact<unknown> & { kind: 'known' },
  role: Fact<unknown> & { kind: 'known' },
): Finding {
  const node = ctx.nodeAt(stated.source);
  const roleValue = typeof role.value === 'number' ? role.value : String(role.value);
  const edit = node ? replaceNode(ctx, stated.source.file, node, scalarText(roleValue, node)) : undefined;
  const fixes = edit ? [{ title: `Use the role's ${field}: ${roleValue}`, edits: [edit] }] : [];
  return findingAt(
    DEFINITION_MISMATCH,
    ctx.spanOf(stated.source),
    `${service.name}: ${field} is ${String(stated.value)} here but ${String(role.value)} in ${factOrigin(role)}, which Ansible deploys with; ` +
      `set it to ${String(role.value)} here or change the role default.`,
    fixes,
  );
}
