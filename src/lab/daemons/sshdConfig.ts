// A private sshd's configuration (lab-recipes.md, "A private sshd"): nothing in /etc/ssh is
// read or changed; keys, authorized keys and logs live in the lab's folder.

export interface SshdOptions {
  readonly listen: string;
  readonly port: number;
  readonly hostKey: string;
  readonly authorizedKeys: string;
  /** `SetEnv` pairs: what every session sees (the node's PATH with the stand-ins first, the lab's name). */
  readonly setEnv?: Readonly<Record<string, string>>;
}

export function sshdConfig(options: SshdOptions): string {
  const lines = [
    `ListenAddress ${options.listen}:${options.port}`,
    `HostKey ${options.hostKey}`,
    // The daemon runs in the foreground (-D) under the lab's own pid file; sshd writes none of its own.
    'PidFile none',
    `AuthorizedKeysFile ${options.authorizedKeys}`,
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'UsePAM no',
    // Keys under /tmp fail sshd's ownership check of the path; the lab's files are root's anyway.
    'StrictModes no',
    'Subsystem sftp internal-sftp',
    'ClientAliveInterval 5',
    'ClientAliveCountMax 2',
    // Ansible multiplexes many sessions over few connections, in parallel.
    'MaxSessions 50',
    'MaxStartups 50:30:100',
  ];
  const env = Object.entries(options.setEnv ?? {});
  if (env.length > 0) lines.push(`SetEnv ${env.map(([key, value]) => `${key}=${value}`).join(' ')}`);
  return `${lines.join('\n')}\n`;
}
