// A service definition (services/<name>.yml) written from what discovery inferred, for
// services that only have a deploy playbook. Known facts become fields; a template Certify
// could not evaluate becomes a comment to fill in, never a guessed value.

import { stringify } from 'yaml';
import type { Fact, Service } from '../core/service';

export function definitionFromFacts(service: Service): string {
  const fields: Record<string, unknown> = { name: service.name };
  const todo: string[] = [];
  const put = (key: string, fact: Fact<unknown> | undefined): void => {
    if (!fact) return;
    if (fact.kind === 'known') fields[key] = fact.value;
    else todo.push(`# ${key}: ${fact.expression}   <- a template in ${fact.source.file}:${fact.source.line}; state its value here`);
  };
  put('container_id', service.facts.containerId);
  put('hostname', service.facts.hostname);
  put('ip_address', service.facts.ipAddress);
  put('service_port', service.facts.servicePort);
  const roles = service.roles.map((role) => role.name);
  if (roles.length > 0) fields.roles = roles;
  if (service.deployPlaybook) fields.deploy_playbook = service.deployPlaybook;
  if (service.facts.externalUrl?.kind === 'known') fields.external = { url: service.facts.externalUrl.value, health_path: '/', expected_status: 200 };
  else if (service.facts.externalUrl) todo.push(`# external.url: ${service.facts.externalUrl.expression}`);
  const testData: Record<string, string> = {};
  if (service.scripts.populate) testData.populate = service.scripts.populate;
  if (service.scripts.verify) testData.verify = service.scripts.verify;
  if (Object.keys(testData).length > 0) fields.test_data = testData;
  const header = [
    `# Certify service definition for ${service.name}, written from the repo's role defaults.`,
    '# Check each value, then add backup items (Step 4) and test-data scripts (Step 5).',
  ];
  return `${[...header, ...todo].join('\n')}\n${stringify(fields, { lineWidth: 0 })}`;
}
