// services/<name>.yml: the Certify service definition (valid against schemas/service.schema.json),
// stating the same container facts as the role's defaults, so definition-mismatch stays quiet.

import { fileText, REDIS_RDB_PATH, yamlText, type TemplateInput } from './input';

export function serviceDefinition(input: TemplateInput): string {
  const { names, request, conventions, postgres, paths } = input;
  const host = conventions.domain ? `${names.label}.${conventions.domain}` : undefined;
  return fileText([
    `# Certify service definition for ${names.name} (scaffolded: replace every TODO).`,
    "# Schema: Certify's service.schema.json; one file per certified service.",
    `name: ${yamlText(names.name, '1.2')}`,
    `description: "TODO: one line saying what ${names.display} is for"`,
    `container_id: ${request.containerId}`.padEnd(32) + '# Proxmox VMID',
    `hostname: ${yamlText(names.label, '1.2')}`,
    `ip_address: ${request.ipAddress}`,
    `service_port: ${request.port}`,
    `roles: [${names.role}]`,
    `deploy_playbook: ${names.files.playbook}`,
    '',
    ...(host
      ? [
          '# Step 2: tested from outside the admin network.',
          'external:',
          `  url: https://${host}`,
          '  health_path: /                # TODO: the same path as the role\'s health check',
          '  expected_status: 200',
          `dns_name: ${host}`,
        ]
      : ['# Step 2: add `external: {url: https://…}` and `dns_name` once the service is published.']),
    '',
    ...(postgres ? [`depends_on: [${yamlText(postgres.name, '1.2')}]`, ''] : []),
    "# Step 4: what roles/backup_infrastructure captures for this service.",
    ...backupItems(input, postgres?.containerId, paths.data),
    '',
    '# Step 5: test data scripts (run from the repository root).',
    'test_data:',
    `  populate: ${names.files.populate}`,
    `  verify: ${names.files.verify}`,
  ]);
}

function backupItems(input: TemplateInput, serverId: number | undefined, dataDir: string): string[] {
  const { names, request } = input;
  switch (request.backupType) {
    case 'postgresql':
      return ['backup:', '  - type: postgresql', `    database: ${yamlText(names.token, '1.2')}`, `    container_id: ${serverId ?? request.containerId}`.padEnd(32) + '# the shared PostgreSQL server'];
    case 'redis':
      return ['backup:', '  - type: redis', `    container_id: ${request.containerId}`, `    rdb_path: ${REDIS_RDB_PATH}`];
    case 'files':
      return ['backup:', '  - type: files', `    paths: [${dataDir}]`];
    case 'none':
      return ['backup: []                      # stateless: nothing to back up'];
  }
}
