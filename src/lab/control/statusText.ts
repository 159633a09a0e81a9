// The lab's status in words: `certify lab status` prints it and the editor's "Lab Status" shows it.

import type { LabStatus } from './status';

export function statusText(status: LabStatus): string {
  const lines = [
    `lab '${status.name}' in ${status.dir}: ${status.up ? 'up' : status.exists ? 'NOT fully up (run certify lab up, or down)' : 'down'}`,
    `  API   ${status.endpoints.apiUrl}`,
    `  SSH   ssh ${status.endpoints.ssh.user}@${status.endpoints.ssh.host} -p ${status.endpoints.ssh.port} (node ${status.endpoints.nodeAddress}:22 in the lab)`,
    `  network ${status.network.complete ? 'complete' : 'incomplete'}: ${status.network.namespaces.join(', ') || 'no namespace'}`,
    '  daemons:',
    ...status.daemons.map((daemon) => `    ${daemon.name.padEnd(13)} ${daemon.alive ? `running (pid ${daemon.pid})` : 'not running'}  ${daemon.netns ?? 'machine'}`),
    status.containers.length > 0 ? '  containers:' : '  containers: none',
    ...status.containers.map((container) => `    ${container.vmid.padEnd(6)} ${container.state.padEnd(8)} ${container.ipv4.join(', ')}`),
  ];
  return lines.join('\n');
}
