// What every template of the scaffold reads: the request, the names derived from it, and the
// conventions of the repo the files land in.

import { stringify } from 'yaml';
import type { ServiceNames } from '../names';
import type { PostgresServer, RepoConventions } from '../repoConventions';
import type { ScaffoldRequest } from '../types';

export interface TemplateInput {
  request: ScaffoldRequest;
  names: ServiceNames;
  conventions: RepoConventions;
  /** `files` data lives in Docker volumes (what backup_docker_containers archives); the rest runs under systemd. */
  runtime: 'docker' | 'systemd';
  /** The shared PostgreSQL server, for backup type postgresql. */
  postgres?: PostgresServer;
  /** Container-side paths of the service's data, configuration and environment file. */
  paths: { base: string; data: string; config: string; envFile: string };
}

/** The Redis RDB file of Debian's redis-server, which backups copy. */
export const REDIS_RDB_PATH = '/var/lib/redis/dump.rdb';

export function servicePaths(name: string, runtime: TemplateInput['runtime']): TemplateInput['paths'] {
  if (runtime === 'docker') return { base: `/opt/${name}`, data: `/opt/${name}/data`, config: `/opt/${name}`, envFile: `/opt/${name}/${name}.env` };
  return { base: `/var/lib/${name}`, data: `/var/lib/${name}`, config: `/etc/${name}`, envFile: `/etc/${name}/${name}.env` };
}

/** `{{ <token>_<suffix> }}`: a reference to one of the role's own variables. */
export function ref(input: TemplateInput, suffix: string): string {
  return `{{ ${input.names.token}_${suffix} }}`;
}

/** Joins lines into a file's text, ending with one newline. */
export function fileText(lines: readonly string[]): string {
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

/**
 * A string as a YAML scalar the reader takes as that string: quoted when YAML would read it as
 * something else (`no`, `123`, `null`). Ansible reads YAML 1.1, Certify's own files 1.2.
 */
export function yamlText(value: string, version: '1.1' | '1.2' = '1.1'): string {
  return stringify(value, { version, lineWidth: 0 }).trimEnd();
}
