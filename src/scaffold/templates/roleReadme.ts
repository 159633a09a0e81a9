// roles/<name>_api/README.md: Step 1's documentation (usage, variables, vault variables,
// dependencies, ports) plus what is backed up, in the example roles' layout.

import { defaultSections } from './roleDefaults';
import { REDIS_RDB_PATH, type TemplateInput } from './input';

/** Site variables the role's tasks use; missing ones are marked in the README. */
export function siteVarsUsed(input: TemplateInput): string[] {
  const auth = input.conventions.proxmoxAuth === 'password' ? ['proxmox_api_password'] : ['proxmox_api_token_id', 'proxmox_api_token_secret'];
  return ['proxmox_api_host', 'proxmox_api_user', ...auth, 'proxmox_node', 'proxmox_storage', 'proxmox_ostemplate', 'proxmox_bridge', 'network_cidr', 'network_gateway'];
}

export function roleReadme(input: TemplateInput): string {
  const { names, request, conventions, postgres, runtime } = input;
  const url = `http://${request.ipAddress}:${request.port}/`;
  const published = conventions.domain ? ` Published at \`https://${names.label}.${conventions.domain}\` by the reverse proxy.` : '';
  const how = runtime === 'docker' ? `runs it as the Docker container \`${names.token}\`` : `runs it as the systemd service \`${names.name}\``;
  const dbWhere = postgres ? ` creates its database on the shared PostgreSQL server (container ${postgres.containerId}),` : '';
  return [
    `# ${names.role}`,
    '',
    `Deploys ${names.display} in LXC container **${request.containerId}** (\`${names.label}\`, ${request.ipAddress}) through the`,
    `Proxmox API (\`${conventions.proxmoxModule}\`):${dbWhere} ${how} and checks that \`${url}\` answers 200.${published}`,
    '',
    `> Scaffolded by Certify. Replace every TODO in this role (\`grep -rn TODO ${names.files.roleDir}\`) before the`,
    '> first deployment: until then the role deploys a placeholder that only answers the health check.',
    '',
    `Service definition: [\`${names.files.definition}\`](../../${names.files.definition}).`,
    '',
    '## Usage',
    '',
    '```yaml',
    `# ${names.files.playbook}`,
    `- name: Deploy ${names.display}`,
    '  hosts: proxmox_admin',
    '  gather_facts: false',
    '  roles:',
    `    - role: ${names.role}`,
    '```',
    '',
    '```bash',
    `ansible-playbook ${names.files.playbook} --vault-password-file=.vault_pass.txt`,
    '```',
    '',
    '## Variables',
    '',
    '| Variable | Default | Meaning |',
    '| --- | --- | --- |',
    ...defaultSections(input).flatMap((section) =>
      section.vars.map((v) => `| \`${v.name}\` | ${Array.isArray(v.value) ? v.value.map((item) => `\`${item.replace(/\s+#.*$/, '')}\``).join(', ') : `\`${cell(v.value)}\``} | ${v.meaning} |`),
    ),
    '',
    '## Vault variables',
    '',
    ...vaultSection(input),
    '',
    '## Dependencies',
    '',
    ...dependencies(input),
    '',
    '## Ports',
    '',
    '| Port | Protocol | Exposed to |',
    '| --- | --- | --- |',
    `| ${request.port} | HTTP (service, health check) | reverse proxy, monitoring |`,
    '| 22 | SSH (admin) | admin network |',
    ...(request.backupType === 'redis' ? ['| 6379 | Redis | localhost only |'] : []),
    '',
    '## Backup and restore',
    '',
    ...backupSection(input),
    '',
    `Test data: \`${names.files.populate}\` and \`${names.files.verify}\` (TODO: fill them in).`,
    '',
  ].join('\n');
}

function cell(value: string): string {
  return value.replace(/^"(.*)"$/, '$1').replace(/\|/g, '\\|');
}

function vaultSection(input: TemplateInput): string[] {
  const { names, conventions, postgres } = input;
  const where = conventions.vaultExample ?? 'the vault example file';
  const rows = postgres ? [`| \`vault_${names.token}_db_password\` | password of the \`${names.token}\` PostgreSQL role |`] : [];
  return [
    ...(rows.length > 0 ? ['| Variable | Used for |', '| --- | --- |', ...rows, ''] : []),
    rows.length > 0
      ? `Set each in the encrypted vault file and document it in \`${where}\` with a CHANGE_ME placeholder.`
      : 'The role itself needs no vault variable.',
    'Container creation uses the site secrets the group_vars reference (Proxmox API credentials, container root password).',
  ];
}

function dependencies(input: TemplateInput): string[] {
  const { names, request, conventions, postgres, runtime } = input;
  const missing = siteVarsUsed(input).filter((name) => !conventions.siteVars.has(name));
  const collections = [
    `\`${conventions.proxmoxModule.split('.').slice(0, 2).join('.')}\` (proxmox)`,
    ...(postgres ? ['`community.postgresql`'] : []),
    ...(runtime === 'docker' ? ['`community.docker`'] : []),
  ];
  return [
    ...(postgres
      ? [
          `- **${postgres.name}** (container ${postgres.containerId}) must be deployed first; the role checks that port 5432`,
          `  is reachable and creates the \`${names.token}\` role and database there (\`delegate_to: ${postgres.host}\`).`,
        ]
      : []),
    `- Inventory host \`${names.host}\` (\`ansible_host: ${request.ipAddress}\`) in the inventory: every task inside`,
    '  the container is delegated to it.',
    `- Site variables from group_vars: ${siteVarsUsed(input).map((name) => `\`${name}\``).join(', ')}.`,
    ...(missing.length > 0 ? [`  TODO: this repo does not define ${missing.map((name) => `\`${name}\``).join(', ')} yet.`] : []),
    `- Collections: ${collections.join(', ')}.`,
  ];
}

function backupSection(input: TemplateInput): string[] {
  const { names, paths } = input;
  const toggle = `\`restore_${names.token}_enabled\``;
  switch (input.request.backupType) {
    case 'postgresql':
      return [
        `- Database \`${names.token}\`: \`pg_dump -Fc\` (\`backup_postgresql_databases\`), restored by`,
        `  \`roles/restore_infrastructure\` when ${toggle} is true.`,
        '- TODO: stop the service while its database is restored, as the restore role does for services it knows.',
      ];
    case 'files':
      return [
        `- Data volume \`${paths.data}\`: tar.gz while the Docker container is stopped (\`backup_docker_containers\`),`,
        `  restored by \`roles/restore_infrastructure\` (\`restore_docker_containers\`) when ${toggle} is true.`,
      ];
    case 'redis':
      return [
        `- Redis: the RDB snapshot \`${REDIS_RDB_PATH}\` after \`redis-cli SAVE\` (\`backup_redis_instances\`),`,
        `  restored (\`restore_redis_instances\`) when ${toggle} is true.`,
        '- TODO: backup_infrastructure and restore_infrastructure need tasks that handle these entries if they do not yet.',
      ];
    case 'none':
      return [
        '- Nothing: the service keeps no data. If that changes, add backup items to',
        `  \`${names.files.definition}\` and entries to the backup and restore roles (Step 4).`,
      ];
  }
}
