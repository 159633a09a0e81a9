// Checks a "New Service" request before anything is planned: the name, the container id, the
// address and the port, against the rules and against what the repo already uses. Each message
// says what to change.

import { SERVICE_NAME_PATTERN } from '../core/record';
import type { RepoModel } from '../core/service';
import { collectClaims } from './claims';
import { plannedPaths, serviceNames } from './names';
import { postgresServer } from './repoConventions';
import { MAX_CONTAINER_ID, networkPrefix, suggestFromClaims } from './suggest';
import { BACKUP_TYPES, type ScaffoldRequest } from './types';

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * Problems with the request, empty when it can be scaffolded. Pass the repo texts (as planScaffold
 * gets them) to also catch ids and addresses that only the inventory, group_vars or the backup
 * entries state; without them only the services in the model are compared.
 */
export function checkRequest(
  request: ScaffoldRequest,
  model: RepoModel,
  existing: (file: string) => boolean,
  texts: ReadonlyMap<string, string> = new Map(),
): string[] {
  const problems: string[] = [];
  const claims = collectClaims(model, texts);
  const suggestion = suggestFromClaims(claims);
  const name = request.name;
  let nameTaken = false;

  if (!SERVICE_NAME_PATTERN.test(name)) {
    problems.push(
      `Name "${name}" is not usable: use lowercase letters, digits, '-' and '_', starting with a letter or digit, at most 63 characters (e.g. "wiki" or "home-assistant").`,
    );
  } else {
    if (/[-_]$/.test(name)) problems.push(`Name "${name}" ends with '${name.slice(-1)}': end it with a letter or digit, so it can be the container's hostname.`);
    const token = serviceNames(name).token;
    const same = model.services.find((service) => service.name === name);
    const clash = model.services.find((service) => service.name !== name && serviceNames(service.name).token === token);
    nameTaken = same !== undefined;
    if (same) problems.push(`A service named ${name} already exists (${same.definitionFile ?? same.deployPlaybook ?? 'in this repo'}): pick another name.`);
    else if (clash) problems.push(`${name} would share the role ${token}_api and its variables with the service ${clash.name}: pick a name that differs in more than '-' and '_'.`);
  }

  if (!BACKUP_TYPES.includes(request.backupType)) {
    problems.push(`Backup type "${String(request.backupType)}" is unknown: choose ${BACKUP_TYPES.join(', ')}.`);
  } else if (request.backupType === 'postgresql') {
    if (!postgresServer(model)) {
      problems.push('Backup type postgresql needs the repo\'s PostgreSQL server, and no service named postgresql (with a container id) exists: deploy it first or choose another backup type.');
    }
    if (/^\d/.test(name)) problems.push(`The database would be named after the service, and a PostgreSQL database name cannot start with a digit: rename "${name}" or choose another backup type.`);
  }

  const id = request.containerId;
  if (!Number.isInteger(id) || id < 100 || id > MAX_CONTAINER_ID) {
    problems.push(`Container id ${String(id)} is out of range: Proxmox ids are whole numbers from 100 to ${MAX_CONTAINER_ID} (e.g. ${suggestion.containerId}).`);
  } else {
    const taken = claims.ids.get(id);
    if (taken) problems.push(`Container id ${id} is already used by ${taken.by}: pick a free id, e.g. ${suggestion.containerId}.`);
  }

  const ip = request.ipAddress.trim();
  const example = suggestion.ipAddress ? ` (e.g. ${suggestion.ipAddress})` : '';
  if (/\/\d+$/.test(ip) && IPV4.test(ip.replace(/\/\d+$/, ''))) {
    problems.push(`Give the address without a prefix length: ${ip.replace(/\/\d+$/, '')}. The role adds the network's prefix length itself.`);
  } else if (!IPV4.test(ip)) {
    problems.push(`"${request.ipAddress}" is not an IPv4 address: write four numbers 0-255 separated by dots${example}.`);
  } else {
    const last = Number(ip.split('.')[3]);
    const prefix = networkPrefix(claims);
    const taken = claims.ips.get(ip);
    if (last === 0 || last === 255) problems.push(`${ip} is a network or broadcast address, not a host address: pick another one${example}.`);
    else if (taken) problems.push(`Address ${ip} is already used by ${taken.by}: pick a free address${example}.`);
    if (prefix !== undefined && !ip.startsWith(`${prefix}.`)) {
      problems.push(`${ip} is outside the containers' network ${prefix}.0 (the gateway and bridge the role uses): pick an address in it${example}.`);
    }
  }

  const port = request.port;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) problems.push(`Port ${String(port)} is out of range: use a whole number from 1 to 65535.`);
  else if (port === 22) problems.push('Port 22 is the container\'s SSH port, which Ansible needs: give the service another port.');

  // A taken name already says it all; otherwise leftovers of an earlier attempt are worth knowing.
  if (SERVICE_NAME_PATTERN.test(name) && !nameTaken) {
    const found = plannedPaths(request).filter((file) => existing(file) || texts.has(file));
    if (found.length > 0) {
      problems.push(`Already in the repo: ${found.join(', ')}. The scaffold never overwrites a file; pick another name, or move these away to scaffold them anew.`);
    }
  }
  return problems;
}
