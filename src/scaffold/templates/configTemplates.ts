// roles/<name>_api/templates/: the service's environment file and (for systemd services) its
// unit. Jinja, rendered by the role's template tasks.

import { fileText, ref, type TemplateInput } from './input';

export function envTemplate(input: TemplateInput): string {
  const { names, conventions, postgres, request } = input;
  const e = names.env;
  const docker = input.runtime === 'docker';
  return fileText([
    '# {{ ansible_managed }}',
    `# Environment of ${names.display} (${docker ? 'Docker env_file' : 'systemd EnvironmentFile='}).`,
    '# TODO: the settings the service reads from its environment; rename these to its own.',
    `${e}_PORT=${ref(input, docker ? 'container_port' : 'service_port')}`,
    `${e}_DATA_DIR=${ref(input, docker ? 'data_mount' : 'data_dir')}`,
    ...(conventions.siteVars.has('domain') ? [`${e}_BASE_URL=https://${ref(input, 'domain')}`] : []),
    ...(postgres
      ? [
          `${e}_DB_HOST=${ref(input, 'db_host')}`,
          `${e}_DB_PORT=${ref(input, 'db_port')}`,
          `${e}_DB_NAME=${ref(input, 'db_name')}`,
          `${e}_DB_USER=${ref(input, 'db_user')}`,
          `${e}_DB_PASSWORD=${ref(input, 'db_password')}`,
        ]
      : []),
    ...(request.backupType === 'redis' ? [`${e}_REDIS_URL=redis://127.0.0.1:${ref(input, 'redis_port')}/0`] : []),
  ]);
}

export function unitTemplate(input: TemplateInput): string {
  const redis = input.request.backupType === 'redis';
  return fileText([
    '# {{ ansible_managed }}',
    '[Unit]',
    `Description=${input.names.display}`,
    `After=network-online.target${redis ? ' redis-server.service' : ''}`,
    `Wants=network-online.target${redis ? ' redis-server.service' : ''}`,
    '',
    '[Service]',
    'Type=simple',
    `User=${ref(input, 'user')}`,
    `Group=${ref(input, 'user')}`,
    `WorkingDirectory=${ref(input, 'data_dir')}`,
    `EnvironmentFile=${ref(input, 'config_dir')}/${input.names.name}.env`,
    `# TODO: ${input.names.token}_exec_start (defaults/main.yml) is a placeholder web server.`,
    `ExecStart=${ref(input, 'exec_start')}`,
    'Restart=always',
    'RestartSec=5',
    'NoNewPrivileges=true',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
  ]);
}
