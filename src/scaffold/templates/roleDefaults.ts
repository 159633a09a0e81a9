// roles/<name>_api/defaults/main.yml, written from one list of variables that also fills the
// README's variables table, so the two never disagree. Follows the example roles: the container
// facts Certify reads (<token>_container_id, _hostname, _ip_address, _service_port) come first.

import { fileText, REDIS_RDB_PATH, yamlText, type TemplateInput } from './input';

export interface DefaultVar {
  name: string;
  /** YAML text of a scalar value, or the items of a block list. */
  value: string | string[];
  /** Comment on the same line (units). */
  unit?: string;
  /** For the README. */
  meaning: string;
}

export interface DefaultSection {
  /** Comment lines above the section. */
  heading: string[];
  vars: DefaultVar[];
}

export function defaultSections(input: TemplateInput): DefaultSection[] {
  const { request, names, conventions, runtime, postgres, paths } = input;
  const t = names.token;
  const docker = runtime === 'docker';
  const sections: DefaultSection[] = [
    {
      heading: [docker ? '# Container (Proxmox LXC, nesting enabled for Docker)' : '# Container (Proxmox LXC)'],
      vars: [
        { name: `${t}_container_id`, value: String(request.containerId), meaning: 'Proxmox VMID' },
        { name: `${t}_hostname`, value: yamlText(names.label), meaning: 'container hostname' },
        { name: `${t}_ip_address`, value: request.ipAddress, meaning: `static address on the container network` },
        { name: `${t}_cores`, value: '1', meaning: 'CPU cores' },
        { name: `${t}_memory`, value: '1024', unit: 'MiB', meaning: 'memory (MiB)' },
        { name: `${t}_swap`, value: '512', unit: 'MiB', meaning: 'swap (MiB)' },
        { name: `${t}_disk_size`, value: '8', unit: 'GiB on proxmox_storage', meaning: 'root disk (GiB)' },
      ],
    },
  ];

  const service: DefaultVar[] = [{ name: `${t}_service_port`, value: String(request.port), meaning: 'port the service listens on' }];
  if (conventions.siteVars.has('domain')) service.push({ name: `${t}_domain`, value: `"${names.label}.{{ domain }}"`, meaning: 'public name' });
  service.push({ name: `${t}_health_path`, value: '/', meaning: 'path that answers 200 when the service is healthy (TODO)' });
  if (docker) {
    service.push(
      { name: `${t}_image`, value: '"docker.io/library/nginx:1.27-alpine"', meaning: 'Docker image, pinned to a version (TODO: the real image)' },
      { name: `${t}_container_port`, value: '80', meaning: 'port inside the Docker container' },
      { name: `${t}_docker_name`, value: yamlText(t), meaning: 'Docker container name (backup_docker_containers stops it by this name)' },
      { name: `${t}_packages`, value: ['docker.io', 'python3-docker        # for community.docker modules'], meaning: 'Debian packages installed in the container' },
      { name: `${t}_base_dir`, value: paths.base, meaning: 'environment file and volumes' },
      { name: `${t}_data_dir`, value: paths.data, meaning: 'data volume (backed up)' },
      { name: `${t}_data_mount`, value: '/data', meaning: 'where the image expects its data (TODO)' },
    );
  } else {
    const packages = ['ca-certificates', ...(request.backupType === 'redis' ? ['redis-server'] : [])];
    service.push(
      { name: `${t}_packages`, value: packages, meaning: 'Debian packages installed in the container (TODO: the service\'s own)' },
      { name: `${t}_user`, value: yamlText(t), meaning: 'system user the service runs as' },
      { name: `${t}_data_dir`, value: paths.data, meaning: 'data directory' },
      { name: `${t}_config_dir`, value: paths.config, meaning: 'configuration and environment file' },
      {
        name: `${t}_exec_start`,
        value: `"/usr/bin/python3 -m http.server {{ ${t}_service_port }} --bind 0.0.0.0 --directory {{ ${t}_data_dir }}"`,
        meaning: 'command systemd runs (TODO: the placeholder only serves the data directory)',
      },
    );
  }
  sections.push({
    heading: docker
      ? ['# Service (Docker image; all state in the data volume)', '# TODO: replace the placeholder image (it answers on port 80, so the role runs end to end).']
      : [`# Service (systemd unit running ${t}_exec_start)`, '# TODO: replace the placeholder command (it answers on the port, so the role runs end to end).'],
    vars: service,
  });

  if (postgres) {
    sections.push({
      heading: [`# Database (on the ${postgres.name} server, container ${postgres.containerId})`],
      vars: [
        { name: `${t}_db_host`, value: `"{{ hostvars['${postgres.host}']['ansible_host'] }}"`, meaning: `inventory address of \`${postgres.host}\`` },
        { name: `${t}_db_port`, value: '5432', meaning: 'PostgreSQL port' },
        { name: `${t}_db_name`, value: yamlText(t), meaning: 'database (its name is the service\'s, as the backup role expects)' },
        { name: `${t}_db_user`, value: yamlText(t), meaning: 'login role' },
        { name: `${t}_db_password`, value: `"{{ vault_${t}_db_password }}"`, meaning: 'password of the login role (vault)' },
      ],
    });
  }
  if (request.backupType === 'redis') {
    sections.push({
      heading: [`# Redis (local redis-server; backups copy its RDB snapshot)`],
      vars: [
        { name: `${t}_redis_port`, value: '6379', meaning: 'Redis port (localhost only)' },
        { name: `${t}_redis_rdb_path`, value: REDIS_RDB_PATH, meaning: 'RDB snapshot that backups copy' },
      ],
    });
  }
  if (!conventions.siteVars.has('container_ssh_public_key')) {
    sections.push({
      heading: ['# Access: public key injected into the container (the repo defines no container_ssh_public_key)'],
      vars: [{ name: `${t}_ssh_public_key_file`, value: '"~/.ssh/id_ed25519.pub"', meaning: 'public key file on the controller' }],
    });
  }
  return sections;
}

export function roleDefaults(input: TemplateInput): string {
  const lines: string[] = ['---'];
  for (const [index, section] of defaultSections(input).entries()) {
    if (index > 0) lines.push('');
    lines.push(...section.heading);
    for (const variable of section.vars) {
      if (Array.isArray(variable.value)) {
        lines.push(`${variable.name}:`, ...variable.value.map((item) => `  - ${item}`));
        continue;
      }
      const line = `${variable.name}: ${variable.value}`;
      lines.push(variable.unit ? `${line.padEnd(32)} # ${variable.unit}` : line);
    }
  }
  return fileText(lines);
}
