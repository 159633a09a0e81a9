// The services a change of repo files touches, whose static checks are redone at once (the tree
// shows them without waiting for a full validation): those discovery described anew (their
// definition, playbook or role defaults changed) and those applying a role with a changed file.
// What else a change can reach (a document every service cites, the backup role) waits for the
// full pass that follows.

import type { RepoModel, Service } from '../../core/service';

const ROLE_FILE = /^roles\/([^/]+)\//;

export function touchedServices(before: ReadonlyMap<string, Service>, model: RepoModel, changed: readonly string[]): Service[] {
  const roles = new Set(changed.flatMap((file) => ROLE_FILE.exec(file)?.[1] ?? []));
  return model.services.filter((service) => before.get(service.name) !== service || service.roles.some((role) => roles.has(role.name)));
}
