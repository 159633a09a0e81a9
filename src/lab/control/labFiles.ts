// The files `lab up` makes inside the lab's folder (beyond the folders labLayout names): keys,
// the API token, the Ansible extra vars. One module, so up, env, status and the daemons agree.

import * as path from 'node:path';
import type { LabLayout } from '../labLayout';

export const API_TOKEN_ID = 'automation@pve!ansible';

export interface LabFiles {
  /** The operator's key (Ansible's and Certify's identity for the node, the containers and the vantage host). */
  readonly operatorKey: string;
  readonly knownHosts: string;
  /**
   * The operator's ssh client config: ssh takes `~` from the password database, not from HOME,
   * so a HOME pointed at the lab is not enough for ssh itself to use the lab's key and known_hosts.
   */
  readonly sshConfig: string;
  readonly authorizedKeys: string;
  readonly nodeHostKey: string;
  readonly vantageHostKey: string;
  readonly nodeSshdConfig: string;
  readonly vantageSshdConfig: string;
  /** `{"tokens":[{"tokenid","secret"}]}`, read by the API server. */
  readonly apiTokens: string;
  /** The token's secret alone, for `certify lab env` (a shell reads it with `$(cat …)`). */
  readonly apiTokenSecret: string;
  readonly extraVars: string;
  readonly caCert: string;
  readonly sshSocket: string;
  readonly apiSocket: string;
  readonly template: string;
}

export const TEMPLATE_VOLUME = 'debian-12-standard_12.7-1_amd64.tar.zst';

export function labFiles(layout: LabLayout): LabFiles {
  const { ssh, env, pki, run, home, storageLocal } = layout.paths;
  return {
    operatorKey: path.join(home, '.ssh/id_ed25519'),
    knownHosts: path.join(home, '.ssh/known_hosts'),
    sshConfig: path.join(home, '.ssh/config'),
    authorizedKeys: path.join(ssh, 'authorized_keys'),
    nodeHostKey: path.join(ssh, 'node_host_ed25519'),
    vantageHostKey: path.join(ssh, 'vantage_host_ed25519'),
    nodeSshdConfig: path.join(ssh, 'node_sshd_config'),
    vantageSshdConfig: path.join(ssh, 'vantage_sshd_config'),
    apiTokens: path.join(env, 'api-tokens.json'),
    apiTokenSecret: path.join(env, 'api-token-secret'),
    extraVars: path.join(env, 'lab-vars.yml'),
    caCert: path.join(pki, 'ca.pem'),
    sshSocket: path.join(run, 'ssh.sock'),
    apiSocket: path.join(run, 'api.sock'),
    template: path.join(storageLocal, 'template/cache', TEMPLATE_VOLUME),
  };
}

/** The environment every lab program needs to find its lab (the stand-ins, the API). */
export function labProgramEnv(layout: LabLayout): Record<string, string> {
  return { CERTIFY_LAB_NAME: layout.name, CERTIFY_LAB_DIR: layout.dir };
}
