// `certify lab env`: what a shell or the engine needs to target the lab, and the prefix the
// engine puts before ansible-playbook so it runs inside the lab's namespace with the lab's HOME.

import type { LabLayout } from '../labLayout';
import { API_TOKEN_ID, labFiles } from './labFiles';
import { shellQuote } from '../../core/shellQuote';

export interface LabEndpoints {
  /** The API from the machine (loopback forward). */
  readonly apiUrl: string;
  /** The node's SSH from the machine (loopback forward). */
  readonly ssh: { readonly user: string; readonly host: string; readonly port: number };
  /** The node as the repo's inventory names it, reachable inside the lab namespace. */
  readonly nodeAddress: string;
  readonly vantage: { readonly user: string; readonly host: string; readonly port: number };
}

export function labEndpoints(layout: LabLayout): LabEndpoints {
  return {
    apiUrl: `https://127.0.0.1:${layout.forwards.apiPort}/api2/json`,
    ssh: { user: 'root', host: '127.0.0.1', port: layout.forwards.sshPort },
    nodeAddress: layout.node.management.address,
    vantage: { user: 'root', host: layout.vantage.address, port: 22 },
  };
}

/**
 * argv to put before a command so it runs in the lab: its namespace; HOME with the lab's ~/.ssh
 * (read by Ansible's lookups and known_hosts module); ssh told to use the lab's client config
 * (Ansible's default ssh_args plus `-F`); and the lab CA as the only trusted CA for curl,
 * Python and requests (nothing outside the lab is reachable from it anyway).
 */
export function labRunPrefix(layout: LabLayout): string[] {
  const files = labFiles(layout);
  return [
    'ip', 'netns', 'exec', layout.netns,
    'env',
    `HOME=${layout.paths.home}`,
    `ANSIBLE_SSH_ARGS=-C -o ControlMaster=auto -o ControlPersist=60s -F ${files.sshConfig}`,
    `CURL_CA_BUNDLE=${files.caCert}`,
    `SSL_CERT_FILE=${files.caCert}`,
    `REQUESTS_CA_BUNDLE=${files.caCert}`,
  ];
}

export function labEnv(layout: LabLayout): Record<string, string> {
  const files = labFiles(layout);
  const endpoints = labEndpoints(layout);
  return {
    CERTIFY_LAB_NAME: layout.name,
    CERTIFY_LAB_DIR: layout.dir,
    CERTIFY_LAB_NETNS: layout.netns,
    CERTIFY_LAB_WAN_NETNS: layout.wanNetns,
    CERTIFY_LAB_NODE_NAME: layout.node.name,
    CERTIFY_LAB_NODE_ADDRESS: endpoints.nodeAddress,
    PROXMOX_API_URL: endpoints.apiUrl,
    PROXMOX_API_TOKEN_ID: API_TOKEN_ID,
    PROXMOX_API_TOKEN_SECRET_FILE: files.apiTokenSecret,
    CERTIFY_LAB_CA: files.caCert,
    CERTIFY_LAB_SSH: `${endpoints.ssh.user}@${endpoints.ssh.host} -p ${endpoints.ssh.port}`,
    CERTIFY_LAB_SSH_HOST: endpoints.ssh.host,
    CERTIFY_LAB_SSH_PORT: String(endpoints.ssh.port),
    CERTIFY_LAB_SSH_USER: endpoints.ssh.user,
    CERTIFY_LAB_SSH_IDENTITY: files.operatorKey,
    CERTIFY_LAB_KNOWN_HOSTS: files.knownHosts,
    CERTIFY_LAB_SSH_CONFIG: files.sshConfig,
    CERTIFY_LAB_VANTAGE: `${endpoints.vantage.user}@${endpoints.vantage.host}`,
    CERTIFY_LAB_VANTAGE_NETNS: layout.wanNetns,
    CERTIFY_LAB_HOME: layout.paths.home,
    CERTIFY_LAB_EXTRA_VARS: files.extraVars,
    CERTIFY_LAB_BACKUP_ROOT: layout.paths.backups,
    CERTIFY_LAB_RESOLVERS: layout.publicResolvers.join(' '),
    CERTIFY_LAB_RUN: labRunPrefix(layout).map(shellQuote).join(' '),
  };
}

/** `export K='v'` lines, each value single-quoted (a `'` inside written `'\''`), so `eval` reads them back exactly. */
export function envExports(env: Readonly<Record<string, string>>): string {
  return Object.entries(env)
    .map(([key, value]) => `export ${key}='${value.replace(/'/g, `'\\''`)}'`)
    .join('\n');
}
