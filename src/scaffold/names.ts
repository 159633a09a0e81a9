// Every name the scaffold derives from the service name, in one place: Ansible identifiers use
// underscores (variables cannot hold '-'), DNS names and hostnames use dashes, files keep the name.

import type { ScaffoldRequest } from './types';

export interface ServiceNames {
  /** The service name as given (services/<name>.yml, playbooks/<name>-deploy.yml, scripts). */
  name: string;
  /** Variable prefix, role prefix, inventory host prefix, database and Docker container name. */
  token: string;
  role: string;
  /** Inventory host the role delegates to. */
  host: string;
  /** Container hostname and DNS label. */
  label: string;
  /** For task names and prose: "home-assistant" → "Home Assistant". */
  display: string;
  /** Prefix of the environment variables the scripts read: WIKI_URL. */
  env: string;
  files: {
    roleDir: string;
    defaults: string;
    tasks: string;
    handlers: string;
    envTemplate: string;
    unitTemplate: string;
    readme: string;
    playbook: string;
    definition: string;
    populate: string;
    verify: string;
  };
}

export function serviceNames(name: string): ServiceNames {
  const token = name.replace(/-/g, '_');
  const role = `${token}_api`;
  const roleDir = `roles/${role}`;
  return {
    name,
    token,
    role,
    host: `${token}_container`,
    label: name.replace(/_/g, '-'),
    display: name
      .split(/[-_]+/)
      .filter((word) => word.length > 0)
      .map((word) => word[0].toUpperCase() + word.slice(1))
      .join(' '),
    env: token.toUpperCase(),
    files: {
      roleDir,
      defaults: `${roleDir}/defaults/main.yml`,
      tasks: `${roleDir}/tasks/main.yml`,
      handlers: `${roleDir}/handlers/main.yml`,
      envTemplate: `${roleDir}/templates/${name}.env.j2`,
      unitTemplate: `${roleDir}/templates/${name}.service.j2`,
      readme: `${roleDir}/README.md`,
      playbook: `playbooks/${name}-deploy.yml`,
      definition: `services/${name}.yml`,
      populate: `scripts/populate-${name}-testdata.sh`,
      verify: `scripts/verify-${name}-testdata.sh`,
    },
  };
}

/** The files a request would create, whatever exists (checkRequest reports the existing ones). */
export function plannedPaths(request: Pick<ScaffoldRequest, 'name' | 'backupType'>): string[] {
  const { files } = serviceNames(request.name);
  const docker = request.backupType === 'files';
  return [
    files.defaults,
    files.tasks,
    files.handlers,
    files.envTemplate,
    ...(docker ? [] : [files.unitTemplate]),
    files.readme,
    files.playbook,
    files.definition,
    files.populate,
    files.verify,
  ];
}
